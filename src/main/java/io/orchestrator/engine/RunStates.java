package io.orchestrator.engine;

import jakarta.json.JsonObject;

/** The live picture of a workflow's latest run, for WebSocket clients that connect or ask again. */
public interface RunStates {

    /**
     * The {@code state} object of a state_sync message: workflow_id, task_id (null when it never ran), status,
     * executing_nodes (by node id, with started_at and duration_seconds), completed_nodes,
     * completed_count.
     */
    JsonObject stateOf(String workflowId);
}
