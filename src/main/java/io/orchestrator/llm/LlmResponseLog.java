package io.orchestrator.llm;

import static io.orchestrator.platform.Jsonp.JSON;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.json.JsonObject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;
import java.math.BigDecimal;
import java.util.List;

/** The llm nodes' candidates as stored: written by the node, read per run and node, summed per run. */
@ApplicationScoped
public class LlmResponseLog implements LlmResponseStore {

    @PersistenceContext(unitName = "orchestrator")
    EntityManager em;

    /** In a transaction of its own: the rows stay whatever becomes of the attempt afterwards. */
    @Override
    @Transactional(TxType.REQUIRES_NEW)
    public void keep(List<LlmResponse> responses) {
        responses.forEach(em::persist);
    }

    @Transactional
    public List<LlmResponse> ofRun(String runId, String nodeId) {
        if (nodeId == null || nodeId.isBlank()) {
            return em.createNamedQuery("LlmResponse.ofRun", LlmResponse.class)
                    .setParameter("runId", runId)
                    .getResultList();
        }
        return em.createNamedQuery("LlmResponse.ofRunNode", LlmResponse.class)
                .setParameter("runId", runId)
                .setParameter("nodeId", nodeId)
                .getResultList();
    }

    /** {@code {tokens: {prompt, completion, total}, cost_usd}} over every candidate of the run. */
    @Transactional
    public JsonObject totals(String runId) {
        Object[] sums = em.createNamedQuery("LlmResponse.totalsOfRun", Object[].class)
                .setParameter("runId", runId)
                .getSingleResult();
        long prompt = sums[0] == null ? 0 : ((Number) sums[0]).longValue();
        long completion = sums[1] == null ? 0 : ((Number) sums[1]).longValue();
        BigDecimal cost = sums[2] == null ? BigDecimal.ZERO : (BigDecimal) sums[2];
        return JSON.createObjectBuilder()
                .add("tokens", LlmResponseJson.tokens(prompt, completion))
                .add("cost_usd", Prices.exact(cost))
                .build();
    }

    /** With its run (the run's deletion is the caller's transaction). */
    @Transactional
    public void deleteOfRun(String runId) {
        em.createNamedQuery("LlmResponse.deleteOfRun")
                .setParameter("runId", runId)
                .executeUpdate();
    }
}
