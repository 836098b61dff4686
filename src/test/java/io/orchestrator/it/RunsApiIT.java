package io.orchestrator.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.orchestrator.it.support.Api;
import io.orchestrator.it.support.MariaDb;
import io.orchestrator.it.support.SharedServer;
import io.orchestrator.it.support.TestWorkflow;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code /api/runs/}: the runs the engine stored, read back, filtered, deleted, rewound, forked
 * and exported. The workflows here use only an http-request node that always fails (the server
 * refuses to call a loopback address) and a transform behind its error route, so that every run
 * ends the same way whichever node types can run yet: the first node fails onto its error route,
 * and the transform after it ends the run as SUCCESS or FAILURE.
 */
class RunsApiIT {

    private static final String DB = SharedServer.DATABASE;
    private static final Set<String> FINAL = Set.of("SUCCESS", "FAILURE", "REVOKED");
    private static final Set<String> RUN_FIELDS = Set.of(
            "task_id",
            "id",
            "workflow_id",
            "workflow_version",
            "status",
            "trigger",
            "created_at",
            "started_at",
            "finished_at",
            "duration_ms",
            "error",
            "parent_run_id",
            "from_node_id",
            "session_id");
    private static final Set<String> NODE_EXECUTION_FIELDS = Set.of(
            "node_id",
            "node_name",
            "node_type",
            "attempt",
            "status",
            "route",
            "input",
            "output",
            "error",
            "error_type",
            "started_at",
            "finished_at",
            "duration_ms",
            "wake_at");
    private static final String UNREACHABLE = "http://127.0.0.1:1/never";

    private final Api api = SharedServer.admin();

    /** A workflow whose first node fails and takes its error route to a transform. */
    private record Graph(TestWorkflow workflow, String failing, String after) {}

    private Graph failingThenTransform(String name) {
        TestWorkflow workflow = TestWorkflow.create(api, name);
        String failing = workflow.addNode(
                        "http-request",
                        "Call",
                        Json.createObjectBuilder().add("url", UNREACHABLE).build())
                .getString("id");
        String after = workflow.addNode(
                        "transform",
                        "Shape",
                        Json.createObjectBuilder()
                                .add("fields", Json.createObjectBuilder().add("greeting", "hello"))
                                .build())
                .getString("id");
        workflow.connect(failing, "error", after);
        return new Graph(workflow, failing, after);
    }

    /** A workflow of one node that always fails. */
    private TestWorkflow alwaysFailing(String name) {
        TestWorkflow workflow = TestWorkflow.create(api, name);
        workflow.addNode(
                "http-request",
                "Call",
                Json.createObjectBuilder().add("url", UNREACHABLE).build());
        return workflow;
    }

    private String start(TestWorkflow workflow) {
        JsonObject started = api.get(workflow.path("start_execution/")).object(200);
        return started.getString("task_id");
    }

    /** Starts a run and waits, through the workflow's task_status as a client would, until it ends. */
    private JsonObject runToEnd(TestWorkflow workflow) {
        String taskId = start(workflow);
        awaitTaskStatus(workflow, taskId, FINAL::contains);
        return awaitRun(taskId, run -> FINAL.contains(run.getString("status")));
    }

    private void awaitTaskStatus(TestWorkflow workflow, String taskId, Predicate<String> done) {
        long deadline = System.currentTimeMillis() + 30_000;
        JsonObject status;
        do {
            status = api.get(workflow.path("task_status/")).object(200);
            if (taskId.equals(status.getString("task_id")) && done.test(status.getString("status"))) {
                return;
            }
            pause(100);
        } while (System.currentTimeMillis() < deadline);
        throw new AssertionError("Run " + taskId + " did not get there in 30 s: " + status);
    }

    private JsonObject awaitRun(String taskId, Predicate<JsonObject> done) {
        long deadline = System.currentTimeMillis() + 30_000;
        JsonObject run;
        do {
            run = api.get("/api/runs/" + taskId + "/").object(200);
            if (done.test(run)) {
                return run;
            }
            pause(100);
        } while (System.currentTimeMillis() < deadline);
        throw new AssertionError("Run " + taskId + " did not get there in 30 s: " + run);
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(interrupted);
        }
    }

    private static List<String> ids(JsonArray runs) {
        List<String> ids = new ArrayList<>();
        runs.forEach(run -> ids.add(run.asJsonObject().getString("task_id")));
        return ids;
    }

    private static List<JsonObject> executionsOf(JsonObject run, String nodeId) {
        return run.getJsonArray("node_executions").stream()
                .map(JsonValue::asJsonObject)
                .filter(execution -> execution.getString("node_id").equals(nodeId))
                .toList();
    }

    private static long storedRuns(String runId) {
        return MariaDb.count(DB, "SELECT COUNT(*) FROM run WHERE id = ?", runId);
    }

    private static long storedNodeExecutions(String runId) {
        return MariaDb.count(DB, "SELECT COUNT(*) FROM node_execution WHERE run_id = ?", runId);
    }

    /** Makes the workflow's node retry after an hour, so that a run of it stays under way after one attempt. */
    private void retryInAnHour(TestWorkflow workflow, String nodeId) {
        api.patch(workflow.nodePath(nodeId, ""), "{\"retry\": {\"max_attempts\": 2, \"delay_ms\": 3600000}}")
                .object(200);
    }

    /** Starts a run of a workflow whose node retries in an hour; returns it once its first attempt failed. */
    private JsonObject startUnderWay(TestWorkflow workflow) {
        String runId = start(workflow);
        JsonObject run = awaitRun(
                runId,
                stored -> stored.getJsonArray("node_executions").stream()
                        .anyMatch(execution ->
                                execution.asJsonObject().getString("status").equals("FAILURE")));
        assertTrue(Set.of("STARTED", "WAITING").contains(run.getString("status")), () -> "under way: " + run);
        assertEquals(JsonValue.NULL, run.get("finished_at"));
        assertEquals(JsonValue.NULL, run.get("duration_ms"), "no duration before the end");
        return run;
    }

    // ----- one run ---------------------------------------------------------------------------

    @Test
    void aRunShowsItsInputAndEveryNodeExecutionInTheOrderTheyRan() {
        Graph graph = failingThenTransform("Run detail");
        long version = graph.workflow().version();
        Instant before = Instant.now().minusSeconds(5);

        JsonObject run = runToEnd(graph.workflow());

        assertEquals(
                RUN_FIELDS.size() + 5,
                run.size(),
                () -> "the run fields, input, output, node_executions, tokens, cost_usd: " + run);
        assertEquals(
                Json.createObjectBuilder()
                        .add("prompt", 0)
                        .add("completion", 0)
                        .add("total", 0)
                        .build(),
                run.getJsonObject("tokens"),
                "no llm node, no tokens");
        assertEquals(0, run.getJsonNumber("cost_usd").intValue());
        assertTrue(run.keySet().containsAll(RUN_FIELDS), run::toString);
        assertEquals(run.getString("task_id"), run.getString("id"));
        assertEquals(graph.workflow().id(), run.getString("workflow_id"));
        assertEquals(version, run.getJsonNumber("workflow_version").longValue());
        assertEquals("manual", run.getString("trigger"));
        assertEquals(JsonValue.EMPTY_JSON_OBJECT, run.get("input"), "GET start_execution runs with an empty input");
        Instant created = Instant.parse(run.getString("created_at"));
        Instant started = Instant.parse(run.getString("started_at"));
        Instant finished = Instant.parse(run.getString("finished_at"));
        assertTrue(created.isAfter(before) && !started.isBefore(created) && !finished.isBefore(started), run::toString);
        assertEquals(
                finished.toEpochMilli() - started.toEpochMilli(),
                run.getJsonNumber("duration_ms").doubleValue(),
                1,
                "duration_ms is finished_at - started_at (each shown to the millisecond)");
        assertEquals(JsonValue.NULL, run.get("parent_run_id"));
        assertEquals(JsonValue.NULL, run.get("from_node_id"));
        assertEquals(run.getString("task_id"), run.getString("session_id"), "a run without a session has its own");

        JsonArray executions = run.getJsonArray("node_executions");
        assertEquals(2, executions.size(), run::toString);
        JsonObject failed = executions.getJsonObject(0);
        assertEquals(NODE_EXECUTION_FIELDS, failed.keySet());
        assertEquals(graph.failing(), failed.getString("node_id"));
        assertEquals("Call", failed.getString("node_name"));
        assertEquals("http-request", failed.getString("node_type"));
        assertEquals(1, failed.getInt("attempt"));
        assertEquals("FAILURE", failed.getString("status"));
        assertEquals("error", failed.getString("route"), "the failure took the error route");
        assertFalse(failed.getString("error").isBlank());
        assertFalse(failed.getString("error_type").isBlank());
        assertEquals(
                failed.getString("error"),
                failed.getJsonObject("output").getString("error"),
                "the error route's output carries the error");
        assertNotNull(failed.get("input"));
        assertTrue(failed.getJsonNumber("duration_ms").longValue() >= 0);
        assertEquals(JsonValue.NULL, failed.get("wake_at"));
        JsonObject next = executions.getJsonObject(1);
        assertEquals(graph.after(), next.getString("node_id"));
        assertEquals("transform", next.getString("node_type"));
        assertTrue(Set.of("SUCCESS", "FAILURE").contains(next.getString("status")), next::toString);
        assertFalse(
                Instant.parse(next.getString("started_at")).isBefore(Instant.parse(failed.getString("finished_at"))),
                "the transform began after the node before it ended");
        assertEquals(2, storedNodeExecutions(run.getString("task_id")));
    }

    @Test
    void everyAttemptOfARetriedNodeIsListed() {
        TestWorkflow workflow = alwaysFailing("Retries");
        String node = workflow.canvas().getJsonArray("nodes").getJsonObject(0).getString("id");
        api.patch(workflow.nodePath(node, ""), "{\"retry\": {\"max_attempts\": 3, \"delay_ms\": 0}}")
                .object(200);

        JsonObject run = runToEnd(workflow);

        assertEquals("FAILURE", run.getString("status"));
        assertTrue(run.getString("error").contains("Call"), () -> "the run's error names the node: " + run);
        assertEquals(JsonValue.NULL, run.get("output"));
        List<JsonObject> attempts = executionsOf(run, node);
        assertEquals(
                List.of(1, 2, 3),
                attempts.stream().map(attempt -> attempt.getInt("attempt")).toList());
        attempts.forEach(attempt -> assertEquals("FAILURE", attempt.getString("status")));
        attempts.forEach(attempt -> assertEquals(JsonValue.NULL, attempt.get("route"), "no error route to take"));
    }

    @Test
    void anUnknownRunIs404Everywhere() {
        String unknown = "00000000-0000-0000-0000-000000000000";
        api.get("/api/runs/" + unknown + "/").error(404, "NOT_FOUND");
        api.delete("/api/runs/" + unknown + "/").error(404, "NOT_FOUND");
        api.get("/api/runs/" + unknown + "/export/").error(404, "NOT_FOUND");
        api.post("/api/runs/" + unknown + "/rewind/", "{\"node_id\": \"x\"}").error(404, "NOT_FOUND");
        api.post("/api/runs/" + unknown + "/fork/", "{\"node_id\": \"x\"}").error(404, "NOT_FOUND");
        api.get("/api/runs/not-a-uuid/").error(404, "NOT_FOUND");
    }

    // ----- lists -----------------------------------------------------------------------------

    private static JsonObject listed(JsonObject page, int index) {
        return page.getJsonArray("runs").getJsonObject(index);
    }

    @Test
    void listsAreNewestFirstWithATotalAndPages() {
        TestWorkflow workflow = alwaysFailing("List");
        List<String> started = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            started.add(runToEnd(workflow).getString("task_id"));
        }
        List<String> newestFirst = List.of(started.get(2), started.get(1), started.get(0));
        String mine = "/api/runs/?workflow_id=" + workflow.id();

        JsonObject all = api.get(mine).object(200);
        assertEquals(Set.of("runs", "total_count", "total_count_exact", "has_more", "next_cursor"), all.keySet());
        assertTrue(all.getBoolean("total_count_exact"));
        assertTrue(all.isNull("next_cursor"), "no more: no cursor");
        assertEquals(newestFirst, ids(all.getJsonArray("runs")));
        assertEquals(3, all.getInt("total_count"));
        assertFalse(all.getBoolean("has_more"));
        JsonObject listed = all.getJsonArray("runs").getJsonObject(0);
        assertEquals(RUN_FIELDS, listed.keySet(), "a listed run has no input, output or node executions");
        assertEquals(workflow.id(), listed.getString("workflow_id"));
        assertEquals("FAILURE", listed.getString("status"));

        JsonObject first = api.get(mine + "&limit=2").object(200);
        assertEquals(newestFirst.subList(0, 2), ids(first.getJsonArray("runs")));
        assertEquals(3, first.getInt("total_count"));
        assertTrue(first.getBoolean("has_more"));
        JsonObject second = api.get(mine + "&limit=2&offset=2").object(200);
        assertEquals(newestFirst.subList(2, 3), ids(second.getJsonArray("runs")));
        assertFalse(second.getBoolean("has_more"));
        JsonObject beyond = api.get(mine + "&offset=10").object(200);
        assertEquals(0, beyond.getJsonArray("runs").size());
        assertEquals(3, beyond.getInt("total_count"));

        // A cursor goes on where the last page ended, by an index range instead of an offset.
        String cursor = first.getString("next_cursor");
        JsonObject afterCursor = api.get(mine + "&limit=2&cursor=" + cursor).object(200);
        assertEquals(newestFirst.subList(2, 3), ids(afterCursor.getJsonArray("runs")));
        assertEquals(3, afterCursor.getInt("total_count"), "the count is of the filters, not of what is left");
        assertFalse(afterCursor.getBoolean("has_more"));
        assertTrue(afterCursor.isNull("next_cursor"));
        api.get(mine + "&cursor=" + cursor + "&offset=2").error(400, "INVALID_REQUEST");
        api.get(mine + "&cursor=not-a-cursor").error(400, "INVALID_REQUEST");

        // A time range over the creation time: since inclusive, until exclusive.
        String oldest = listed(all, 2).getString("created_at");
        String newest = listed(all, 0).getString("created_at");
        assertEquals(
                newestFirst, ids(api.get(mine + "&since=" + oldest).object(200).getJsonArray("runs")));
        assertEquals(
                newestFirst.subList(1, 3),
                ids(api.get(mine + "&until=" + newest).object(200).getJsonArray("runs")));
        assertEquals(
                0,
                api.get(mine + "&since=" + newest + "&until=" + newest)
                        .object(200)
                        .getInt("total_count"));
        api.get(mine + "&since=yesterday").error(400, "INVALID_REQUEST");

        assertTrue(api.get("/api/runs/").object(200).getInt("total_count") >= 3, "without a filter: every workflow");
        assertTrue(ids(api.get("/api/runs/?limit=500").object(200).getJsonArray("runs"))
                .containsAll(started));
    }

    /**
     * Past 10,000 matching runs the count stops (an exact one reads every index entry, at every page),
     * and paging does not depend on it. The runs are written straight into the table: 10,001 real
     * runs would take minutes.
     */
    @Test
    void pastTenThousandRunsTheCountStopsAndPagesStillGoOn() {
        String workflowId = UUID.randomUUID().toString();
        int written = MariaDb.update(
                SharedServer.DATABASE,
                "INSERT INTO run (id, workflow_id, workflow_version, status, trigger_type, created_at, updated_at)"
                        + " SELECT UUID(), ?, 1, 'SUCCESS', 'manual',"
                        + " TIMESTAMP '2020-01-01 00:00:00' + INTERVAL seq SECOND, NOW(6) FROM seq_1_to_10001",
                workflowId);
        assertEquals(10_001, written);
        String mine = "/api/runs/?workflow_id=" + workflowId;

        JsonObject first = api.get(mine + "&limit=50").object(200);
        assertEquals(10_000, first.getInt("total_count"));
        assertFalse(first.getBoolean("total_count_exact"));
        assertTrue(first.getBoolean("has_more"));
        assertEquals("2020-01-01T02:46:41Z", listed(first, 0).getString("created_at"), "newest first: second 10,001");
        JsonObject next = api.get(mine + "&limit=50&cursor=" + first.getString("next_cursor"))
                .object(200);
        assertEquals("2020-01-01T02:45:51Z", listed(next, 0).getString("created_at"));
        JsonObject deep = api.get(mine + "&limit=5&offset=9995").object(200);
        assertEquals(5, deep.getJsonArray("runs").size());
        assertTrue(deep.getBoolean("has_more"), "one run is left past the count's limit");
        JsonObject last = api.get(mine + "&limit=5&offset=10000").object(200);
        assertEquals(1, last.getJsonArray("runs").size());
        assertFalse(last.getBoolean("has_more"));
        assertEquals("2020-01-01T00:00:01Z", listed(last, 0).getString("created_at"));
        assertTrue(api.get(mine + "&since=2020-01-01T02:00:00Z").object(200).getBoolean("total_count_exact"));

        MariaDb.update(SharedServer.DATABASE, "DELETE FROM run WHERE workflow_id = ?", workflowId);
    }

    @Test
    void listsFilterByStatus() {
        TestWorkflow workflow = alwaysFailing("Status filter");
        String failed = runToEnd(workflow).getString("task_id");
        String node = workflow.canvas().getJsonArray("nodes").getJsonObject(0).getString("id");
        retryInAnHour(workflow, node);
        JsonObject underWay = startUnderWay(workflow);
        String waiting = underWay.getString("task_id");
        String status = underWay.getString("status");
        String mine = "/api/runs/?workflow_id=" + workflow.id();
        try {
            assertEquals(
                    List.of(failed),
                    ids(api.get(mine + "&status=FAILURE").object(200).getJsonArray("runs")));
            assertEquals(
                    List.of(waiting),
                    ids(api.get(mine + "&status=" + status.toLowerCase(Locale.ROOT))
                            .object(200)
                            .getJsonArray("runs")),
                    "any case");
            assertEquals(
                    List.of(waiting, failed),
                    ids(api.get(mine + "&status=FAILURE," + status).object(200).getJsonArray("runs")));
            assertEquals(
                    List.of(waiting),
                    ids(api.get(mine + "&status=PENDING,STARTED,WAITING")
                            .object(200)
                            .getJsonArray("runs")));
            JsonObject none = api.get(mine + "&status=SUCCESS").object(200);
            assertEquals(0, none.getInt("total_count"));
            assertFalse(none.getBoolean("has_more"));
            assertEquals(
                    0,
                    api.get("/api/runs/?workflow_id=no-such-workflow")
                            .object(200)
                            .getInt("total_count"));
        } finally {
            api.delete("/api/runs/" + waiting + "/");
        }
    }

    @ParameterizedTest(name = "{0} is a 400")
    @ValueSource(
            strings = {
                "limit=0",
                "limit=501",
                "limit=abc",
                "offset=-1",
                "offset=1.5",
                "status=DONE",
                "status=FAILURE;WAITING"
            })
    void badListParametersAre400(String query) {
        api.get("/api/runs/?" + query).error(400, "INVALID_REQUEST");
    }

    @Test
    void anUnknownStatusIsNamedInTheDetails() {
        JsonObject details = api.get("/api/runs/?status=FAILURE,DONE").error(400, "INVALID_REQUEST");
        assertTrue(details.getJsonArray("status").getString(0).contains("DONE"), details::toString);
    }

    // ----- deleting --------------------------------------------------------------------------

    @Test
    void deletingAFinishedRunDeletesItsNodeExecutions() {
        String runId = runToEnd(failingThenTransform("Delete").workflow()).getString("task_id");
        assertEquals(2, storedNodeExecutions(runId));

        Api.Response deleted = api.delete("/api/runs/" + runId + "/");

        assertEquals(204, deleted.status(), deleted::toString);
        assertEquals(0, storedRuns(runId));
        assertEquals(0, storedNodeExecutions(runId));
        api.get("/api/runs/" + runId + "/").error(404, "NOT_FOUND");
        api.delete("/api/runs/" + runId + "/").error(404, "NOT_FOUND");
    }

    @Test
    void aRunUnderWayIsStoppedBeforeItIsDeletedAndCannotBeRewoundOrForked() {
        TestWorkflow workflow = alwaysFailing("Delete under way");
        String node = workflow.canvas().getJsonArray("nodes").getJsonObject(0).getString("id");
        retryInAnHour(workflow, node);
        String runId = startUnderWay(workflow).getString("task_id");

        api.post("/api/runs/" + runId + "/rewind/", "{\"node_id\": \"" + node + "\"}")
                .error(409, "CONFLICT");
        api.post("/api/runs/" + runId + "/fork/", "{\"node_id\": \"" + node + "\"}")
                .error(409, "CONFLICT");
        assertEquals(204, api.delete("/api/runs/" + runId + "/").status());

        api.get("/api/runs/" + runId + "/").error(404, "NOT_FOUND");
        pause(1_500);
        assertEquals(0, storedRuns(runId), "the stopped run did not write its rows back");
        assertEquals(0, storedNodeExecutions(runId));
    }

    @Test
    void deletingAWorkflowDeletesItsRunsTheirNodeExecutionsAndItsGraphs() {
        TestWorkflow workflow = alwaysFailing("Deleted workflow");
        String finished = runToEnd(workflow).getString("task_id");
        String node = workflow.canvas().getJsonArray("nodes").getJsonObject(0).getString("id");
        retryInAnHour(workflow, node);
        String waiting = startUnderWay(workflow).getString("task_id");
        assertEquals(
                2,
                api.get("/api/runs/?workflow_id=" + workflow.id()).object(200).getInt("total_count"));
        assertEquals(
                2,
                MariaDb.count(DB, "SELECT COUNT(*) FROM workflow_snapshot WHERE workflow_id = ?", workflow.id()),
                "one graph per version run");

        assertEquals(204, api.delete(workflow.path()).status());

        JsonObject left = api.get("/api/runs/?workflow_id=" + workflow.id()).object(200);
        assertEquals(0, left.getInt("total_count"), left::toString);
        api.get("/api/runs/" + finished + "/").error(404, "NOT_FOUND");
        pause(1_500);
        for (String runId : List.of(finished, waiting)) {
            assertEquals(0, storedRuns(runId), "run " + runId + " stays deleted");
            assertEquals(0, storedNodeExecutions(runId));
        }
        assertEquals(
                0, MariaDb.count(DB, "SELECT COUNT(*) FROM workflow_snapshot WHERE workflow_id = ?", workflow.id()));
    }

    // ----- rewind and fork -------------------------------------------------------------------

    @Test
    void rewindRunsTheSameRunAgainFromANodeKeepingItsHistory() {
        Graph graph = failingThenTransform("Rewind");
        String runId = runToEnd(graph.workflow()).getString("task_id");

        JsonObject answer = api.post("/api/runs/" + runId + "/rewind/", "{\"node_id\": \"" + graph.failing() + "\"}")
                .object(202);

        assertEquals(runId, answer.getString("task_id"), "a rewind goes on in the same run");
        assertFalse(answer.getString("status").isBlank());
        JsonObject rewound = awaitRun(
                runId,
                run -> FINAL.contains(run.getString("status"))
                        && executionsOf(run, graph.after()).size() == 2);
        assertEquals(graph.failing(), rewound.getString("from_node_id"));
        assertEquals(
                List.of(1, 2),
                executionsOf(rewound, graph.failing()).stream()
                        .map(execution -> execution.getInt("attempt"))
                        .toList(),
                "the first attempt stays in the history");
        List<String> order = rewound.getJsonArray("node_executions").stream()
                .map(execution -> execution.asJsonObject().getString("node_id") + "#"
                        + execution.asJsonObject().getInt("attempt"))
                .toList();
        assertEquals(
                List.of(graph.failing() + "#1", graph.after() + "#1", graph.failing() + "#2", graph.after() + "#2"),
                order,
                "in the order they ran");
        assertEquals(
                1,
                api.get("/api/runs/?workflow_id=" + graph.workflow().id())
                        .object(200)
                        .getInt("total_count"),
                "no new run");
    }

    @Test
    void forkStartsANewRunFromANodeWithWhatCameBeforeIt() {
        Graph graph = failingThenTransform("Fork");
        JsonObject parent = runToEnd(graph.workflow());
        String parentId = parent.getString("task_id");

        JsonObject answer = api.post("/api/runs/" + parentId + "/fork/", "{\"node_id\": \"" + graph.after() + "\"}")
                .object(202);

        String forkId = answer.getString("task_id");
        assertNotEquals(parentId, forkId);
        assertEquals(parentId, answer.getString("parent_run_id"));
        JsonObject fork = awaitRun(forkId, run -> FINAL.contains(run.getString("status")));
        assertEquals(parentId, fork.getString("parent_run_id"));
        assertEquals(graph.after(), fork.getString("from_node_id"));
        assertEquals("fork", fork.getString("trigger"));
        JsonObject copied = executionsOf(fork, graph.failing()).get(0);
        JsonObject original = executionsOf(parent, graph.failing()).get(0);
        assertEquals(original.get("output"), copied.get("output"), "the node before the fork point is copied");
        assertEquals(original.getString("finished_at"), copied.getString("finished_at"), "not run again");
        assertEquals(1, executionsOf(fork, graph.after()).size());
        assertEquals(
                2,
                api.get("/api/runs/" + parentId + "/")
                        .object(200)
                        .getJsonArray("node_executions")
                        .size(),
                "the parent is left as it was");
        assertEquals(
                List.of(forkId, parentId),
                ids(api.get("/api/runs/?workflow_id=" + graph.workflow().id())
                        .object(200)
                        .getJsonArray("runs")));
    }

    @Test
    void rewindAndForkNeedANodeOfTheRunsGraph() {
        Graph graph = failingThenTransform("Bad rewind");
        String runId = runToEnd(graph.workflow()).getString("task_id");

        for (String action : List.of("rewind", "fork")) {
            String path = "/api/runs/" + runId + "/" + action + "/";
            assertTrue(api.post(path, "{\"node_id\": \"no-such-node\"}")
                    .error(422, "VALIDATION_ERROR")
                    .containsKey("node_id"));
            assertTrue(api.post(path, "{}").error(422, "VALIDATION_ERROR").containsKey("node_id"));
            assertTrue(api.post(path, "{\"node_id\": 7}")
                    .error(422, "VALIDATION_ERROR")
                    .containsKey("node_id"));
            api.post(path, "{\"node_id\": ").error(400, "INVALID_REQUEST");
        }
        assertEquals(
                1,
                api.get("/api/runs/?workflow_id=" + graph.workflow().id())
                        .object(200)
                        .getInt("total_count"));
    }

    // ----- export ----------------------------------------------------------------------------

    @Test
    void exportIsTheRunWithItsHistoryAsJsonByDefault() {
        String runId = runToEnd(failingThenTransform("Export JSON").workflow()).getString("task_id");
        JsonObject run = api.get("/api/runs/" + runId + "/").object(200);

        Api.Response export = api.get("/api/runs/" + runId + "/export/");

        assertEquals(200, export.status(), export::toString);
        assertTrue(export.header("Content-Type").orElse("").startsWith("application/json"), export::toString);
        assertEquals(
                "attachment; filename=\"run-" + runId + ".json\"",
                export.header("Content-Disposition").orElse(""));
        JsonObject document = export.object();
        Instant.parse(document.getString("exported_at"));
        assertEquals(run, withoutExportTime(document));
        assertEquals(
                run,
                withoutExportTime(
                        api.get("/api/runs/" + runId + "/export/?format=JSON").object(200)));
    }

    /** The export is the run's detail, plus the time and the llm records (none in these runs). */
    private static JsonObject withoutExportTime(JsonObject export) {
        assertEquals(JsonValue.EMPTY_JSON_ARRAY, export.getJsonArray("llm_responses"), export::toString);
        return Json.createObjectBuilder(export)
                .remove("exported_at")
                .remove("llm_responses")
                .build();
    }

    @Test
    void exportAsYamlWritesTheSameFieldsAsYaml() {
        Graph graph = failingThenTransform("Export YAML");
        String runId = runToEnd(graph.workflow()).getString("task_id");

        Api.Response export = api.get("/api/runs/" + runId + "/export/?format=yaml");

        assertEquals(200, export.status(), export::toString);
        assertTrue(export.header("Content-Type").orElse("").startsWith("application/yaml"), export::toString);
        assertEquals(
                "attachment; filename=\"run-" + runId + ".yaml\"",
                export.header("Content-Disposition").orElse(""));
        List<String> lines = export.text().lines().toList();
        assertTrue(lines.contains("task_id: " + runId) || lines.contains("task_id: \"" + runId + "\""), export::text);
        assertTrue(lines.contains("trigger: manual"), export::text);
        assertTrue(lines.contains("parent_run_id: null"), export::text);
        assertTrue(lines.contains("input: {}"), export::text);
        assertTrue(lines.contains("node_executions:"), export::text);
        assertTrue(
                lines.stream().anyMatch(line -> line.matches("  - node_id: \"?" + graph.failing() + "\"?")),
                export::text);
        assertTrue(lines.contains("    node_name: Call"), export::text);
        assertTrue(lines.contains("    route: error"), export::text);
        assertTrue(lines.contains("    attempt: 1"), export::text);
        assertTrue(lines.stream().anyMatch(line -> line.startsWith("exported_at: \"")), export::text);
    }

    @Test
    void anUnknownExportFormatIs400() {
        String runId = runToEnd(alwaysFailing("Export format")).getString("task_id");
        JsonObject details =
                api.get("/api/runs/" + runId + "/export/?format=xml").error(400, "INVALID_REQUEST");
        assertTrue(details.containsKey("format"), details::toString);
    }
}
