package io.orchestrator.workspaces;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The database side of {@link WorkspaceOf}: one indexed query per kind of thing. Transactional
 * because a WebSocket's or an engine worker's thread has none, and Liberty's entity manager needs
 * one; kept apart so that an answer {@link WorkspaceOf} remembers starts no transaction.
 */
@ApplicationScoped
@Transactional
public class WorkspaceQueries {

    private static final Map<Held, String> QUERIES = Map.of(
            Held.WORKFLOW, "SELECT workspace FROM workflow WHERE id = ?1",
            Held.RUN, "SELECT w.workspace FROM run r JOIN workflow w ON w.id = r.workflow_id WHERE r.id = ?1",
            Held.ARTIFACT, "SELECT w.workspace FROM artifact a JOIN workflow w ON w.id = a.workflow_id WHERE a.id = ?1",
            Held.CONNECTION, "SELECT workspace FROM service_connection WHERE id = ?1",
            Held.BLOCK, "SELECT workspace FROM prompt_block WHERE id = ?1",
            Held.CACHE_ENTRY, "SELECT workspace FROM llm_cache WHERE cache_key = ?1");

    @PersistenceContext(unitName = "orchestrator")
    EntityManager em;

    /** The workspace of the thing with that id; empty when there is no such thing. */
    public Optional<String> workspace(Held held, String id) {
        List<?> rows =
                em.createNativeQuery(QUERIES.get(held)).setParameter(1, id).getResultList();
        // A cache entry made without a workspace belongs to none: only an admin reaches it.
        return rows.isEmpty() ? Optional.empty() : Optional.of(rows.get(0) == null ? "" : (String) rows.get(0));
    }
}
