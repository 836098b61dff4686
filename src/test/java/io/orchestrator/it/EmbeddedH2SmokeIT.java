package io.orchestrator.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.orchestrator.it.support.Api;
import io.orchestrator.it.support.ServerProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * What a newcomer gets with no database configured: embedded H2 in the data directory, an admin
 * token generated and printed once, and data that is still there after a restart.
 */
class EmbeddedH2SmokeIT {

    private static final Pattern PRINTED_TOKEN = Pattern.compile("(wfo_[A-Za-z0-9_-]{43})");

    @Test
    void firstStartPrintsAnAdminTokenAndDataSurvivesARestart() throws Exception {
        Path dataDir = Files.createTempDirectory("orchestrator-h2-");
        try (ServerProcess server = ServerProcess.named("h2-smoke").port(ServerProcess.port(1)).h2In(dataDir).build().start()) {
            Matcher printed = PRINTED_TOKEN.matcher(server.console());
            assertTrue(printed.find(), "the first start prints the generated admin token:\n" + server.console());
            Api api = new Api(server.baseUri(), printed.group(1));

            Api.Response health = api.get("/api/health/");
            assertEquals(200, health.status());
            assertEquals("H2", health.object().getJsonObject("database").getString("product"));

            Api.Response created = api.post("/api/workflow/", "{\"name\": \"Survives restarts\"}");
            assertEquals(201, created.status(), created.toString());
            String workflowId = created.object().getString("id");
            Api.Response node = api.post("/api/workflow/" + workflowId + "/nodes/add/",
                    "{\"nodeTemplate\": \"http-request\", \"position\": {\"x\": 100, \"y\": 200}}");
            assertEquals(201, node.status(), node.toString());
            assertTrue(Files.list(dataDir).anyMatch(file -> file.getFileName().toString().startsWith("orchestrator")),
                    "the H2 file lives in ORCHESTRATOR_DATA_DIR");

            server.restart();

            assertTrue(!PRINTED_TOKEN.matcher(server.console()).find() || server.console().indexOf("wfo_")
                    == server.console().lastIndexOf("wfo_"), "the token is printed only on the first start");
            Api.Response canvas = api.get("/api/workflow/" + workflowId + "/canvas_data/");
            assertEquals(200, canvas.status(), "the printed token still works after a restart: " + canvas);
            assertEquals("Survives restarts", canvas.object().getString("name"));
            assertEquals(1, canvas.object().getJsonArray("nodes").size());
            assertEquals("http-request", canvas.object().getJsonArray("nodes").getJsonObject(0).getString("node_type"));
        }
    }
}
