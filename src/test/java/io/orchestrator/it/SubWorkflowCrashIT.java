package io.orchestrator.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.orchestrator.it.support.Api;
import io.orchestrator.it.support.Eventually;
import io.orchestrator.it.support.MariaDb;
import io.orchestrator.it.support.ServerProcess;
import io.orchestrator.it.support.TestWorkflow;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A run whose sub-workflow node waits for its child survives a kill -9 of the server: a child still
 * under way tells its parent when it ends after the restart, and a child that ended without telling
 * its parent (the server died in between) is found by the recovery sweep.
 */
class SubWorkflowCrashIT {

    private static final String TOKEN = "sub-workflow-crash-admin-token-0123456789";
    private static final String DATABASE = "orchestrator_sub_crash" + System.getProperty("it.db.suffix", "");

    private static ServerProcess server;

    @BeforeAll
    static void start() {
        server = ServerProcess.named("sub-workflow-crash")
                .port(ServerProcess.port(5))
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
    void parentsWaitingForTheirChildrenGoOnAfterAKillAndARestart() {
        Api api = new Api(server.baseUri(), TOKEN);
        Caller stillRunning = Caller.create(api, 6);
        Caller endedUntold = Caller.create(api, 600);
        String first = stillRunning.startWaiting(api);
        String second = endedUntold.startWaiting(api);
        String untoldChild = TestWorkflow.lastExecution(run(api, second), endedUntold.call)
                .getJsonObject("output")
                .getString("run_id");

        server.kill();
        // The child ended, but the server died before its parent heard of it.
        assertEquals(
                1,
                MariaDb.update(
                        DATABASE,
                        "UPDATE run SET status = 'SUCCESS', output = ?, finished_at = updated_at WHERE id = ?",
                        "{\"done\": \"offline\"}",
                        untoldChild));
        server.start();

        assertEquals("yes", stillRunning.awaitResult(api, first));
        assertEquals("offline", endedUntold.awaitResult(api, second));
    }

    /** A workflow whose sub-workflow node calls a child that waits some seconds, then answers {done: yes}. */
    private record Caller(TestWorkflow parent, String call, String after) {

        static Caller create(Api api, int childSeconds) {
            TestWorkflow child = TestWorkflow.create(api, "child");
            String childStart = child.addNodeId("manual-trigger", "Start");
            String pause = child.addNode("wait", "Pause", (JsonObject) Api.parse("{\"seconds\": " + childSeconds + "}"))
                    .getString("id");
            String result = child.addNode(
                            "transform", "Result", (JsonObject) Api.parse("{\"fields\": {\"done\": \"yes\"}}"))
                    .getString("id");
            child.connect(childStart, pause);
            child.connect(pause, result);
            TestWorkflow parent = TestWorkflow.create(api, "parent");
            String start = parent.addNodeId("manual-trigger", "Start");
            String call = parent.addNode(
                            "sub-workflow",
                            "Call",
                            Json.createObjectBuilder()
                                    .add("workflow_id", child.id())
                                    .build())
                    .getString("id");
            String after = parent.addNode(
                            "transform", "After", (JsonObject) Api.parse("{\"fields\": {\"got\": \"${input.done}\"}}"))
                    .getString("id");
            parent.connect(start, call);
            parent.connect(call, after);
            return new Caller(parent, call, after);
        }

        String startWaiting(Api api) {
            String taskId =
                    api.post(parent.path("start_execution/"), "{}").object(200).getString("task_id");
            Eventually.until(
                    () -> "WAITING".equals(run(api, taskId).getString("status")),
                    Duration.ofSeconds(30),
                    () -> run(api, taskId).toString());
            return taskId;
        }

        String awaitResult(Api api, String taskId) {
            Eventually.until(
                    () -> List.of("SUCCESS", "FAILURE", "REVOKED")
                            .contains(run(api, taskId).getString("status")),
                    Duration.ofSeconds(60),
                    () -> run(api, taskId).toString());
            JsonObject run = run(api, taskId);
            assertEquals("SUCCESS", run.getString("status"), run::toString);
            return TestWorkflow.lastExecution(run, after)
                    .getJsonObject("output")
                    .getString("got");
        }
    }

    private static JsonObject run(Api api, String taskId) {
        return api.get("/api/runs/" + taskId + "/").object(200);
    }
}
