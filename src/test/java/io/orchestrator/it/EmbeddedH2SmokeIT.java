package io.orchestrator.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.orchestrator.it.support.Api;
import io.orchestrator.it.support.ServerProcess;
import jakarta.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * What a newcomer gets with no database configured: embedded H2 in the data directory, an admin
 * token generated and printed once, and data that is still there after a restart.
 */
class EmbeddedH2SmokeIT {

    @Test
    void firstStartPrintsAnAdminTokenAndDataSurvivesARestart() throws Exception {
        Path dataDir = Files.createTempDirectory("orchestrator-h2-");
        try (ServerProcess server = ServerProcess.named("h2-smoke")
                .port(ServerProcess.port(1))
                .h2In(dataDir)
                .build()
                .start()) {
            String printed = server.printedAdminToken()
                    .orElseThrow(() -> new AssertionError(
                            "the first start prints the generated admin token:\n" + server.console()));
            Api api = new Api(server.baseUri(), printed);

            Api.Response health = api.get("/api/health/");
            assertEquals(200, health.status());
            assertEquals("H2", health.object().getJsonObject("database").getString("product"));

            Api.Response created = api.post("/api/workflow/", "{\"name\": \"Survives restarts\"}");
            assertEquals(201, created.status(), created.toString());
            String workflowId = created.object().getString("id");
            Api.Response node = api.post(
                    "/api/workflow/" + workflowId + "/nodes/add/",
                    "{\"nodeTemplate\": \"http-request\", \"position\": {\"x\": 100, \"y\": 200}}");
            assertEquals(201, node.status(), node.toString());
            assertTrue(
                    Files.list(dataDir)
                            .anyMatch(file -> file.getFileName().toString().startsWith("orchestrator")),
                    "the H2 file lives in ORCHESTRATOR_DATA_DIR");
            String guarded = sealedSecretHook(api);
            assertTrue(Files.exists(dataDir.resolve("secret.key")), "the generated key lives in ORCHESTRATOR_DATA_DIR");

            server.restart();

            // A new key would leave the stored secret unreadable: the hook would refuse its own secret.
            assertEquals(
                    202,
                    new Api(server.baseUri(), null)
                            .withHeader("X-Webhook-Secret", "h2-secret")
                            .post("/api/hooks/" + guarded, "{}")
                            .status(),
                    "the key file is reused after a restart");
            assertEquals(
                    "********",
                    api.get("/api/connections/").array(200).getJsonObject(0).getString("secret"));

            assertTrue(
                    server.printedAdminToken().isEmpty()
                            || server.console().indexOf("wfo_")
                                    == server.console().lastIndexOf("wfo_"),
                    "the token is printed only on the first start");
            Api.Response canvas = api.get("/api/workflow/" + workflowId + "/canvas_data/");
            assertEquals(200, canvas.status(), "the printed token still works after a restart: " + canvas);
            assertEquals("Survives restarts", canvas.object().getString("name"));
            assertEquals(1, canvas.object().getJsonArray("nodes").size());
            assertEquals(
                    "http-request",
                    canvas.object().getJsonArray("nodes").getJsonObject(0).getString("node_type"));

            runsOnH2(api);
            blocksOnH2(api);
        }
    }

    /** Prompt blocks on the development database: their table, and a search inside their large text column. */
    private static void blocksOnH2(Api api) {
        api.post("/api/blocks/", "{\"title\": \"H2 block\", \"content\": \"Speak PLAINLY\", \"tags\": \"a, b\"}")
                .object(201);
        Api.Response found = api.get("/api/blocks/?q=plainly&tag=b");
        assertEquals(1, found.array(200).size(), found::toString);
    }

    /** A connection and an active webhook, each with a secret sealed with the generated key; the hook's path. */
    private static String sealedSecretHook(Api api) {
        api.post("/api/connections/", "{\"name\": \"On H2\", \"kind\": \"http\", \"secret\": \"c\"}")
                .object(201);
        String workflowId = api.post("/api/workflow/", "{\"name\": \"Guarded\"}")
                .object(201)
                .getString("id");
        api.post(
                        "/api/workflow/" + workflowId + "/nodes/add/",
                        "{\"nodeTemplate\": \"webhook\", \"form_values\": {\"path\": \"h2-guarded\","
                                + " \"secret\": \"h2-secret\"}}")
                .object(201);
        api.patch("/api/workflow/" + workflowId + "/", "{\"active\": true}").object(200);
        return "h2-guarded";
    }

    /** The engine on the development database: a webhook run answered in-process, a run started through Quartz. */
    private static void runsOnH2(Api api) throws InterruptedException {
        String workflowId = api.post("/api/workflow/", "{\"name\": \"Runs on H2\"}")
                .object(201)
                .getString("id");
        String hook = api.post(
                        "/api/workflow/" + workflowId + "/nodes/add/",
                        "{\"nodeTemplate\": \"webhook\","
                                + " \"form_values\": {\"path\": \"h2-orders\", \"response_mode\": \"last_node\"}}")
                .object(201)
                .getString("id");
        String doubled = api.post(
                        "/api/workflow/" + workflowId + "/nodes/add/",
                        "{\"nodeTemplate\": \"transform\","
                                + " \"form_values\": {\"fields\": {\"doubled\": \"${input.body.n * 2}\"}}}")
                .object(201)
                .getString("id");
        api.post(
                        "/api/workflow/" + workflowId + "/edges/add/",
                        "{\"source\": \"" + hook + "\", \"target\": \"" + doubled + "\"}")
                .object(201);
        api.patch("/api/workflow/" + workflowId + "/", "{\"active\": true}").object(200);

        Api.Response answer = api.post("/api/hooks/h2-orders", "{\"n\": 21}");
        assertEquals(42, answer.object(200).getInt("doubled"), answer::toString);
        JsonObject run = api.get("/api/runs/" + answer.header("X-Task-Id").orElseThrow() + "/")
                .object(200);
        assertEquals("SUCCESS", run.getString("status"));
        assertEquals(2, run.getJsonArray("node_executions").size(), run::toString);
        // the lists' capped count and one-row-longer page are plain HQL on H2 too
        JsonObject runs = api.get("/api/runs/?workflow_id=" + workflowId + "&status=success&limit=1")
                .object(200);
        assertEquals(1, runs.getInt("total_count"), runs::toString);
        assertTrue(runs.getBoolean("total_count_exact"));
        assertFalse(runs.getBoolean("has_more"));
        assertEquals(0, api.get("/api/artifacts/").object(200).getInt("total_count"));

        String manual = api.post("/api/workflow/", "{\"name\": \"Quartz on H2\"}")
                .object(201)
                .getString("id");
        api.post("/api/workflow/" + manual + "/nodes/add/", "{\"nodeTemplate\": \"manual-trigger\"}")
                .object(201);
        api.get("/api/workflow/" + manual + "/start_execution/").object(200);
        String status = "";
        for (int i = 0; i < 100 && !status.equals("SUCCESS"); i++) {
            Thread.sleep(100);
            status = api.get("/api/workflow/" + manual + "/task_status/")
                    .object(200)
                    .getString("status");
        }
        assertEquals("SUCCESS", status, "a run started through Quartz's H2 job store completes");
    }
}
