package io.orchestrator.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.orchestrator.it.support.Api;
import io.orchestrator.it.support.SharedServer;
import io.orchestrator.it.support.SocketClient;
import io.orchestrator.it.support.TestWorkflow;
import io.orchestrator.it.support.WebhookSigner;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Runs on the real server: production runs through Quartz with their events on the WebSocket,
 * failures, stopping a waiting run, webhooks and development mode.
 */
class EngineApiIT {

    private final Api api = SharedServer.admin();

    private static JsonObject json(String text) {
        return (JsonObject) Api.parse(text);
    }

    /** manual-trigger → Double → Big (condition) → Yes (true) / No (false). */
    private record Branching(TestWorkflow workflow, String start, String doubled, String big, String yes, String no) {}

    private Branching branching() {
        TestWorkflow workflow = TestWorkflow.create(api, "branching " + UUID.randomUUID());
        String start = workflow.addNodeId("manual-trigger", "Start");
        String doubled = workflow.addNode("transform", "Double", json("{\"fields\": {\"x\": \"${input.n * 2}\"}}"))
                .getString("id");
        String big = workflow.addNode("condition", "Big", json("{\"expression\": \"${input.x > 5}\"}"))
                .getString("id");
        String yes = workflow.addNode(
                        "transform",
                        "Yes",
                        json("{\"fields\": {\"size\": \"big\", \"x\": \"${nodes['Double'].output.x}\"}}"))
                .getString("id");
        String no = workflow.addNode("transform", "No", json("{\"fields\": {\"size\": \"small\"}}"))
                .getString("id");
        workflow.connect(start, doubled);
        workflow.connect(doubled, big);
        workflow.connect(big, "true", yes);
        workflow.connect(big, "false", no);
        return new Branching(workflow, start, doubled, big, yes, no);
    }

    private JsonObject awaitStatus(TestWorkflow workflow, String... statuses) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        JsonObject status = null;
        while (Instant.now().isBefore(deadline)) {
            status = api.get(workflow.path("task_status/")).object(200);
            if (List.of(statuses).contains(status.getString("status"))) {
                return status;
            }
            sleep(100);
        }
        throw new AssertionError("The run did not reach " + List.of(statuses) + "; last: " + status);
    }

    private static List<JsonObject> eventsUntil(SocketClient socket, String lastType) {
        List<JsonObject> events = new ArrayList<>();
        while (true) {
            JsonObject event = socket.next();
            events.add(event);
            if (event.getString("type").equals(lastType)) {
                return events;
            }
        }
    }

    private static String nodeNamed(TestWorkflow workflow, String name) {
        return workflow.canvas().getJsonArray("nodes").getValuesAs(JsonObject.class).stream()
                .filter(node -> node.getString("name").equals(name))
                .findFirst()
                .orElseThrow()
                .getString("id");
    }

    private static int indexOf(List<JsonObject> events, String type, String nodeId) {
        for (int i = 0; i < events.size(); i++) {
            JsonObject event = events.get(i);
            if (event.getString("type").equals(type) && nodeId.equals(event.getString("node_id", null))) {
                return i;
            }
        }
        return -1;
    }

    @Test
    void aBranchingRunSucceedsWithItsEventsInOrderAndTheTakenRoute() {
        Branching flow = branching();
        try (SocketClient socket = SocketClient.connect(
                SocketClient.uri("/ws/workflow/" + flow.workflow().id() + "/?token=" + SharedServer.ADMIN_TOKEN))) {
            assertEquals(
                    "idle", socket.next("state_sync").getJsonObject("state").getString("status"));
            JsonObject started = api.post(flow.workflow().path("start_execution/"), "{\"n\": 4}")
                    .object(200);
            assertEquals("PENDING", started.getString("status"));
            String taskId = started.getString("task_id");

            List<JsonObject> events = eventsUntil(socket, "workflow_completed");
            events.forEach(event -> assertEquals(taskId, event.getString("task_id"), event::toString));
            events.forEach(
                    event -> assertEquals(flow.workflow().id(), event.getString("workflow_id"), event::toString));
            for (String node : List.of(flow.start(), flow.doubled(), flow.big(), flow.yes())) {
                int startedAt = indexOf(events, "node_started", node);
                int completedAt = indexOf(events, "node_completed", node);
                assertTrue(
                        startedAt >= 0 && completedAt > startedAt, "started then completed: " + node + " in " + events);
            }
            assertTrue(indexOf(events, "node_completed", flow.doubled()) < indexOf(events, "node_started", flow.big()));
            assertTrue(indexOf(events, "node_completed", flow.big()) < indexOf(events, "node_started", flow.yes()));
            assertEquals(
                    "true",
                    events.get(indexOf(events, "node_completed", flow.big())).getString("route"));
            assertEquals(-1, indexOf(events, "node_started", flow.no()), "the false branch never starts");
            assertTrue(indexOf(events, "node_skipped", flow.no()) >= 0, "the false branch is skipped");

            assertEquals(
                    "SUCCESS",
                    api.get(flow.workflow().path("task_status/")).object(200).getString("status"));
            socket.send("{\"type\":\"request_state\"}");
            JsonObject state = socket.next("state_sync").getJsonObject("state");
            assertEquals(taskId, state.getString("task_id"));
            assertEquals("success", state.getString("status"));
            assertEquals(4, state.getInt("completed_count"));
        }
    }

    @Test
    void theConditionTakesTheFalseRouteForASmallInput() {
        Branching flow = branching();
        api.post(flow.workflow().path("start_execution/"), "{\"n\": 1}").object(200);
        assertEquals(
                "SUCCESS", awaitStatus(flow.workflow(), "SUCCESS", "FAILURE").getString("status"));
    }

    @Test
    void aFailingHttpRequestSendsNodeFailedThenWorkflowFailed() {
        TestWorkflow workflow = TestWorkflow.create(api, "failing " + UUID.randomUUID());
        String start = workflow.addNodeId("manual-trigger", "Start");
        // Loopback is refused unless ORCHESTRATOR_HTTP_ALLOW lists it: the node fails without any network.
        String call = workflow.addNode("http-request", "Call", json("{\"url\": \"http://127.0.0.1:9/never\"}"))
                .getString("id");
        String after = workflow.addNodeId("transform", "After");
        workflow.connect(start, call);
        workflow.connect(call, after);
        try (SocketClient socket = SocketClient.connect(
                SocketClient.uri("/ws/workflow/" + workflow.id() + "/?token=" + SharedServer.ADMIN_TOKEN))) {
            socket.next("state_sync");
            api.get(workflow.path("start_execution/")).object(200);
            List<JsonObject> events = eventsUntil(socket, "workflow_failed");
            int failed = indexOf(events, "node_failed", call);
            assertTrue(failed >= 0, events::toString);
            assertTrue(events.get(failed).getString("error").contains("ORCHESTRATOR_HTTP_ALLOW"), events::toString);
            assertEquals(
                    events.size() - 1,
                    events.stream().map(e -> e.getString("type")).toList().indexOf("workflow_failed"));
            assertTrue(failed < events.size() - 1);
            assertEquals(-1, indexOf(events, "node_started", after), "nothing after the failed node starts");
        }
        JsonObject status = api.get(workflow.path("task_status/")).object(200);
        assertEquals("FAILURE", status.getString("status"));
        assertTrue(status.getString("error").contains("Call"), status::toString);
    }

    @Test
    void stoppingAWaitingRunRevokesIt() {
        TestWorkflow workflow = TestWorkflow.create(api, "waiting " + UUID.randomUUID());
        String start = workflow.addNodeId("manual-trigger", "Start");
        String pause =
                workflow.addNode("wait", "Pause", json("{\"seconds\": 600}")).getString("id");
        String after = workflow.addNodeId("transform", "After");
        workflow.connect(start, pause);
        workflow.connect(pause, after);
        String taskId = api.get(workflow.path("start_execution/")).object(200).getString("task_id");
        assertEquals(taskId, awaitStatus(workflow, "WAITING").getString("task_id"));

        JsonObject stopped = api.get(workflow.path("stop_execution/")).object(200);
        assertEquals(taskId, stopped.getString("task_id"));
        assertEquals("REVOKED", stopped.getString("status"));
        assertEquals(
                "REVOKED", api.get(workflow.path("task_status/")).object(200).getString("status"));
    }

    @Test
    void aWaitShorterThanTheTestWakesThroughQuartzAndCompletes() {
        TestWorkflow workflow = TestWorkflow.create(api, "short wait " + UUID.randomUUID());
        String start = workflow.addNodeId("manual-trigger", "Start");
        String pause =
                workflow.addNode("wait", "Pause", json("{\"seconds\": 1}")).getString("id");
        workflow.connect(start, pause);
        api.get(workflow.path("start_execution/")).object(200);
        assertEquals(
                "SUCCESS",
                awaitStatus(workflow, "SUCCESS", "FAILURE", "REVOKED").getString("status"));
    }

    private TestWorkflow webhookFlow(String path, String mode, String secret) {
        TestWorkflow workflow = TestWorkflow.create(api, "webhook " + path);
        var form = Json.createObjectBuilder().add("path", path).add("response_mode", mode);
        if (secret != null) {
            form.add("secret", secret);
        }
        String hook = workflow.addNode("webhook", "Hook", form.build()).getString("id");
        String doubled = workflow.addNode(
                        "transform",
                        "Double",
                        json("{\"fields\": {\"doubled\": \"${input.body.n * 2}\", \"via\": \"${input.method}\"}}"))
                .getString("id");
        workflow.connect(hook, doubled);
        return workflow;
    }

    @Test
    void aWebhookInLastNodeModeAnswersWithTheComputedBody() {
        String path = "it/" + UUID.randomUUID();
        TestWorkflow workflow = webhookFlow(path, "last_node", null);
        Api anonymous = SharedServer.anonymous();

        Api.Response inactive = anonymous.post("/api/hooks/" + path, "{\"n\": 21}");
        inactive.error(404, "NOT_FOUND");
        assertFalse(inactive.text().contains("active"), "a stranger learns nothing of an inactive workflow");
        assertFalse(inactive.text().contains(workflow.id()), inactive::toString);

        api.patch(workflow.path(), "{\"active\": true}").object(200);
        Api.Response answer = anonymous.post("/api/hooks/" + path, "{\"n\": 21}");
        JsonObject body = answer.object(200);
        assertEquals(42, body.getInt("doubled"));
        assertEquals("POST", body.getString("via"));
        assertTrue(answer.header("X-Task-Id").isPresent());

        anonymous.get("/api/hooks/" + path).error(405, "METHOD_NOT_ALLOWED");
        anonymous.post("/api/hooks/" + path + "-unknown", "{}").error(404, "NOT_FOUND");
    }

    @Test
    void aWorkflowThatKeepsOnlyFailedRunsHistoryStoresNoNodeExecutionsForASuccessfulRun() {
        String path = "it/keep/" + UUID.randomUUID();
        TestWorkflow workflow = webhookFlow(path, "last_node", null);
        api.patch(workflow.path(), "{\"active\": true, \"settings\": {\"keep_executions\": \"failed\"}}")
                .object(200);

        Api.Response answer = SharedServer.anonymous().post("/api/hooks/" + path, "{\"n\": 4}");
        assertEquals(8, answer.object(200).getInt("doubled"));
        String taskId = answer.header("X-Task-Id").orElseThrow();

        JsonObject run = api.get("/api/runs/" + taskId + "/").object(200);
        assertEquals("SUCCESS", run.getString("status"));
        assertEquals(8, run.getJsonObject("output").getInt("doubled"), "the run keeps its result");
        assertEquals(0, run.getJsonArray("node_executions").size(), run::toString);
        Api.Response refused = api.post(
                "/api/runs/" + taskId + "/rewind/", "{\"node_id\": \"" + nodeNamed(workflow, "Double") + "\"}");
        refused.error(409, "CONFLICT");
        assertTrue(refused.object().getString("error").contains("keep_executions"), refused::toString);
    }

    @Test
    void aWorkflowsWebhookRateLimitAnswers429WithRetryAfter() {
        String path = "it/limited/" + UUID.randomUUID();
        TestWorkflow workflow = webhookFlow(path, "last_node", null);
        api.patch(workflow.path(), "{\"active\": true, \"settings\": {\"webhook_rate_limit\": 2}}")
                .object(200);

        // Two calls a minute pass; five in a row meet the limit even if a minute turns meanwhile.
        Api.Response limited = null;
        for (int call = 0; call < 5 && limited == null; call++) {
            Api.Response answer = SharedServer.anonymous().post("/api/hooks/" + path, "{\"n\": 1}");
            if (answer.status() == 429) {
                limited = answer;
            } else {
                assertEquals(2, answer.object(200).getInt("doubled"));
            }
        }
        assertNotNull(limited, "the third call within a minute is refused");
        limited.error(429, "RATE_LIMITED");
        assertTrue(limited.object().getString("error").contains("webhook_rate_limit"), limited::toString);
        assertTrue(Long.parseLong(limited.header("Retry-After").orElseThrow()) >= 1);
    }

    @Test
    void aWebhookPathBelongsToOneWorkflow() {
        String path = "it/taken/" + UUID.randomUUID();
        webhookFlow(path, "on_received", null);
        TestWorkflow other = TestWorkflow.create(api, "second " + path);
        JsonObject refused = api.post(
                        other.path("nodes/add/"),
                        Json.createObjectBuilder()
                                .add("nodeTemplate", "webhook")
                                .add("name", "Copy")
                                .add("form_values", Json.createObjectBuilder().add("path", path))
                                .build())
                .error(422, "VALIDATION_ERROR");
        assertTrue(refused.toString().contains("already used"), refused::toString);
        assertEquals(0, other.storedNodes(), "the refused node was not kept");
    }

    @Test
    void aWebhookWithASecretNeedsItOrARecentSignatureOfTheTimestampAndBody() {
        String path = "it/secret/" + UUID.randomUUID();
        TestWorkflow workflow = webhookFlow(path, "on_received", "s3cret");
        api.patch(workflow.path(), "{\"active\": true}").object(200);
        Api anonymous = SharedServer.anonymous();
        String hook = "/api/hooks/" + path;
        String body = "{\"n\": 1}";

        anonymous.post(hook, body).error(401, "UNAUTHORIZED");
        JsonObject accepted = anonymous
                .withHeader("X-Webhook-Secret", "s3cret")
                .post(hook, body)
                .object(202);
        assertNotNull(accepted.getString("task_id"));

        long now = System.currentTimeMillis() / 1000;
        WebhookSigner.signed(anonymous, "s3cret", now, body).post(hook, body).object(202);
        WebhookSigner.signed(anonymous, "s3cret", now - 60, body)
                .post(hook, body)
                .object(202);
        WebhookSigner.signed(anonymous, "wrong", now, body).post(hook, body).error(401, "UNAUTHORIZED");
        Api.Response stale =
                WebhookSigner.signed(anonymous, "s3cret", now - 3600, body).post(hook, body);
        stale.error(401, "UNAUTHORIZED");
        assertTrue(stale.text().contains("X-Webhook-Timestamp is more than 300 seconds away"), stale::toString);
        // A signature of the body alone could be replayed forever: it no longer opens the webhook.
        anonymous
                .withHeader("X-Signature-256", "sha256=" + WebhookSigner.hmac("s3cret", body))
                .post(hook, body)
                .error(401, "UNAUTHORIZED");
    }

    @Test
    void developmentModeRunsOneNodeAndKeepsTheSession() {
        TestWorkflow workflow = TestWorkflow.create(api, "development " + UUID.randomUUID());
        String remember = workflow.addNode(
                        "set-session", "Remember", json("{\"values\": {\"user\": \"${input.name}\"}}"))
                .getString("id");
        String greet = workflow.addNode(
                        "transform", "Greet", json("{\"fields\": {\"greeting\": \"Hello ${session.user}\"}}"))
                .getString("id");
        workflow.connect(remember, greet);
        String session = "dev-" + UUID.randomUUID();

        JsonObject first = api.post(
                        workflow.path("execute_and_save_node/"),
                        Json.createObjectBuilder()
                                .add("node_id", remember)
                                .add("input_data", Json.createObjectBuilder().add("name", "Ada"))
                                .add("session_id", session)
                                .build())
                .object(200);
        assertTrue(first.getBoolean("success"), first::toString);
        assertEquals(session, first.getString("session_id"));
        assertEquals("set-session", first.getString("node_type"));

        JsonObject second = api.post(
                        workflow.path("execute_and_save_node/"),
                        Json.createObjectBuilder()
                                .add("node_id", greet)
                                .add("session_id", session)
                                .build())
                .object(200);
        assertTrue(second.getBoolean("success"), second::toString);
        assertEquals("Hello Ada", second.getJsonObject("output").getString("greeting"));
        assertEquals("default", second.getString("route"));
        // Without input_data the node's input is its source's last output.
        assertEquals(first.getJsonObject("output"), second.getJsonObject("input_data"));

        assertEquals(
                second.getJsonObject("output"),
                api.get(workflow.nodePath(greet, "output/")).object(200).getJsonObject("output_data"));
        assertEquals(
                first.getJsonObject("output"),
                api.get(workflow.nodePath(greet, "input/")).object(200).getJsonObject("input_data"));

        JsonObject otherSession = api.post(
                        workflow.path("execute_and_save_node/"),
                        Json.createObjectBuilder()
                                .add("node_id", greet)
                                .add("session_id", "dev-" + UUID.randomUUID())
                                .build())
                .object(200);
        assertFalse(otherSession.getJsonObject("output").getString("greeting").contains("Ada"), otherSession::toString);
    }

    @Test
    void developmentModeReportsANodeFailureInTheAnswer() {
        TestWorkflow workflow = TestWorkflow.create(api, "development failure " + UUID.randomUUID());
        // A well-formed expression that does not give a boolean fails when it runs, not when it is saved.
        String broken = workflow.addNode("condition", "Broken", json("{\"expression\": \"${input.name}\"}"))
                .getString("id");
        JsonObject answer = api.post(
                        workflow.path("execute_and_save_node/"),
                        Json.createObjectBuilder()
                                .add("node_id", broken)
                                .add("input_data", Json.createObjectBuilder().add("name", "Ada"))
                                .build())
                .object(200);
        assertFalse(answer.getBoolean("success"), answer::toString);
        assertEquals("expression", answer.getString("error_type"));
        assertTrue(answer.getString("error").contains("expression"), answer::toString);

        api.post(workflow.path("execute_and_save_node/"), "{\"node_id\": \"" + UUID.randomUUID() + "\"}")
                .error(404, "NOT_FOUND");
        api.post(workflow.path("execute_and_save_node/"), "{}").error(422, "VALIDATION_ERROR");
    }

    @Test
    void startingAWorkflowThatCannotRunIsRefused() {
        TestWorkflow empty = TestWorkflow.create(api, "empty " + UUID.randomUUID());
        api.get(empty.path("start_execution/")).error(422, "VALIDATION_ERROR");
        api.get("/api/workflow/" + UUID.randomUUID() + "/start_execution/").error(404, "NOT_FOUND");
        api.get(empty.path("task_status/")).error(404, "NOT_FOUND");
        TestWorkflow typed = TestWorkflow.create(api, "typed " + UUID.randomUUID());
        typed.addNode(
                "manual-trigger",
                "Start",
                json("{\"inputs\": [{\"name\": \"n\", \"type\": \"number\", \"required\": true}]}"));
        JsonObject refused =
                api.post(typed.path("start_execution/"), "{\"n\": \"many\"}").error(422, "VALIDATION_ERROR");
        assertTrue(refused.toString().contains("n"), refused::toString);
        api.post(typed.path("start_execution/"), "{\"n\": 3}").object(200);
    }

    @Test
    void aWebhookInRespondNodeModeAnswersWithTheRespondWebhookNode() {
        String path = "it/respond/" + UUID.randomUUID();
        TestWorkflow workflow = TestWorkflow.create(api, "respond " + path);
        String hook = workflow.addNode(
                        "webhook",
                        "Hook",
                        Json.createObjectBuilder()
                                .add("path", path)
                                .add("response_mode", "respond_node")
                                .build())
                .getString("id");
        String respond = workflow.addNode(
                        "respond-webhook",
                        "Answer",
                        json(
                                "{\"status\": 201,"
                                        + " \"headers\": {\"X-Order\": \"${input.body.order}\"}, \"body\": {\"created\": \"${input.body.order}\"}}"))
                .getString("id");
        workflow.connect(hook, respond);
        api.patch(workflow.path(), "{\"active\": true}").object(200);

        Api.Response answer = SharedServer.anonymous().post("/api/hooks/" + path, "{\"order\": \"A-7\"}");
        assertEquals("A-7", answer.object(201).getString("created"));
        assertEquals("A-7", answer.header("X-Order").orElse(null));
    }

    @Test
    void aSubWorkflowRunsAndGivesItsResult() {
        TestWorkflow child = TestWorkflow.create(api, "child " + UUID.randomUUID());
        String childStart = child.addNodeId("manual-trigger", "Start");
        String square = child.addNode(
                        "transform", "Square", json("{\"fields\": {\"square\": \"${input.n * input.n}\"}}"))
                .getString("id");
        child.connect(childStart, square);

        TestWorkflow parent = TestWorkflow.create(api, "parent " + UUID.randomUUID());
        String start = parent.addNodeId("manual-trigger", "Start");
        String call = parent.addNode(
                        "sub-workflow",
                        "Call",
                        Json.createObjectBuilder()
                                .add("workflow_id", child.id())
                                .build())
                .getString("id");
        String after = parent.addNode("transform", "After", json("{\"fields\": {\"result\": \"${input.square}\"}}"))
                .getString("id");
        parent.connect(start, call);
        parent.connect(call, after);

        String taskId = api.post(parent.path("start_execution/"), "{\"n\": 7}")
                .object(200)
                .getString("task_id");
        assertEquals("SUCCESS", awaitStatus(parent, "SUCCESS", "FAILURE").getString("status"));
        JsonObject run = api.get("/api/runs/" + taskId + "/").object(200);
        assertEquals(49, run.getJsonObject("output").getInt("result"), run::toString);
        JsonObject children = api.get("/api/runs/?workflow_id=" + child.id()).object(200);
        assertEquals(1, children.getInt("total_count"));
        assertEquals(taskId, children.getJsonArray("runs").getJsonObject(0).getString("parent_run_id"));
    }

    @Test
    void twoWorkflowsCallingEachOtherAsSubWorkflowsFailOnceInsteadOfStartingRunsWithoutEnd() {
        TestWorkflow first = TestWorkflow.create(api, "ping " + UUID.randomUUID());
        TestWorkflow second = TestWorkflow.create(api, "pong " + UUID.randomUUID());
        for (TestWorkflow[] pair : new TestWorkflow[][] {{first, second}, {second, first}}) {
            String start = pair[0].addNodeId("manual-trigger", "Start");
            String call = pair[0].addNode(
                            "sub-workflow",
                            "Call",
                            Json.createObjectBuilder()
                                    .add("workflow_id", pair[1].id())
                                    .build())
                    .getString("id");
            pair[0].connect(start, call);
        }

        String taskId =
                api.post(first.path("start_execution/"), "{}").object(200).getString("task_id");
        assertEquals("FAILURE", awaitStatus(first, "SUCCESS", "FAILURE").getString("status"));
        String error = api.get("/api/runs/" + taskId + "/").object(200).getString("error");
        assertTrue(
                error.contains("is already running further up this chain (" + second.id() + " ← " + first.id() + ")"),
                error);
        assertEquals(
                1, api.get("/api/runs/?workflow_id=" + first.id()).object(200).getInt("total_count"));
        assertEquals(
                1, api.get("/api/runs/?workflow_id=" + second.id()).object(200).getInt("total_count"));
    }

    @Test
    void anActiveScheduleStartsRunsAndStopsWhenDeactivated() {
        TestWorkflow workflow = TestWorkflow.create(api, "schedule " + UUID.randomUUID());
        String tick = workflow.addNode("schedule", "Every second", json("{\"cron\": \"* * * * * ?\"}"))
                .getString("id");
        String after = workflow.addNodeId("transform", "After");
        workflow.connect(tick, after);
        api.patch(workflow.path(), "{\"active\": true}").object(200);

        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        JsonObject runs = null;
        while (Instant.now().isBefore(deadline)) {
            runs = api.get("/api/runs/?workflow_id=" + workflow.id() + "&status=SUCCESS")
                    .object(200);
            if (runs.getInt("total_count") >= 2) {
                break;
            }
            sleep(250);
        }
        assertTrue(runs.getInt("total_count") >= 2, "two scheduled runs within 30 s: " + runs);
        assertEquals("schedule", runs.getJsonArray("runs").getJsonObject(0).getString("trigger"));

        api.patch(workflow.path(), "{\"active\": false}").object(200);
        sleep(2000);
        int afterStop =
                api.get("/api/runs/?workflow_id=" + workflow.id()).object(200).getInt("total_count");
        sleep(3000);
        assertEquals(
                afterStop,
                api.get("/api/runs/?workflow_id=" + workflow.id()).object(200).getInt("total_count"),
                "no more runs once inactive");
    }

    @Test
    void badExecutionRequestsAreRefusedWithTheErrorBody() {
        Branching flow = branching();
        api.post(flow.workflow().path("start_execution/"), "[1, 2]").error(400, "INVALID_REQUEST");
        api.post(flow.workflow().path("start_execution/"), "{not json").error(400, "INVALID_REQUEST");
        api.post(flow.workflow().path("task_status/"), "{}").error(405, "METHOD_NOT_ALLOWED");
        api.get(flow.workflow().path("execute_and_save_node/")).error(405, "METHOD_NOT_ALLOWED");
        api.post(flow.workflow().path("execute_and_save_node/"), "").error(400, "INVALID_REQUEST");
        SharedServer.anonymous().get(flow.workflow().path("start_execution/")).error(401, "UNAUTHORIZED");
        assertEquals(404, api.get(flow.workflow().path("task_status/")).status(), "nothing ran");
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
