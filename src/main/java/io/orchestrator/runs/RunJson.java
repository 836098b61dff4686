package io.orchestrator.runs;

import static io.orchestrator.platform.Jsonp.JSON;

import io.orchestrator.engine.StepStatus;
import io.orchestrator.nodes.HumanInputNode;
import io.orchestrator.platform.JsonText;
import io.orchestrator.platform.Timestamps;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * How runs look in the API. Every field is always present, null when it does not apply, so that
 * clients see one shape whatever state a run is in.
 */
final class RunJson {

    private RunJson() {}

    /** A run in a list: {@code task_id} as start_execution and task_status name it, {@code id} the same. */
    static JsonObjectBuilder summary(RunSummary run) {
        return JSON.createObjectBuilder()
                .add("task_id", run.id())
                .add("id", run.id())
                .add("workflow_id", run.workflowId())
                .add("workflow_version", run.workflowVersion())
                .add("status", run.status().name())
                .add("trigger", run.triggerType())
                .add("created_at", Timestamps.json(run.createdAt()))
                .add("started_at", Timestamps.json(run.startedAt()))
                .add("finished_at", Timestamps.json(run.finishedAt()))
                .add("duration_ms", durationMs(run.startedAt(), run.finishedAt()))
                .add("error", text(run.error()))
                .add("parent_run_id", text(run.parentRunId()))
                .add("from_node_id", text(run.fromNodeId()))
                .add("session_id", text(run.sessionId()));
    }

    /** The run with its input, output and every attempt of every node, in the order they began. */
    static JsonObject detail(Run run, List<NodeExecution> executions) {
        JsonArrayBuilder history = JSON.createArrayBuilder();
        executions.forEach(execution -> history.add(nodeExecution(execution)));
        return summary(run.summary())
                .add("input", JsonText.parse(run.input()))
                .add("output", JsonText.parse(run.output()))
                .add("node_executions", history)
                .build();
    }

    static JsonObjectBuilder nodeExecution(NodeExecution execution) {
        boolean waiting = execution.status() == StepStatus.WAITING;
        JsonObjectBuilder json = JSON.createObjectBuilder()
                .add("node_id", execution.nodeId())
                .add("node_name", execution.nodeName())
                .add("node_type", execution.nodeType())
                .add("attempt", execution.attempt())
                .add("status", execution.status().name())
                // A waiting step keeps the route its wake-up takes; it has taken none yet.
                .add("route", waiting ? JsonValue.NULL : text(execution.route()))
                .add("input", JsonText.parse(execution.input()))
                .add("output", JsonText.parse(execution.output()))
                .add("error", text(execution.error()))
                .add("error_type", text(execution.errorType()))
                .add("started_at", Timestamps.json(execution.startedAt()))
                .add("finished_at", Timestamps.json(execution.finishedAt()))
                .add("duration_ms", durationMs(execution.startedAt(), execution.finishedAt()))
                .add("wake_at", Timestamps.json(execution.wakeAt()));
        if (waiting && HumanInputNode.KEY.equals(execution.nodeType())) {
            json.add("request", JsonText.parse(execution.output()));
        }
        return json;
    }

    /** Null until both ends are known: a run or node under way has no duration yet. */
    private static JsonValue durationMs(Instant start, Instant end) {
        return start == null || end == null
                ? JsonValue.NULL
                : JSON.createValue(Duration.between(start, end).toMillis());
    }

    private static JsonValue text(String value) {
        return value == null ? JsonValue.NULL : JSON.createValue(value);
    }
}
