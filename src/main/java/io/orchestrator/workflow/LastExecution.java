package io.orchestrator.workflow;

import io.orchestrator.platform.JsonText;
import jakarta.json.JsonValue;
import java.time.Instant;

/**
 * What one node last got and produced, as JSON text (null for none), and when it finished: from a
 * run's node execution or from development mode. A time of null is development data kept from
 * before nodes recorded it, older than any run.
 */
public record LastExecution(String nodeId, String input, String output, Instant at) {

    /** The execution's output as JSON: JSON null when there is no execution or it had no output. */
    static JsonValue outputOf(LastExecution execution) {
        return execution == null ? JsonValue.NULL : JsonText.parse(execution.output());
    }

    /** The later of two executions of the same node; either may be null. */
    static LastExecution newer(LastExecution one, LastExecution other) {
        if (one == null || other == null) {
            return one == null ? other : one;
        }
        if (one.at() == null || other.at() == null) {
            return one.at() == null ? other : one;
        }
        return other.at().isAfter(one.at()) ? other : one;
    }
}
