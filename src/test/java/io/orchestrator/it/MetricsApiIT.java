package io.orchestrator.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.orchestrator.it.support.Api;
import io.orchestrator.it.support.Eventually;
import io.orchestrator.it.support.Metrics;
import io.orchestrator.it.support.SharedServer;
import io.orchestrator.it.support.SocketClient;
import io.orchestrator.it.support.TestWorkflow;
import jakarta.json.JsonObject;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Prometheus metrics at {@code /metrics}, served by Liberty's MicroProfile Metrics from what the
 * application registers: runs ended by status, node attempts by type with their durations, runs
 * not ended, the journal and the WebSocket clients. Other tests run on the same server, so the
 * counts are compared before and after, as at least what these runs add.
 */
class MetricsApiIT {

    private final Api api = SharedServer.admin();

    @Test
    void runsAndNodeAttemptsAreCountedByStatusAndType() {
        String before = Metrics.scrape();
        TestWorkflow succeeding = TestWorkflow.create(api, "metrics ok " + UUID.randomUUID());
        String start = succeeding.addNodeId("manual-trigger", "Start");
        String first = succeeding.addNodeId("transform", "First");
        String second = succeeding.addNodeId("transform", "Second");
        succeeding.connect(start, first);
        succeeding.connect(first, second);
        assertEquals(
                "SUCCESS", succeeding.runToEnd(JsonObject.EMPTY_JSON_OBJECT).getString("status"));

        TestWorkflow failing = TestWorkflow.create(api, "metrics failing " + UUID.randomUUID());
        String failingStart = failing.addNodeId("manual-trigger", "Start");
        // Loopback is refused unless ORCHESTRATOR_HTTP_ALLOW lists it: the node fails without any network.
        String call = failing.addNode(
                        "http-request", "Call", (JsonObject) Api.parse("{\"url\": \"http://127.0.0.1:9/never\"}"))
                .getString("id");
        failing.connect(failingStart, call);
        assertEquals("FAILURE", failing.runToEnd(JsonObject.EMPTY_JSON_OBJECT).getString("status"));

        Eventually.until(
                () -> {
                    String after = Metrics.scrape();
                    return grew(before, after, 1, "orchestrator_runs_total", "status=\"SUCCESS\"")
                            && grew(before, after, 1, "orchestrator_runs_total", "status=\"FAILURE\"")
                            && grew(
                                    before,
                                    after,
                                    2,
                                    "orchestrator_node_executions_total",
                                    "node_type=\"transform\"",
                                    "status=\"SUCCESS\"")
                            && grew(
                                    before,
                                    after,
                                    2,
                                    "orchestrator_node_duration_seconds_count",
                                    "node_type=\"transform\"",
                                    "status=\"SUCCESS\"")
                            && grew(
                                    before,
                                    after,
                                    1,
                                    "orchestrator_node_executions_total",
                                    "node_type=\"http-request\"",
                                    "status=\"FAILURE\"");
                },
                Duration.ofSeconds(10),
                () -> "counts did not grow:\n" + Metrics.orchestratorLines(Metrics.scrape()));
    }

    @Test
    void stateGaugesCountWaitingRunsClientsAndTheJournal() {
        TestWorkflow workflow = TestWorkflow.waitingAMinute(api, "metrics waiting " + UUID.randomUUID());
        try (SocketClient socket = SocketClient.connect(
                SocketClient.uri("/ws/workflow/" + workflow.id() + "/?token=" + SharedServer.ADMIN_TOKEN))) {
            socket.next("state_sync");
            workflow.startWaitingRun();
            Eventually.until(
                    () -> Metrics.value(Metrics.scrape(), "orchestrator_runs_active", "status=\"WAITING\"") >= 1,
                    Duration.ofSeconds(5),
                    () -> Metrics.orchestratorLines(Metrics.scrape()));
            String metrics = Metrics.scrape();
            assertTrue(
                    Metrics.value(metrics, "orchestrator_websocket_clients") >= 1,
                    () -> Metrics.orchestratorLines(metrics));
            assertTrue(
                    Metrics.value(metrics, "orchestrator_journal_queued_entries") >= 0,
                    () -> Metrics.orchestratorLines(metrics));
            assertTrue(Metrics.value(metrics, "orchestrator_journal_commit_seconds_count") >= 1);
            assertTrue(Metrics.value(metrics, "orchestrator_artifacts_stored_bytes") >= 0);
            assertTrue(Metrics.value(metrics, "orchestrator_websocket_messages_dropped_total") >= 0);
            api.get(workflow.path("stop_execution/")).object(200);
        }
    }

    @Test
    void theMetricsNeedNoTokenAndSpeakPrometheusText() {
        Api.Response response = SharedServer.anonymous().get("/metrics");
        assertEquals(200, response.status(), response::toString);
        assertTrue(response.header("Content-Type").orElse("").startsWith("text/plain"), response::toString);
        assertTrue(response.text().contains("# TYPE orchestrator_runs_active gauge"), response::text);
    }

    private static boolean grew(String before, String after, double by, String name, String... labels) {
        return Metrics.growth(before, after, name, labels) >= by;
    }
}
