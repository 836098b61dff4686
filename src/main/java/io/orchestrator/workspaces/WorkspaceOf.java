package io.orchestrator.workspaces;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The workspace a thing belongs to, found by its id: runs and artifacts through their workflow.
 * A workflow never changes workspace, so its answer is kept (bounded; a deleted workflow's entry is
 * harmless, its id is never used again); the others are one indexed query each. Transactional
 * because a WebSocket's or an engine worker's thread has none, and Liberty's entity manager needs one.
 */
@ApplicationScoped
@Transactional
public class WorkspaceOf {

    private static final int MAX_REMEMBERED = 100_000;

    private static final Map<Held, String> QUERIES = Map.of(
            Held.WORKFLOW, "SELECT workspace FROM workflow WHERE id = ?1",
            Held.RUN, "SELECT w.workspace FROM run r JOIN workflow w ON w.id = r.workflow_id WHERE r.id = ?1",
            Held.ARTIFACT, "SELECT w.workspace FROM artifact a JOIN workflow w ON w.id = a.workflow_id WHERE a.id = ?1",
            Held.CONNECTION, "SELECT workspace FROM service_connection WHERE id = ?1",
            Held.BLOCK, "SELECT workspace FROM prompt_block WHERE id = ?1",
            Held.CACHE_ENTRY, "SELECT workspace FROM llm_cache WHERE cache_key = ?1");

    private final Map<String, String> ofWorkflow = new ConcurrentHashMap<>();

    @PersistenceContext(unitName = "orchestrator")
    EntityManager em;

    /** The workspace of the thing with that id; empty when there is no such thing. */
    public Optional<String> find(Held held, String id) {
        if (id == null || id.length() > 64) {
            return Optional.empty();
        }
        if (held == Held.WORKFLOW) {
            return workflow(id);
        }
        return query(held, id);
    }

    public Optional<String> workflow(String workflowId) {
        if (workflowId == null || workflowId.length() > 64) {
            return Optional.empty();
        }
        String known = ofWorkflow.get(workflowId);
        if (known != null) {
            return Optional.of(known);
        }
        Optional<String> found = query(Held.WORKFLOW, workflowId);
        found.ifPresent(workspace -> {
            if (ofWorkflow.size() >= MAX_REMEMBERED) {
                ofWorkflow.clear();
            }
            ofWorkflow.put(workflowId, workspace);
        });
        return found;
    }

    private Optional<String> query(Held held, String id) {
        List<?> rows =
                em.createNativeQuery(QUERIES.get(held)).setParameter(1, id).getResultList();
        // A cache entry made without a workspace belongs to none: only an admin reaches it.
        return rows.isEmpty() ? Optional.empty() : Optional.of(rows.get(0) == null ? "" : (String) rows.get(0));
    }
}
