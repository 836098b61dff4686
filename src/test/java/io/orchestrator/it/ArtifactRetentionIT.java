package io.orchestrator.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.orchestrator.it.support.Api;
import io.orchestrator.it.support.Eventually;
import io.orchestrator.it.support.MariaDb;
import io.orchestrator.it.support.ServerProcess;
import io.orchestrator.it.support.TestWorkflow;
import io.orchestrator.it.support.Uploads;
import io.orchestrator.platform.Jsonp;
import jakarta.json.JsonObject;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Artifacts past their retention answer 404 and are purged, files included, by the housekeeping job. */
class ArtifactRetentionIT {

    private static final String DATABASE = "orchestrator_retention" + System.getProperty("it.db.suffix", "");
    private static final String TOKEN = "retention-admin-token-0123456789";

    @TempDir
    static Path data;

    private static ServerProcess server;

    @BeforeAll
    static void start() {
        server = ServerProcess.named("retention")
                .port(ServerProcess.port(7))
                .freshMariaDb(DATABASE)
                .env("ORCHESTRATOR_ADMIN_TOKEN", TOKEN)
                .env("ORCHESTRATOR_DATA_DIR", data.toString())
                .env("ORCHESTRATOR_ARTIFACT_RETENTION_DAYS", "0.00003") // about 2.6 s
                .env("ORCHESTRATOR_HOUSEKEEPING_SECONDS", "1")
                .build()
                .start();
    }

    @AfterAll
    static void stop() {
        server.stop();
    }

    @Test
    void anExpiredArtifactAnswers404AndIsPurgedWithItsFile() {
        Api api = new Api(server.baseUri(), TOKEN);
        TestWorkflow workflow = TestWorkflow.create(api, "retention");
        workflow.addNodeId("manual-trigger", "Start");
        String run = workflow.runToEnd(Jsonp.JSON.createObjectBuilder().build()).getString("task_id");

        JsonObject created = api.sendBody(
                        "POST",
                        "/api/artifacts/",
                        HttpRequest.BodyPublishers.ofByteArray(Uploads.form(
                                Map.of("run_id", run), "kept.txt", "text/plain", "short-lived".getBytes())),
                        Uploads.CONTENT_TYPE)
                .object(201);
        String id = created.getString("id");
        Path file = data.resolve("artifacts")
                .resolve(created.getString("sha256").substring(0, 2))
                .resolve(created.getString("sha256").substring(2, 4))
                .resolve(created.getString("sha256"));
        assertTrue(Files.exists(file), "stored under its SHA-256 in the data directory");

        Eventually.until(
                () -> api.get("/api/artifacts/" + id + "/").status() == 404,
                Duration.ofSeconds(20),
                () -> "still answered");
        Eventually.until(
                () -> MariaDb.count(DATABASE, "SELECT COUNT(*) FROM artifact WHERE id = ?", id) == 0,
                Duration.ofSeconds(20),
                () -> "the row is still there");
        assertFalse(Files.exists(file), "the file went with the last artifact naming it");
        assertEquals(0, api.get("/api/artifacts/?run_id=" + run).object(200).getInt("total_count"));
        try (Stream<Path> left = Files.walk(data.resolve("artifacts"))) {
            assertTrue(left.allMatch(Files::isDirectory), "no file left");
        } catch (java.io.IOException failed) {
            throw new java.io.UncheckedIOException(failed);
        }
    }
}
