package io.orchestrator.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.orchestrator.it.support.Api;
import io.orchestrator.it.support.Eventually;
import io.orchestrator.it.support.ServerProcess;
import io.orchestrator.it.support.TestWorkflow;
import jakarta.json.JsonObject;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A run waiting for a person, and a run paused by hand, survive a kill -9 of the server: after the
 * restart the person's answer completes the first, and the second stays paused until it is resumed.
 */
class HumanInputCrashIT {

    private static final String TOKEN = "human-crash-admin-token-0123456789";
    private static final String DATABASE = "orchestrator_human_crash" + System.getProperty("it.db.suffix", "");

    private static ServerProcess server;

    @BeforeAll
    static void start() {
        server = ServerProcess.named("human-crash")
                .port(ServerProcess.port(4))
                .freshMariaDb(DATABASE)
                .env("ORCHESTRATOR_ADMIN_TOKEN", TOKEN)
                .build()
                .start();
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.stop();
        }
    }

    @Test
    void aRunWaitingForAPersonAndAPausedRunSurviveAKillAndARestart() throws InterruptedException {
        Api api = new Api(server.baseUri(), TOKEN);
        HumanInputApiIT.Flow flow = HumanInputApiIT.Flow.create(api, "{\"mode\": \"select_one\"}");
        String asking = flow.startRun(api);
        flow.awaitQuestion(api, asking);
        TestWorkflow waiting = TestWorkflow.create(api, "paused " + UUID.randomUUID());
        String start = waiting.addNodeId("manual-trigger", "Start");
        String pause = waiting.addNode("wait", "Pause", (JsonObject) Api.parse("{\"seconds\": 2}"))
                .getString("id");
        String after = waiting.addNodeId("transform", "After");
        waiting.connect(start, pause);
        waiting.connect(pause, after);
        String paused = api.get(waiting.path("start_execution/")).object(200).getString("task_id");
        Eventually.until(
                () -> "WAITING".equals(status(api, paused)), Duration.ofSeconds(30), () -> status(api, paused));
        api.post("/api/runs/" + paused + "/pause/", "").object(200);

        server.kill();
        server.start();

        Thread.sleep(4000);
        assertEquals("PAUSED", status(api, paused), "recovery does not resume a paused run");
        assertEquals("WAITING", status(api, asking));
        api.post(
                        "/api/runs/" + asking + "/resume/",
                        "{\"node_id\": \"" + flow.ask() + "\", \"action\": \"select\", \"selected\": [2]}")
                .object(200);
        JsonObject answered = flow.awaitEnd(api, asking);
        assertEquals("SUCCESS", answered.getString("status"), answered::toString);
        assertEquals(
                "third draft",
                TestWorkflow.lastExecution(answered, flow.use())
                        .getJsonObject("output")
                        .getString("chosen"));

        api.post("/api/runs/" + paused + "/resume/", "").object(200);
        Eventually.until(
                () -> "SUCCESS".equals(status(api, paused)), Duration.ofSeconds(30), () -> status(api, paused));
        JsonObject done = api.get("/api/runs/" + paused + "/").object(200);
        assertEquals("SUCCESS", TestWorkflow.lastExecution(done, after).getString("status"));
    }

    private static String status(Api api, String taskId) {
        return api.get("/api/runs/" + taskId + "/").object(200).getString("status");
    }
}
