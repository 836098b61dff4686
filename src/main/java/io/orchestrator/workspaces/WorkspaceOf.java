package io.orchestrator.workspaces;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The workspace a thing belongs to, found by its id: runs and artifacts through their workflow.
 * A workflow never changes workspace, so its answer is kept (bounded; a deleted workflow's entry is
 * harmless, its id is never used again); the others are one indexed query each.
 */
@ApplicationScoped
public class WorkspaceOf {

    private static final int MAX_REMEMBERED = 100_000;

    private final Map<String, String> ofWorkflow = new ConcurrentHashMap<>();

    @Inject
    WorkspaceQueries queries;

    /** The workspace of the thing with that id; empty when there is no such thing. */
    public Optional<String> find(Held held, String id) {
        if (id == null || id.length() > 64) {
            return Optional.empty();
        }
        if (held == Held.WORKFLOW) {
            return workflow(id);
        }
        return queries.workspace(held, id);
    }

    public Optional<String> workflow(String workflowId) {
        if (workflowId == null || workflowId.length() > 64) {
            return Optional.empty();
        }
        String known = ofWorkflow.get(workflowId);
        if (known != null) {
            return Optional.of(known);
        }
        Optional<String> found = queries.workspace(Held.WORKFLOW, workflowId);
        found.ifPresent(workspace -> {
            if (ofWorkflow.size() >= MAX_REMEMBERED) {
                ofWorkflow.clear();
            }
            ofWorkflow.put(workflowId, workspace);
        });
        return found;
    }
}
