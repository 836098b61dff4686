package io.orchestrator.realtime;

import static io.orchestrator.platform.Jsonp.JSON;

import io.orchestrator.platform.ErrorCode;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import java.time.Instant;

/**
 * The texts the server sends besides run events: state_sync, pong, errors about a client's message,
 * the llm node's stream_token and stream_complete, the command node's log_entry and step_update, and
 * artifact_created.
 */
final class SocketMessages {

    static final String PONG =
            JSON.createObjectBuilder().add("type", "pong").build().toString();

    private SocketMessages() {}

    static String stateSync(JsonObject state) {
        return JSON.createObjectBuilder()
                .add("type", "state_sync")
                .add("state", state)
                .build()
                .toString();
    }

    /** An error about one message; unlike the REST errors it carries a type, and the connection stays. */
    static String error(ErrorCode code, String message) {
        return JSON.createObjectBuilder()
                .add("type", "error")
                .add("error", message)
                .add("code", code.name())
                .build()
                .toString();
    }

    static String streamToken(
            String workflowId, String taskId, String nodeId, int candidate, String model, String content, Instant at) {
        return aboutNode("stream_token", workflowId, taskId, nodeId)
                .add("candidate", candidate)
                .add("model", model == null ? JsonValue.NULL : JSON.createValue(model))
                .add("content", content)
                .add("timestamp", at.toString())
                .build()
                .toString();
    }

    /** The same with the details of a refused request (the fields of a bad answer). */
    static String error(ErrorCode code, String message, JsonObject details) {
        return JSON.createObjectBuilder()
                .add("type", "error")
                .add("error", message)
                .add("code", code.name())
                .add("details", details == null ? JsonValue.EMPTY_JSON_OBJECT : details)
                .build()
                .toString();
    }

    static String streamComplete(
            String workflowId, String taskId, String nodeId, int totalResponses, double totalTimeSeconds, Instant at) {
        return aboutNode("stream_complete", workflowId, taskId, nodeId)
                .add("total_responses", totalResponses)
                .add("total_time_seconds", totalTimeSeconds)
                .add("timestamp", at.toString())
                .build()
                .toString();
    }

    /**
     * Consecutive lines of one output of a command, joined by line ends: {@code lines} of them from
     * line number {@code first_line} (counted over both outputs), printed in step {@code step} (an
     * index, null before the first); {@code dropped} lines of this output, printed since the previous
     * message and before these, were left out of the live log.
     */
    static String logEntry(
            String workflowId,
            String taskId,
            String nodeId,
            String stream,
            String text,
            int lines,
            long firstLine,
            Integer step,
            long dropped,
            Instant at) {
        return aboutNode("log_entry", workflowId, taskId, nodeId)
                .add("stream", stream)
                .add("line", text)
                .add("lines", lines)
                .add("first_line", firstLine)
                .add("step", step == null ? JsonValue.NULL : JSON.createValue(step))
                .add("dropped", dropped)
                .add("timestamp", at.toString())
                .build()
                .toString();
    }

    /** A command's step started or ended. */
    static String stepUpdate(String workflowId, String taskId, String nodeId, JsonObject step, Instant at) {
        return aboutNode("step_update", workflowId, taskId, nodeId)
                .add("step", step)
                .add("timestamp", at.toString())
                .build()
                .toString();
    }

    /** An artifact was kept for a run (uploaded, or produced by one of its nodes, then {@code node_id} is set). */
    static String artifactCreated(String workflowId, String taskId, String nodeId, JsonObject artifact, Instant at) {
        return JSON.createObjectBuilder()
                .add("type", "artifact_created")
                .add("workflow_id", workflowId)
                .add("task_id", taskId)
                .add("node_id", nodeId == null ? JsonValue.NULL : JSON.createValue(nodeId))
                .add("artifact", artifact)
                .add("timestamp", at.toString())
                .build()
                .toString();
    }

    /** A client's request done: what it asked ({@code request}) and where the run stands now. */
    static String acknowledged(String request, JsonObject result) {
        return JSON.createObjectBuilder(result)
                .add("type", "ack")
                .add("request", request)
                .build()
                .toString();
    }

    /** The state of a workflow that has no run to tell about. */
    static JsonObject idleState(String workflowId) {
        return JSON.createObjectBuilder()
                .add("workflow_id", workflowId)
                .add("task_id", JsonValue.NULL)
                .add("status", "idle")
                .add("executing_nodes", JsonValue.EMPTY_JSON_OBJECT)
                .add("completed_nodes", JsonValue.EMPTY_JSON_ARRAY)
                .add("completed_count", 0)
                .build();
    }

    /** A message about a node of a run; development mode has no run, so its task is null. */
    private static JsonObjectBuilder aboutNode(String type, String workflowId, String taskId, String nodeId) {
        return JSON.createObjectBuilder()
                .add("type", type)
                .add("workflow_id", workflowId)
                .add("task_id", taskId == null ? JsonValue.NULL : JSON.createValue(taskId))
                .add("node_id", nodeId);
    }
}
