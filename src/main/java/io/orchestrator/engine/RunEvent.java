package io.orchestrator.engine;

import io.orchestrator.platform.Jsonp;
import jakarta.json.JsonObject;
import java.time.Instant;

/**
 * Something that happened in a run, fired as a CDI event only after the state change it reports
 * is in the database. Types: node_started, node_completed (with route), node_failed (with error),
 * node_skipped, node_waiting, workflow_started, workflow_waiting, workflow_completed,
 * workflow_failed, workflow_revoked. Fields that do not apply are null.
 */
public record RunEvent(String type, String workflowId, String taskId, String nodeId, String nodeType,
                       String nodeName, String route, String error, Instant at) {

    /** The WebSocket message of this event, as DESIGN section 5 and the seed describe it. */
    public JsonObject toJson() {
        var json = Jsonp.JSON.createObjectBuilder()
                .add("type", type)
                .add("workflow_id", workflowId)
                .add("task_id", taskId)
                .add("timestamp", at.toString());
        if (nodeId != null) {
            json.add("node_id", nodeId).add("node_type", nodeType).add("node_name", nodeName);
        }
        if (route != null) {
            json.add("route", route);
        }
        if (error != null) {
            json.add("error", error);
        }
        return json.build();
    }
}
