package io.orchestrator.it;

import static io.orchestrator.it.HumanInputApiIT.nextOfType;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.orchestrator.it.support.Api;
import io.orchestrator.it.support.Eventually;
import io.orchestrator.it.support.SharedServer;
import io.orchestrator.it.support.SocketClient;
import io.orchestrator.it.support.TestWorkflow;
import jakarta.json.JsonObject;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Pausing a run by hand: what is under way finishes, nothing new starts until it is resumed. */
class PauseApiIT {

    private final Api api = SharedServer.admin();

    /** Start → Pause (a wait of some seconds, under way when the run is paused) → After. */
    private record Waiting(TestWorkflow workflow, String pause, String after, String taskId) {

        static Waiting start(Api api, int seconds) {
            TestWorkflow workflow = TestWorkflow.create(api, "paused " + UUID.randomUUID());
            String start = workflow.addNodeId("manual-trigger", "Start");
            String pause = workflow.addNode("wait", "Pause", (JsonObject) Api.parse("{\"seconds\": " + seconds + "}"))
                    .getString("id");
            String after = workflow.addNodeId("transform", "After");
            workflow.connect(start, pause);
            workflow.connect(pause, after);
            String taskId =
                    api.get(workflow.path("start_execution/")).object(200).getString("task_id");
            Eventually.until(
                    () -> "WAITING".equals(status(api, taskId)), Duration.ofSeconds(30), () -> status(api, taskId));
            return new Waiting(workflow, pause, after, taskId);
        }

        String path(String rest) {
            return "/api/runs/" + taskId + "/" + rest;
        }

        JsonObject detail(Api api) {
            return api.get(path("")).object(200);
        }
    }

    private static String status(Api api, String taskId) {
        return api.get("/api/runs/" + taskId + "/").object(200).getString("status");
    }

    @Test
    void aPausedRunFinishesWhatIsUnderWayStartsNothingNewAndGoesOnWhenResumed() throws InterruptedException {
        Waiting run = Waiting.start(api, 2);

        JsonObject paused = api.post(run.path("pause/"), "{}").object(200);
        assertEquals("PAUSED", paused.getString("status"));
        assertEquals(
                "PAUSED",
                api.get(run.workflow().path("task_status/")).object(200).getString("status"));
        assertEquals(
                "PAUSED",
                api.post(run.path("pause/"), "").object(200).getString("status"),
                "pausing again changes nothing");
        List<String> pausedRuns = api
                .get("/api/runs/?status=PAUSED&workflow_id=" + run.workflow().id())
                .object(200)
                .getJsonArray("runs")
                .getValuesAs(JsonObject.class)
                .stream()
                .map(listed -> listed.getString("task_id", listed.getString("id", "")))
                .toList();
        assertEquals(List.of(run.taskId()), pausedRuns, "the runs filter knows PAUSED");

        Eventually.until(
                () -> "SUCCESS"
                        .equals(TestWorkflow.lastExecution(run.detail(api), run.pause())
                                .getString("status")),
                Duration.ofSeconds(30),
                () -> run.detail(api).toString());
        Thread.sleep(1500);
        JsonObject whilePaused = run.detail(api);
        assertEquals("PAUSED", whilePaused.getString("status"));
        assertFalse(
                whilePaused.getJsonArray("node_executions").getValuesAs(JsonObject.class).stream()
                        .anyMatch(step -> step.getString("node_id").equals(run.after())),
                "After did not start while paused: " + whilePaused);

        JsonObject resumed = api.post(run.path("resume/"), "").object(200);
        assertEquals(run.taskId(), resumed.getString("task_id"));
        Eventually.until(
                () -> "SUCCESS".equals(status(api, run.taskId())),
                Duration.ofSeconds(30),
                () -> status(api, run.taskId()));
        assertEquals(
                "SUCCESS",
                TestWorkflow.lastExecution(run.detail(api), run.after()).getString("status"));
    }

    @Test
    void pausingAnEndedRunOrResumingARunNotPausedIs409AndAnUnknownRunIs404() {
        Waiting run = Waiting.start(api, 600);

        api.post(run.path("resume/"), "").error(409, "CONFLICT");
        api.post(run.path("resume/"), "{}").error(409, "CONFLICT");
        api.post("/api/runs/" + UUID.randomUUID() + "/pause/", "").error(404, "NOT_FOUND");
        api.post("/api/runs/" + UUID.randomUUID() + "/resume/", "").error(404, "NOT_FOUND");
        api.get(run.workflow().path("stop_execution/")).object(200);
        api.post(run.path("pause/"), "").error(409, "CONFLICT");
        api.post(run.path("resume/"), "").error(409, "CONFLICT");
    }

    @Test
    void anAnswerToAPausedRunIsRecordedButNothingStartsUntilItIsResumed() throws InterruptedException {
        HumanInputApiIT.Flow flow = HumanInputApiIT.Flow.create(api, "{}");
        String taskId = flow.startRun(api);
        flow.awaitQuestion(api, taskId);
        api.post("/api/runs/" + taskId + "/pause/", "").object(200);

        api.post(
                        "/api/runs/" + taskId + "/resume/",
                        "{\"node_id\": \"" + flow.ask() + "\", \"action\": \"select\", \"selected\": [0]}")
                .object(200);
        Thread.sleep(1000);

        JsonObject paused = api.get("/api/runs/" + taskId + "/").object(200);
        assertEquals("PAUSED", paused.getString("status"));
        assertEquals("SUCCESS", TestWorkflow.lastExecution(paused, flow.ask()).getString("status"));
        assertFalse(
                paused.getJsonArray("node_executions").getValuesAs(JsonObject.class).stream()
                        .anyMatch(step -> step.getString("node_id").equals(flow.use())),
                paused.toString());
        api.post("/api/runs/" + taskId + "/resume/", "").object(200);
        assertEquals("SUCCESS", flow.awaitEnd(api, taskId).getString("status"));
    }

    @Test
    void pauseRunAndResumeRunOverTheWebSocket() {
        Waiting run = Waiting.start(api, 600);
        try (SocketClient socket = SocketClient.connect(
                SocketClient.uri("/ws/workflow/" + run.workflow().id() + "/?token=" + SharedServer.ADMIN_TOKEN))) {
            socket.next("state_sync");

            socket.send("{\"type\": \"pause_run\", \"task_id\": \"" + run.taskId() + "\"}");
            nextOfType(socket, "workflow_paused");
            assertEquals("PAUSED", status(api, run.taskId()));
            socket.send("{\"type\": \"resume_run\", \"task_id\": \"" + run.taskId() + "\"}");
            nextOfType(socket, "workflow_resumed");
            Eventually.until(
                    () -> "WAITING".equals(status(api, run.taskId())),
                    Duration.ofSeconds(10),
                    () -> status(api, run.taskId()));
            socket.send("{\"type\": \"resume_run\", \"task_id\": \"" + run.taskId() + "\"}");
            assertEquals("CONFLICT", nextOfType(socket, "error").getString("code"));
            socket.send("{\"type\": \"pause_run\"}");
            assertEquals("VALIDATION_ERROR", nextOfType(socket, "error").getString("code"));
        }
    }
}
