package io.orchestrator.engine.expressions;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.util.function.Function;

/**
 * The data an expression may read: {@code input}, {@code nodes['Name'].output}, {@code run},
 * {@code session} (the session's variables) and {@code workflow}. Nothing else is reachable.
 *
 * @param nodeOutputs a node's output by node name, or null when that node has no output (yet)
 */
public record ExpressionScope(
        JsonValue input,
        Function<String, JsonValue> nodeOutputs,
        JsonObject run,
        JsonObject session,
        JsonObject workflow) {

    /** A scope with only an input, for checks and for nodes run on their own. */
    public static ExpressionScope ofInput(JsonValue input) {
        return new ExpressionScope(
                input,
                name -> null,
                JsonValue.EMPTY_JSON_OBJECT,
                JsonValue.EMPTY_JSON_OBJECT,
                JsonValue.EMPTY_JSON_OBJECT);
    }
}
