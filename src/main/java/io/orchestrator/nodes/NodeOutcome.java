package io.orchestrator.nodes;

import io.orchestrator.platform.Jsonp;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.time.Instant;

/**
 * What a node produced: its output and the route it takes. A node may instead pause the run until
 * a time ({@code wakeAt}), wait for a person's answer ({@code awaitsAnswer}: the output is the
 * request shown to them, and {@code route} the route taken if {@code wakeAt} comes first), wait for
 * another run to end ({@code awaitedRunId}: the run's result completes the node, {@code wakeAt} is
 * when it stops waiting), or give the webhook's answer ({@code webhookAnswer}: status, headers, body).
 */
public record NodeOutcome(
        JsonValue output,
        String route,
        Instant wakeAt,
        JsonObject webhookAnswer,
        boolean awaitsAnswer,
        String awaitedRunId) {

    public NodeOutcome(JsonValue output, String route, Instant wakeAt, JsonObject webhookAnswer) {
        this(output, route, wakeAt, webhookAnswer, false, null);
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
        return new NodeOutcome(request, timeoutRoute, deadline, null, true, null);
    }

    /**
     * Pause the node, holding no thread, until the run {@code runId} ends (its result completes the
     * node) or {@code deadline} comes (the node fails with a timeout). The output, {@code run_id},
     * is what the waiting step shows meanwhile.
     */
    public static NodeOutcome awaitRun(String runId, Instant deadline) {
        JsonObject waitsFor =
                Jsonp.JSON.createObjectBuilder().add("run_id", runId).build();
        return new NodeOutcome(waitsFor, Routes.DEFAULT, deadline, null, false, runId);
    }

    public static NodeOutcome answering(JsonValue output, JsonObject webhookAnswer) {
        return new NodeOutcome(output, Routes.DEFAULT, null, webhookAnswer);
    }

    public boolean waits() {
        return wakeAt != null || awaitsAnswer || awaitedRunId != null;
    }
}
