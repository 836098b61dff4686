package io.orchestrator.engine.webhooks;

import io.orchestrator.engine.ShortLivedCache;
import io.orchestrator.platform.ApiException;
import io.orchestrator.platform.FieldErrors;
import io.orchestrator.platform.JsonText;
import io.orchestrator.workflow.WorkflowChanged;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.json.JsonObject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Which webhook node answers which path, across the whole server (table webhook_path, the path
 * its primary key). Kept in step inside the transaction of every workflow change, so that a path
 * another workflow already uses refuses the change (422) instead of being shared.
 */
@ApplicationScoped
public class WebhookPaths {

    private static final long CACHE_MILLIS = 5_000;

    public record Target(String workflowId, String nodeId) {}

    @PersistenceContext(unitName = "orchestrator")
    EntityManager em;

    private final ShortLivedCache<String, Optional<Target>> cache = new ShortLivedCache<>(CACHE_MILLIS, 10_000);

    /** The node that answers a path; cached a few seconds (this server's changes show at once). */
    public Optional<Target> find(String path) {
        return cache.get(path, this::lookup);
    }

    @Transactional
    Optional<Target> lookup(String path) {
        List<?> rows = em.createNativeQuery("SELECT workflow_id, node_id FROM webhook_path WHERE path = ?1")
                .setParameter(1, path)
                .getResultList();
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        Object[] row = (Object[]) rows.get(0);
        return Optional.of(new Target((String) row[0], (String) row[1]));
    }

    void sync(@Observes WorkflowChanged changed) {
        if (changed.deleted()) {
            return;
        }
        String workflowId = changed.workflowId();
        Map<String, String> wanted = new HashMap<>();
        Map<String, String> nodeNames = new HashMap<>();
        // JPQL, not SQL: a native query hands H2's CLOB column back as a Clob, not as text.
        for (Object[] row : em.createQuery(
                        "select n.id, n.name, n.formValues from WorkflowNode n"
                                + " where n.workflowId = :workflowId and n.nodeType = 'webhook'",
                        Object[].class)
                .setParameter("workflowId", workflowId)
                .getResultList()) {
            JsonObject form = JsonText.parseObject((String) row[2]);
            String path = normalize(form.getString("path", ""));
            if (!path.isEmpty()) {
                wanted.put((String) row[0], path);
                nodeNames.put((String) row[0], (String) row[1]);
            }
        }
        Map<String, String> stored = new HashMap<>();
        for (Object result : em.createNativeQuery("SELECT node_id, path FROM webhook_path WHERE workflow_id = ?1")
                .setParameter(1, workflowId)
                .getResultList()) {
            Object[] row = (Object[]) result;
            stored.put((String) row[0], (String) row[1]);
        }
        if (wanted.equals(stored)) {
            return;
        }
        FieldErrors errors = new FieldErrors();
        Map<String, String> seen = new HashMap<>();
        wanted.forEach((nodeId, path) -> {
            String twin = seen.putIfAbsent(path, nodeId);
            if (twin != null) {
                errors.nested(nodeNames.get(nodeId))
                        .add(
                                "path",
                                "Node '" + nodeNames.get(twin) + "' of this workflow already uses the path '" + path
                                        + "'.");
            }
        });
        em.createNativeQuery("DELETE FROM webhook_path WHERE workflow_id = ?1")
                .setParameter(1, workflowId)
                .executeUpdate();
        wanted.forEach((nodeId, path) -> {
            List<?> owner = em.createNativeQuery("SELECT workflow_id FROM webhook_path WHERE path = ?1")
                    .setParameter(1, path)
                    .getResultList();
            if (!owner.isEmpty()) {
                errors.nested(nodeNames.get(nodeId))
                        .add(
                                "path",
                                "The path '" + path + "' is already used by a webhook of workflow " + owner.get(0)
                                        + "; choose another.");
            }
        });
        if (!errors.isEmpty()) {
            throw ApiException.validation("Webhook path already in use", errors);
        }
        wanted.forEach((nodeId, path) -> em.createNativeQuery(
                        "INSERT INTO webhook_path (path, workflow_id, node_id) VALUES (?1, ?2, ?3)")
                .setParameter(1, path)
                .setParameter(2, workflowId)
                .setParameter(3, nodeId)
                .executeUpdate());
    }

    // Any workflow's change may free or take any path.
    void forget(@Observes(during = TransactionPhase.AFTER_COMPLETION) WorkflowChanged changed) {
        cache.invalidateAll();
    }

    static String normalize(String path) {
        String trimmed = path.trim();
        while (trimmed.startsWith("/")) {
            trimmed = trimmed.substring(1);
        }
        while (trimmed.endsWith("/")) {
            trimmed = trimmed.substring(0, trimmed.length() - 1);
        }
        return trimmed;
    }
}
