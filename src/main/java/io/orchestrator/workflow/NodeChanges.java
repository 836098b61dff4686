package io.orchestrator.workflow;

import io.orchestrator.platform.RequestBody;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.util.Optional;

/**
 * What a request asks to set on a node; absent parts stay as they are. Read from the request's
 * JSON with its problems recorded on the body.
 */
public record NodeChanges(
        Optional<String> name,
        Optional<Position> position,
        Optional<JsonObject> formValues,
        Optional<Boolean> disabled,
        Optional<Integer> maxAttempts,
        Optional<Long> retryDelayMs,
        Optional<Double> backoffMultiplier,
        Optional<Long> timeoutMs,
        boolean clearTimeout) {

    static final double MAX_COORDINATE = 10_000_000;

    public static NodeChanges read(RequestBody body) {
        Optional<String> name = body.text("name", 200).map(String::trim);
        if (name.isPresent() && name.get().isEmpty()) {
            body.errors().add("name", "This field may not be blank.");
        }
        Optional<Position> position = body.object("position").flatMap(json -> readPosition(json, body));
        Optional<JsonObject> formValues = body.object("form_values");
        Optional<Boolean> disabled = body.bool("disabled");
        Optional<Integer> maxAttempts = Optional.empty();
        Optional<Long> delay = Optional.empty();
        Optional<Double> backoff = Optional.empty();
        Optional<JsonObject> retry = body.object("retry");
        if (retry.isPresent()) {
            RequestBody retryBody = RequestBody.part(retry.get(), body.errors().nested("retry"));
            maxAttempts = retryBody.integer("max_attempts", 1, 10).map(Long::intValue);
            delay = retryBody.integer("delay_ms", 0, 86_400_000);
            backoff = retryBody.number("backoff_multiplier", 1, 10);
        }
        boolean clearTimeout = body.has("timeout_ms") && body.json().get("timeout_ms") == JsonValue.NULL;
        Optional<Long> timeout = body.integer("timeout_ms", 1, 86_400_000);
        return new NodeChanges(
                name, position, formValues, disabled, maxAttempts, delay, backoff, timeout, clearTimeout);
    }

    /** New form values only, as development mode receives them with the node to execute. */
    public static NodeChanges ofFormValues(JsonObject formValues) {
        return new NodeChanges(
                Optional.empty(),
                Optional.empty(),
                Optional.of(formValues),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                false);
    }

    /** The position, or empty with the reason recorded under {@code position.x} / {@code position.y}. */
    static Optional<Position> readPosition(JsonObject json, RequestBody body) {
        RequestBody position = RequestBody.part(json, body.errors().nested("position"));
        Optional<Double> x = coordinate(position, "x");
        Optional<Double> y = coordinate(position, "y");
        return x.isPresent() && y.isPresent() ? Optional.of(new Position(x.get(), y.get())) : Optional.empty();
    }

    // A missing axis is reported inside the position part: "position" itself already holds the
    // part's errors, so a message added beside them would have nowhere to go.
    private static Optional<Double> coordinate(RequestBody position, String axis) {
        if (!position.has(axis) || position.json().isNull(axis)) {
            position.errors().add(axis, "This field is required: a number.");
            return Optional.empty();
        }
        return position.number(axis, -MAX_COORDINATE, MAX_COORDINATE);
    }

    NodeSettings applyTo(NodeSettings current) {
        return new NodeSettings(
                disabled.orElse(current.disabled()),
                maxAttempts.orElse(current.maxAttempts()),
                retryDelayMs.orElse(current.retryDelayMs()),
                backoffMultiplier.orElse(current.backoffMultiplier()),
                clearTimeout ? null : timeoutMs.orElse(current.timeoutMs()));
    }
}
