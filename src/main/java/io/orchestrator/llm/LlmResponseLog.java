package io.orchestrator.llm;

import static io.orchestrator.platform.Jsonp.JSON;

import io.orchestrator.artifacts.ArtifactDescription;
import io.orchestrator.artifacts.ArtifactOrigin;
import io.orchestrator.artifacts.ArtifactType;
import io.orchestrator.artifacts.NodeArtifacts;
import io.orchestrator.engine.journal.JournalEntry;
import io.orchestrator.engine.journal.RunJournal;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The llm nodes' candidates as stored: written by the node, read per run and node, summed per run.
 * Each answer a model gave (not one from the cache) is also an {@code llm_response} artifact of its step
 * (seed 001's artifact view, a file to download).
 */
@ApplicationScoped
public class LlmResponseLog implements LlmResponseStore {

    @PersistenceContext(unitName = "orchestrator")
    EntityManager em;

    @Inject
    RunJournal journal;

    @Inject
    LlmMetrics metrics;

    @Inject
    NodeArtifacts artifacts;

    /**
     * Through the run's journal, without waiting: appended while the node runs, the rows come
     * before the node's own final row in the same writer's queue, so they are written in the same
     * group commit or an earlier one, as durable as the step, and they stay whatever becomes of the
     * attempt. Their own transaction cost a commit per node (about 1.2 ms, most of what a cache hit
     * cost).
     */
    @Override
    public void keep(List<LlmResponse> responses) {
        if (!responses.isEmpty()) {
            metrics.count(responses);
            journal.append(responses.get(0).runId(), new JournalEntry.TableRows<>(LlmResponseRows.TABLE, responses));
            keepAsArtifacts(responses);
        }
    }

    /**
     * The records as the API shows them, one JSON file each, kept once the node has gone on. Not for
     * answers from the cache: a file and a commit would double what a hit adds to a run (measured:
     * +0.5 to +1 ms on top of 0.5 ms), and the answer is already the artifact of the step that asked
     * the model first; its record here says it was cached.
     */
    private void keepAsArtifacts(List<LlmResponse> responses) {
        List<LlmResponse> asked =
                responses.stream().filter(response -> !response.cached()).toList();
        if (asked.isEmpty()) {
            return;
        }
        LlmResponse first = asked.get(0);
        List<NodeArtifacts.MadeFile> files = asked.stream()
                .map(response -> new NodeArtifacts.MadeFile(
                        describe(response),
                        LlmResponseJson.of(response).toString().getBytes(StandardCharsets.UTF_8)))
                .toList();
        artifacts.keepLater(new ArtifactOrigin(first.runId(), first.workflowId(), first.nodeId()), files);
    }

    private static ArtifactDescription describe(LlmResponse response) {
        int number = response.candidateIndex() + 1;
        String name = "Candidate " + number + " (" + response.model() + ")";
        return new ArtifactDescription(
                name.length() > 255 ? name.substring(0, 254) + "…" : name,
                "llm-response-" + response.attempt() + "-" + number + ".json",
                "application/json",
                ArtifactType.LLM_RESPONSE,
                List.of());
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
