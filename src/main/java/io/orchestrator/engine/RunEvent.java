package io.orchestrator.engine;

import io.orchestrator.platform.Jsonp;
import jakarta.json.JsonObject;
import java.time.Instant;

/**
 * Something that happened in a run, fired as a CDI event only after the state change it reports
 * is in the database. node_completed carries its route, node_failed its error (and its route when
 * the error route was taken), node_waiting for a person's answer its request. Fields that do not
 * apply are null.
 */
public record RunEvent(
        EventType type,
        String workflowId,
        String taskId,
        String nodeId,
        String nodeType,
        String nodeName,
        String route,
        String error,
        Instant at,
        JsonObject request,
        Long durationMs) {

    public RunEvent(
            EventType type,
            String workflowId,
            String taskId,
            String nodeId,
            String nodeType,
            String nodeName,
            String route,
            String error,
            Instant at) {
        this(type, workflowId, taskId, nodeId, nodeType, nodeName, route, error, at, null, null);
    }

    /** The WebSocket message of this event: its type's wire name, the workflow, the run as task_id, and what applies. */
    public JsonObject toJson() {
        var json = Jsonp.JSON
                .createObjectBuilder()
                .add("type", type.wireName())
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
        if (request != null) {
            json.add("request", request);
        }
        if (durationMs != null) {
            json.add("duration_ms", durationMs);
        }
        return json.build();
    }
}
