package io.orchestrator.nodes;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.time.Instant;

/**
 * What a node produced: its output and the route it takes. A node may instead pause the run until
 * a time ({@code wakeAt}), wait for a person's answer ({@code awaitsAnswer}: the output is the
 * request shown to them, and {@code route} the route taken if {@code wakeAt} comes first), or give
 * the webhook's answer ({@code webhookAnswer}: status, headers, body).
 */
public record NodeOutcome(
        JsonValue output, String route, Instant wakeAt, JsonObject webhookAnswer, boolean awaitsAnswer) {

    public NodeOutcome(JsonValue output, String route, Instant wakeAt, JsonObject webhookAnswer) {
        this(output, route, wakeAt, webhookAnswer, false);
    }

    public static NodeOutcome of(JsonValue output) {
        return new NodeOutcome(output, Routes.DEFAULT, null, null);
    }

    public static NodeOutcome routed(JsonValue output, String route) {
        return new NodeOutcome(output, route, null, null);
    }

    /** Pause the run; when it wakes the node completes with this output on the default route. */
    public static NodeOutcome waitUntil(JsonValue output, Instant wakeAt) {
        return new NodeOutcome(output, Routes.DEFAULT, wakeAt, null);
    }

    /**
     * Pause the run until a person answers this request; with a {@code deadline} (null for none),
     * the node completes at that time with the request as its output on {@code timeoutRoute}.
     */
    public static NodeOutcome awaitAnswer(JsonObject request, Instant deadline, String timeoutRoute) {
        return new NodeOutcome(request, timeoutRoute, deadline, null, true);
    }

    public static NodeOutcome answering(JsonValue output, JsonObject webhookAnswer) {
        return new NodeOutcome(output, Routes.DEFAULT, null, webhookAnswer);
    }

    public boolean waits() {
        return wakeAt != null || awaitsAnswer;
    }
}
