package io.orchestrator.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.orchestrator.it.support.Api;
import io.orchestrator.it.support.Eventually;
import io.orchestrator.it.support.SharedServer;
import io.orchestrator.it.support.TestWorkflow;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Sub-workflow nodes wait for their child runs holding no engine thread: more of them at once than
 * the engine has threads (32 by default) all finish, and other runs go on meanwhile.
 */
class SubWorkflowApiIT {

    /** More sub-workflow nodes in one run than the engine's worker threads. */
    private static final int CALLS = 40;

    private final Api api = SharedServer.admin();

    @Test
    void fortyParallelSubWorkflowsAllEndAndOtherRunsGoOnMeanwhile() {
        TestWorkflow child = TestWorkflow.create(api, "moment");
        String childStart = child.addNodeId("manual-trigger", "Start");
        String pause = child.addNode("wait", "Moment", json("{\"seconds\": 4}")).getString("id");
        String result = child.addNode("transform", "Result", json("{\"fields\": {\"done\": \"yes\"}}"))
                .getString("id");
        child.connect(childStart, pause);
        child.connect(pause, result);

        TestWorkflow parent = TestWorkflow.create(api, "fan out");
        // All of them at once: the default limit of 10 nodes per run would hide the engine's limit.
        api.patch(parent.path(), "{\"settings\": {\"concurrency_limit\": 50}}").object(200);
        String start = parent.addNodeId("manual-trigger", "Start");
        List<String> calls = new ArrayList<>();
        for (int i = 0; i < CALLS; i++) {
            String call = parent.addNode(
                            "sub-workflow",
                            "Call " + i,
                            Json.createObjectBuilder()
                                    .add("workflow_id", child.id())
                                    .build())
                    .getString("id");
            parent.connect(start, call);
            calls.add(call);
        }
        TestWorkflow quick = TestWorkflow.create(api, "meanwhile");
        String quickStart = quick.addNodeId("manual-trigger", "Start");
        quick.connect(quickStart, quick.addNodeId("transform", "Step"));

        Instant begun = Instant.now();
        String taskId =
                api.post(parent.path("start_execution/"), "{}").object(200).getString("task_id");
        Eventually.until(
                () -> childRuns(child) == CALLS,
                Duration.ofSeconds(20),
                () -> childRuns(child) + " of " + CALLS + " child runs started");
        JsonObject other = quick.runToEnd(JsonObject.EMPTY_JSON_OBJECT);
        assertEquals("SUCCESS", other.getString("status"), "another run goes on while the children wait: " + other);
        Eventually.until(
                () -> "WAITING".equals(status(taskId)), Duration.ofSeconds(20), () -> "parent " + status(taskId));

        Api.Response refused = api.post(
                "/api/runs/" + taskId + "/resume/", "{\"node_id\": \"" + calls.get(0) + "\", \"action\": \"approve\"}");
        JsonObject refusal = refused.object(409);
        assertEquals("CONFLICT", refusal.getString("code"), refusal::toString);
        assertTrue(refusal.getString("error").contains("not waiting for an answer"), refusal::toString);

        Eventually.until(
                () -> List.of("SUCCESS", "FAILURE", "REVOKED").contains(status(taskId)),
                Duration.ofSeconds(60),
                () -> "parent " + status(taskId));
        JsonObject run = api.get("/api/runs/" + taskId + "/").object(200);
        assertEquals("SUCCESS", run.getString("status"), run::toString);
        Duration took = Duration.between(begun, Instant.now());
        assertTrue(took.compareTo(Duration.ofSeconds(45)) < 0, "all children and the parent ended in " + took);
        for (String call : calls) {
            JsonObject execution = TestWorkflow.lastExecution(run, call);
            assertEquals("SUCCESS", execution.getString("status"), execution::toString);
            assertEquals("yes", execution.getJsonObject("output").getString("done"), execution::toString);
        }
        JsonObject children = api.get("/api/runs/?workflow_id=" + child.id() + "&status=SUCCESS")
                .object(200);
        assertEquals(CALLS, children.getInt("total_count"), children::toString);
        assertEquals(taskId, children.getJsonArray("runs").getJsonObject(0).getString("parent_run_id"));
    }

    @Test
    void aSubWorkflowPastItsNodeTimeoutTakesTheErrorRouteAsATimeout() {
        TestWorkflow slow = TestWorkflow.waitingAMinute(api, "slow child");
        TestWorkflow parent = TestWorkflow.create(api, "impatient");
        String start = parent.addNodeId("manual-trigger", "Start");
        String call = parent.addNode(
                        "sub-workflow",
                        "Call",
                        Json.createObjectBuilder().add("workflow_id", slow.id()).build())
                .getString("id");
        api.patch(parent.nodePath(call, ""), "{\"timeout_ms\": 1500}").object(200);
        String handle = parent.addNodeId("transform", "Handle");
        parent.connect(start, call);
        parent.connect(call, "error", handle);

        JsonObject run = parent.runToEnd(JsonObject.EMPTY_JSON_OBJECT);

        assertEquals("SUCCESS", run.getString("status"), run::toString);
        JsonObject timedOut = TestWorkflow.lastExecution(run, call);
        assertEquals("timeout", timedOut.getString("error_type"), timedOut::toString);
        assertEquals("SUCCESS", TestWorkflow.lastExecution(run, handle).getString("status"));
    }

    private int childRuns(TestWorkflow child) {
        return api.get("/api/runs/?workflow_id=" + child.id()).object(200).getInt("total_count");
    }

    private String status(String taskId) {
        return api.get("/api/runs/" + taskId + "/").object(200).getString("status");
    }

    private static JsonObject json(String text) {
        return (JsonObject) Api.parse(text);
    }
}
