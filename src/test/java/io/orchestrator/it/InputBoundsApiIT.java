package io.orchestrator.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import io.orchestrator.it.support.Api;
import io.orchestrator.it.support.SharedServer;
import io.orchestrator.it.support.TestWorkflow;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Inputs that once pinned a core or filled the heap from one request (issue 13), tried from
 * outside: each is refused or fails its node with a message, quickly, and the server goes on.
 * The time bounds are generous (a loaded CI machine); before the limits, each of these ran for
 * minutes or allocated hundreds of megabytes.
 */
class InputBoundsApiIT {

    private static final Duration QUICKLY = Duration.ofSeconds(20);

    private final Api api = SharedServer.admin();

    private static JsonObject json(String text) {
        return (JsonObject) Api.parse(text);
    }

    @Test
    void aWebhookBodyWithAHugeExponentFailsTheRunInsteadOfComputingForMinutes() {
        String path = "it/bounds/" + UUID.randomUUID();
        TestWorkflow workflow = TestWorkflow.create(api, "huge exponent by webhook");
        String hook = workflow.addNode(
                        "webhook",
                        "Hook",
                        Json.createObjectBuilder().add("path", path).build())
                .getString("id");
        String plus = workflow.addNode("transform", "Plus", json("{\"fields\": {\"n\": \"${input.body.n + 1}\"}}"))
                .getString("id");
        workflow.connect(hook, plus);
        api.patch(workflow.path(), "{\"active\": true}").object(200);

        Instant sent = Instant.now();
        String taskId = SharedServer.anonymous()
                .post("/api/hooks/" + path, "{\"n\": 1e100000000}")
                .object(202)
                .getString("task_id");
        JsonObject run = workflow.awaitRunEnd(QUICKLY);

        assertEquals("FAILURE", run.getString("status"), run::toString);
        JsonObject detail = api.get("/api/runs/" + taskId + "/").object(200);
        String error = TestWorkflow.lastExecution(detail, plus).getString("error");
        assertTrue(error.contains("outside the range"), error);
        assertTrue(Duration.between(sent, Instant.now()).compareTo(QUICKLY) < 0);
    }

    @Test
    void developmentModeRefusesAHugeNumberFromTextAtOnce() {
        TestWorkflow workflow = TestWorkflow.create(api, "huge number in development mode");
        String check = workflow.addNode(
                        "condition", "Check", json("{\"expression\": \"${number('1e10000000') + 1 > 0}\"}"))
                .getString("id");

        JsonObject answer = api.post(
                        workflow.path("execute_and_save_node/"),
                        Json.createObjectBuilder().add("node_id", check).build())
                .object(200);

        assertFalse(answer.getBoolean("success"), answer::toString);
        assertTrue(answer.getString("error").contains("outside the range"), answer::toString);
    }

    @Test
    void growingATextPastTheLimitFailsTheNodeWithAMessage() {
        TestWorkflow workflow = TestWorkflow.create(api, "replace growth");
        String start = workflow.addNodeId("manual-trigger", "Start");
        String grow = workflow.addNode(
                        "transform",
                        "Grow",
                        json("{\"fields\": {\"s\": \"${replace(replace(replace(input.s, '', input.s), '', input.s),"
                                + " '', input.s)}\"}}"))
                .getString("id");
        workflow.connect(start, grow);

        JsonObject run = workflow.runToEnd(
                Json.createObjectBuilder().add("s", "x".repeat(1000)).build());

        assertEquals("FAILURE", run.getString("status"), run::toString);
        String error = TestWorkflow.lastExecution(run, grow).getString("error");
        assertTrue(error.contains("replace() would make a text of"), error);
    }

    @Test
    void aLongTextInsideAJsonFormValueIs422AndNothingIsKept() {
        TestWorkflow workflow = TestWorkflow.create(api, "long json form value");
        String node = workflow.addNodeId("http-request", "Call");
        String longText = "${input.a}" + "x".repeat(1_800_000);

        JsonObject errors = api.patch(
                        workflow.nodePath(node, ""),
                        Json.createObjectBuilder()
                                .add(
                                        "form_values",
                                        Json.createObjectBuilder()
                                                .add(
                                                        "body",
                                                        Json.createObjectBuilder()
                                                                .add("text", longText)))
                                .build())
                .error(422, "VALIDATION_ERROR");

        assertTrue(errors.toString().contains("at most 100000 characters"), errors::toString);
        assertFalse(
                api.get(workflow.nodePath(node, "")).object(200).toString().contains("xxxxxxxxxx"),
                "the node kept its form values");
    }

    @Test
    void aDeeplyNestedRunExportsAsYamlAtAboutItsJsonSize() {
        TestWorkflow workflow = TestWorkflow.create(api, "deep yaml export");
        String start = workflow.addNodeId("manual-trigger", "Start");
        String pass = workflow.addNode("transform", "Pass", json("{\"fields\": {\"deep\": \"${input.deep}\"}}"))
                .getString("id");
        workflow.connect(start, pass);
        String deep = "[".repeat(60) + "0,".repeat(30_000) + "0" + "]".repeat(60);
        JsonObject run = workflow.runToEnd(json("{\"deep\": " + deep + "}"));
        assertEquals("SUCCESS", run.getString("status"), run::toString);

        Api.Response asJson = api.get("/api/runs/" + run.getString("task_id") + "/export/");
        Api.Response asYaml = api.get("/api/runs/" + run.getString("task_id") + "/export/?format=yaml");

        assertEquals(200, asYaml.status());
        long jsonLength = asJson.text().length();
        long yamlLength = asYaml.text().length();
        assertTrue(yamlLength < 10 * jsonLength, yamlLength + " characters of YAML for " + jsonLength + " of JSON");
    }

    @Test
    void aLargeJsonResponseIsKeptAsTextRatherThanATreeTwentyTimesItsSize() throws Exception {
        byte[] large = ("[" + "{\"a\":1},".repeat(300_000) + "{\"a\":1}]").getBytes(StandardCharsets.UTF_8);
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/large", exchange -> {
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, large.length);
            exchange.getResponseBody().write(large);
            exchange.close();
        });
        server.start();
        try {
            TestWorkflow workflow = TestWorkflow.create(api, "large json response");
            String start = workflow.addNodeId("manual-trigger", "Start");
            String call = workflow.addNode(
                            "http-request",
                            "Call",
                            Json.createObjectBuilder()
                                    .add(
                                            "url",
                                            "http://" + SharedServer.ALLOWED_HOST + ":"
                                                    + server.getAddress().getPort() + "/large")
                                    .build())
                    .getString("id");
            workflow.connect(start, call);

            JsonObject run = workflow.runToEnd(JsonValue.EMPTY_JSON_OBJECT);

            assertEquals("SUCCESS", run.getString("status"), run::toString);
            JsonValue body = TestWorkflow.lastExecution(run, call)
                    .getJsonObject("output")
                    .get("body");
            assertTrue(body instanceof JsonString text && text.getString().length() == large.length, "kept as text");
        } finally {
            server.stop(0);
        }
    }
}
