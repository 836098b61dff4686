package io.orchestrator.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.orchestrator.it.support.Api;
import io.orchestrator.it.support.SharedServer;
import io.orchestrator.it.support.SocketClient;
import io.orchestrator.it.support.TestWorkflow;
import jakarta.json.JsonObject;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** {@code GET /api/health/status/}: the server's parts, behind a token unlike {@code /api/health/}. */
class SystemStatusApiIT {

    private final Api api = SharedServer.admin();

    @Test
    void theStatusNamesEveryPartAndCountsWaitingRunsAndWatchingClients() {
        TestWorkflow workflow = TestWorkflow.waitingAMinute(api, "status " + UUID.randomUUID());

        try (SocketClient socket = SocketClient.connect(
                SocketClient.uri("/ws/workflow/" + workflow.id() + "/?token=" + SharedServer.ADMIN_TOKEN))) {
            socket.next("state_sync");
            workflow.startWaitingRun();

            JsonObject status = api.get("/api/health/status/").object(200);
            assertEquals("UP", status.getString("status"), status::toString);
            assertEquals("UP", status.getJsonObject("database").getString("status"));
            assertEquals("MariaDB", status.getJsonObject("database").getString("product"));
            assertEquals("UP", status.getJsonObject("scheduler").getString("status"), status::toString);
            assertTrue(status.getJsonObject("scheduler").getBoolean("clustered"));
            JsonObject disk = status.getJsonObject("disk");
            assertEquals("UP", disk.getString("status"));
            assertTrue(disk.getJsonNumber("free_bytes").longValue() > 0);
            assertTrue(disk.getJsonNumber("total_bytes").longValue()
                    >= disk.getJsonNumber("free_bytes").longValue());
            assertTrue(status.getJsonObject("websocket").getInt("clients") >= 1, status::toString);
            assertTrue(status.getJsonObject("websocket").getInt("watched_workflows") >= 1);
            JsonObject runs = status.getJsonObject("runs");
            assertTrue(runs.getInt("waiting") >= 1, status::toString); // other tests' runs may wait too
            assertTrue(runs.containsKey("under_way") && runs.containsKey("paused") && runs.containsKey("pending"));
            assertTrue(status.getJsonNumber("uptime_seconds").longValue() >= 0);

            api.get(workflow.path("stop_execution/")).object(200);
        }
    }

    @Test
    void theStatusNeedsATokenWhileThePlainHealthDoesNot() {
        SharedServer.anonymous().get("/api/health/status/").error(401, "UNAUTHORIZED");
        assertEquals(
                "UP", SharedServer.anonymous().get("/api/health/").object(200).getString("status"));
    }
}
