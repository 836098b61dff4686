package io.orchestrator.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.orchestrator.it.support.Api;
import io.orchestrator.it.support.Eventually;
import io.orchestrator.it.support.SharedServer;
import io.orchestrator.it.support.SocketClient;
import io.orchestrator.it.support.TestWorkflow;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * A person in the loop: manual trigger → Make (transform that makes the candidates) → Ask
 * (human-input) → Use (transform). The run waits without a thread, shows its request on the
 * WebSocket, in state_sync and in the run's detail, and goes on with the person's answer.
 */
class HumanInputApiIT {

    static final JsonObject DRAFTS =
            (JsonObject) Api.parse("{\"drafts\": [\"first draft\", \"second draft\", \"third draft\"]}");

    private final Api api = SharedServer.admin();

    /** The graph, with the human-input node's form; Rejected and Late hang on its other routes. */
    record Flow(TestWorkflow workflow, String start, String ask, String use, String rejected, String late) {

        static Flow create(Api api, String askForm) {
            TestWorkflow workflow = TestWorkflow.create(api, "human " + UUID.randomUUID());
            String start = workflow.addNodeId("manual-trigger", "Start");
            String make = workflow.addNode("transform", "Make", (JsonObject)
                            Api.parse("{\"fields\": {\"candidates\": \"${input.drafts}\"}}"))
                    .getString("id");
            String ask = workflow.addNode("human-input", "Ask", (JsonObject) Api.parse(askForm))
                    .getString("id");
            String use = workflow.addNode(
                            "transform", "Use", (JsonObject) Api.parse("{\"fields\": {\"chosen\": \"${input.text}\"}}"))
                    .getString("id");
            String rejected = workflow.addNodeId("transform", "Rejected");
            String late = workflow.addNodeId("transform", "Late");
            workflow.connect(start, make);
            workflow.connect(make, ask);
            workflow.connect(ask, use);
            workflow.connect(ask, "rejected", rejected);
            workflow.connect(ask, "timeout", late);
            return new Flow(workflow, start, ask, use, rejected, late);
        }

        String startRun(Api api) {
            return api.post(workflow.path("start_execution/"), DRAFTS)
                    .object(200)
                    .getString("task_id");
        }

        /** Waits until the run waits for the person; returns the run's detail. */
        JsonObject awaitQuestion(Api api, String taskId) {
            JsonObject[] run = {null};
            Eventually.until(
                    () -> {
                        run[0] = api.get("/api/runs/" + taskId + "/").object(200);
                        return "WAITING".equals(run[0].getString("status"));
                    },
                    Duration.ofSeconds(30),
                    () -> String.valueOf(run[0]));
            return run[0];
        }

        JsonObject awaitEnd(Api api, String taskId) {
            JsonObject[] run = {null};
            Eventually.until(
                    () -> {
                        run[0] = api.get("/api/runs/" + taskId + "/").object(200);
                        return List.of("SUCCESS", "FAILURE", "REVOKED").contains(run[0].getString("status"));
                    },
                    Duration.ofSeconds(30),
                    () -> String.valueOf(run[0]));
            return run[0];
        }
    }

    private static String answer(String nodeId, String rest) {
        return "{\"node_id\": \"" + nodeId + "\", " + rest + "}";
    }

    @Test
    void aRunWaitsForThePersonShowsTheRequestEverywhereAndGoesOnWithTheSelectedCandidate() {
        Flow flow = Flow.create(api, "{\"prompt\": \"Pick a draft\", \"allow_feedback\": true}");
        try (SocketClient socket = SocketClient.connect(
                SocketClient.uri("/ws/workflow/" + flow.workflow().id() + "/?token=" + SharedServer.ADMIN_TOKEN))) {
            socket.next("state_sync");
            String taskId = flow.startRun(api);

            JsonObject waiting = nextOfType(socket, "node_waiting");
            assertEquals(taskId, waiting.getString("task_id"));
            assertEquals(flow.ask(), waiting.getString("node_id"));
            JsonObject request = waiting.getJsonObject("request");
            assertEquals("Pick a draft", request.getString("prompt"));
            assertEquals("select_one", request.getString("mode"));
            assertEquals(false, request.getBoolean("allow_edit"));
            assertEquals(true, request.getBoolean("allow_feedback"));
            assertEquals(
                    "second draft",
                    request.getJsonArray("candidates").getJsonObject(1).getString("text"));

            JsonObject run = flow.awaitQuestion(api, taskId);
            JsonObject step = TestWorkflow.lastExecution(run, flow.ask());
            assertEquals("WAITING", step.getString("status"));
            assertEquals(request, step.getJsonObject("request"), "the run's detail shows the request");
            assertEquals(
                    "WAITING",
                    api.get(flow.workflow().path("task_status/")).object(200).getString("status"));

            socket.send("{\"type\": \"request_state\"}");
            JsonObject state = nextOfType(socket, "state_sync").getJsonObject("state");
            JsonObject waitingNode = state.getJsonArray("waiting_nodes").getJsonObject(0);
            assertEquals(flow.ask(), waitingNode.getString("node_id"));
            assertEquals(request, waitingNode.getJsonObject("request"), "state_sync shows the request");

            JsonObject answered = api.post(
                            "/api/runs/" + taskId + "/resume/",
                            answer(flow.ask(), "\"action\": \"select\", \"selected\": [1]"))
                    .object(200);
            assertEquals("select", answered.getString("action"));
            assertEquals("second draft", answered.getJsonObject("output").getString("text"));

            JsonObject ended = flow.awaitEnd(api, taskId);
            assertEquals("SUCCESS", ended.getString("status"), ended::toString);
            JsonObject askStep = TestWorkflow.lastExecution(ended, flow.ask());
            assertEquals("default", askStep.getString("route"));
            assertEquals(
                    "second draft",
                    askStep.getJsonObject("output")
                            .getJsonArray("selected")
                            .getJsonObject(0)
                            .getString("text"));
            assertEquals(
                    "second draft",
                    TestWorkflow.lastExecution(ended, flow.use())
                            .getJsonObject("output")
                            .getString("chosen"));
            assertEquals(
                    "SKIPPED",
                    TestWorkflow.lastExecution(ended, flow.rejected()).getString("status"));
        }
    }

    @Test
    void severalSelectionsAreJoinedAndCandidatesMayBeNamedById() {
        Flow flow = Flow.create(api, "{\"mode\": \"select_many\"}");
        String taskId = flow.startRun(api);
        flow.awaitQuestion(api, taskId);

        api.post(
                        "/api/runs/" + taskId + "/resume/",
                        answer(flow.ask(), "\"action\": \"select\", \"selected\": [0, \"2\"]"))
                .object(200);

        JsonObject ended = flow.awaitEnd(api, taskId);
        assertEquals("SUCCESS", ended.getString("status"));
        assertEquals(
                "first draft\n\nthird draft",
                TestWorkflow.lastExecution(ended, flow.use())
                        .getJsonObject("output")
                        .getString("chosen"));
    }

    @Test
    void anEditReplacesTheTextWhenTheNodeAllowsIt() {
        Flow flow = Flow.create(api, "{\"allow_edit\": true}");
        String taskId = flow.startRun(api);
        flow.awaitQuestion(api, taskId);

        api.post(
                        "/api/runs/" + taskId + "/resume/",
                        answer(flow.ask(), "\"action\": \"select\", \"selected\": [0], \"text\": \"my own draft\""))
                .object(200);

        assertEquals(
                "my own draft",
                TestWorkflow.lastExecution(flow.awaitEnd(api, taskId), flow.use())
                        .getJsonObject("output")
                        .getString("chosen"));
    }

    @Test
    void aRejectTakesTheRejectedRoute() {
        Flow flow = Flow.create(api, "{\"mode\": \"approve\"}");
        String taskId = flow.startRun(api);
        flow.awaitQuestion(api, taskId);

        api.post("/api/runs/" + taskId + "/resume/", answer(flow.ask(), "\"action\": \"reject\""))
                .object(200);

        JsonObject ended = flow.awaitEnd(api, taskId);
        assertEquals("SUCCESS", ended.getString("status"));
        assertEquals("rejected", TestWorkflow.lastExecution(ended, flow.ask()).getString("route"));
        assertEquals(
                "SUCCESS", TestWorkflow.lastExecution(ended, flow.rejected()).getString("status"));
        assertEquals("SKIPPED", TestWorkflow.lastExecution(ended, flow.use()).getString("status"));
    }

    @Test
    void noAnswerInTimeTakesTheTimeoutRoute() {
        Flow flow = Flow.create(api, "{\"timeout_seconds\": 1}");
        String taskId = flow.startRun(api);

        JsonObject ended = flow.awaitEnd(api, taskId);

        assertEquals("SUCCESS", ended.getString("status"), ended::toString);
        assertEquals("timeout", TestWorkflow.lastExecution(ended, flow.ask()).getString("route"));
        assertEquals("SUCCESS", TestWorkflow.lastExecution(ended, flow.late()).getString("status"));
        assertEquals("SKIPPED", TestWorkflow.lastExecution(ended, flow.use()).getString("status"));
        api.post("/api/runs/" + taskId + "/resume/", answer(flow.ask(), "\"action\": \"select\", \"selected\": [0]"))
                .error(409, "CONFLICT");
    }

    @Test
    void answersToWhatDoesNotWaitAre409BadAnswersAre422AndAnUnknownRunIs404() {
        Flow flow = Flow.create(api, "{}");
        String taskId = flow.startRun(api);
        flow.awaitQuestion(api, taskId);
        String resume = "/api/runs/" + taskId + "/resume/";

        api.post("/api/runs/" + UUID.randomUUID() + "/resume/", answer(flow.ask(), "\"action\": \"approve\""))
                .error(404, "NOT_FOUND");
        api.post(resume, answer(UUID.randomUUID().toString(), "\"action\": \"approve\""))
                .error(409, "CONFLICT");
        api.post(resume, answer(flow.start(), "\"action\": \"approve\"")).error(409, "CONFLICT");
        api.post(resume, "{}").error(409, "CONFLICT");
        api.post(resume, "{\"node_id\": ").error(400, "INVALID_REQUEST");
        api.post(resume, "[1]").error(400, "INVALID_REQUEST");
        assertField(
                api.post(resume, answer(flow.ask(), "\"action\": \"dance\"")).error(422, "VALIDATION_ERROR"), "action");
        assertField(api.post(resume, answer(flow.ask(), "\"action\": 7")).error(422, "VALIDATION_ERROR"), "action");
        assertField(
                api.post(resume, answer(flow.ask(), "\"action\": \"select\", \"selected\": [3]"))
                        .error(422, "VALIDATION_ERROR"),
                "selected");
        assertField(
                api.post(resume, answer(flow.ask(), "\"action\": \"select\", \"selected\": [0, 1]"))
                        .error(422, "VALIDATION_ERROR"),
                "selected");
        assertField(
                api.post(resume, answer(flow.ask(), "\"action\": \"select\", \"selected\": \"many\""))
                        .error(422, "VALIDATION_ERROR"),
                "selected");
        assertField(
                api.post(resume, answer(flow.ask(), "\"action\": \"select\", \"selected\": [0], \"text\": \"x\""))
                        .error(422, "VALIDATION_ERROR"),
                "text");
        assertField(
                api.post(resume, answer(flow.ask(), "\"action\": \"regenerate\", \"feedback\": \"more\""))
                        .error(422, "VALIDATION_ERROR"),
                "feedback");
        assertField(
                api.post("/api/runs/" + taskId + "/resume/", "{\"node_id\": 5}").error(422, "VALIDATION_ERROR"),
                "node_id");

        assertEquals(
                "WAITING",
                TestWorkflow.lastExecution(api.get("/api/runs/" + taskId + "/").object(200), flow.ask())
                        .getString("status"),
                "bad answers changed nothing");
        api.post(resume, answer(flow.ask(), "\"action\": \"select\", \"selected\": [0]"))
                .object(200);
        flow.awaitEnd(api, taskId);
        api.post(resume, answer(flow.ask(), "\"action\": \"select\", \"selected\": [0]"))
                .error(409, "CONFLICT");
    }

    @Test
    void aRegenerateWithNothingUpstreamThatTakesFeedbackIs422() {
        Flow flow = Flow.create(api, "{\"allow_feedback\": true}");
        String taskId = flow.startRun(api);
        flow.awaitQuestion(api, taskId);

        assertField(
                api.post(
                                "/api/runs/" + taskId + "/resume/",
                                answer(flow.ask(), "\"action\": \"regenerate\", \"feedback\": \"shorter\""))
                        .error(422, "VALIDATION_ERROR"),
                "action");
    }

    @Test
    void aUserSelectionOverTheWebSocketAnswersTooAndABadOneGetsAnErrorBack() {
        Flow flow = Flow.create(api, "{}");
        try (SocketClient socket = SocketClient.connect(
                SocketClient.uri("/ws/workflow/" + flow.workflow().id() + "/?token=" + SharedServer.ADMIN_TOKEN))) {
            socket.next("state_sync");
            String taskId = flow.startRun(api);
            nextOfType(socket, "node_waiting");

            socket.send(Json.createObjectBuilder()
                    .add("type", "user_selection")
                    .add("task_id", taskId)
                    .add("node_id", flow.ask())
                    .add("selected", Json.createArrayBuilder().add(9))
                    .build()
                    .toString());
            JsonObject error = nextOfType(socket, "error");
            assertEquals("VALIDATION_ERROR", error.getString("code"));
            assertTrue(error.getJsonObject("details").containsKey("selected"), error.toString());
            socket.send("{\"type\": \"user_feedback\", \"task_id\": \"" + UUID.randomUUID() + "\", \"node_id\": \""
                    + flow.ask() + "\", \"feedback\": \"x\"}");
            assertEquals("NOT_FOUND", nextOfType(socket, "error").getString("code"));

            socket.send(Json.createObjectBuilder()
                    .add("type", "user_selection")
                    .add("task_id", taskId)
                    .add("node_id", flow.ask())
                    .add("selected", Json.createArrayBuilder().add(2))
                    .build()
                    .toString());
            // The ack and the run's end may come in either order: the run goes on while the ack is sent.
            JsonObject ack = null;
            boolean completed = false;
            while (ack == null || !completed) {
                JsonObject message = socket.next();
                if ("ack".equals(message.getString("type"))) {
                    ack = message;
                }
                completed |= "workflow_completed".equals(message.getString("type"));
            }
            assertEquals("user_selection", ack.getString("request"));
            assertEquals(taskId, ack.getString("task_id"));

            JsonObject ended = flow.awaitEnd(api, taskId);
            assertEquals(
                    "third draft",
                    TestWorkflow.lastExecution(ended, flow.use())
                            .getJsonObject("output")
                            .getString("chosen"));
        }
    }

    private static void assertField(JsonObject details, String field) {
        assertTrue(details.containsKey(field), details.toString());
    }

    /** The next message of this type, skipping the run's other events. */
    static JsonObject nextOfType(SocketClient socket, String type) {
        for (int i = 0; i < 100; i++) {
            JsonObject message = socket.next();
            if (type.equals(message.getString("type", null))) {
                return message;
            }
        }
        throw new AssertionError("No " + type + " among 100 messages");
    }
}
