package io.orchestrator.nodes;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.time.Instant;

/**
 * What a node produced: its output and the route it takes. A node may instead pause the run until
 * a time ({@code wakeAt}), or give the webhook's answer ({@code webhookAnswer}: status, headers, body).
 */
public record NodeOutcome(JsonValue output, String route, Instant wakeAt, JsonObject webhookAnswer) {

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

    public static NodeOutcome answering(JsonValue output, JsonObject webhookAnswer) {
        return new NodeOutcome(output, Routes.DEFAULT, null, webhookAnswer);
    }

    public boolean waits() {
        return wakeAt != null;
    }
}
