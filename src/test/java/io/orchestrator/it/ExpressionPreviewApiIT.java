package io.orchestrator.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.orchestrator.it.support.Api;
import io.orchestrator.it.support.SharedServer;
import io.orchestrator.it.support.TestWorkflow;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The expression editor's preview: a template over the node's input now, with the scope, sandbox
 * and limits of a run; expression errors inline, bad requests 4xx.
 */
class ExpressionPreviewApiIT {

    private static final Api API = SharedServer.admin();
    private static TestWorkflow workflow;
    private static String start;
    private static String use;

    /** Start → Pick (v = n) → Use, run once with {n: 3}: Use's input is {v: 3}. */
    @BeforeAll
    static void aWorkflowThatRanOnce() {
        workflow = TestWorkflow.create(API, "expression preview");
        start = workflow.addNodeId("manual-trigger", "Start");
        String pick = workflow.addNode("transform", "Pick", json("{\"fields\": {\"v\": \"${input.n}\"}}"))
                .getString("id");
        use = workflow.addNode("transform", "Use", json("{\"fields\": {\"w\": \"${input.v}\"}}"))
                .getString("id");
        workflow.connect(start, pick);
        workflow.connect(pick, use);
        workflow.runToEnd(json("{\"n\": 3}"));
    }

    @Test
    void evaluatesOverTheNodesInputAndEarlierOutputsAsARunWould() {
        assertEquals("4", result(preview("{\"template\": \"${input.v + 1}\"}")).toString());
        assertEquals(
                "n=3 v=3",
                ((JsonString) result(
                                preview("{\"template\": \"n=${nodes['Start'].output.n} v=${nodes.Pick.output.v}\"}")))
                        .getString());
        assertEquals(
                json("{\"a\": 3, \"b\": [1, \"development\"]}"),
                result(preview("{\"template\": {\"a\": \"${input.v}\", \"b\": [1, \"${run.trigger}\"]}}")),
                "a json field's value: its strings are templates");
        assertEquals(
                "6",
                result(preview("{\"template\": \"input.v * 2\", \"kind\": \"expression\"}"))
                        .toString(),
                "an expression field's value needs no ${}");
        assertEquals(
                "given",
                ((JsonString) result(preview("{\"template\": \"${input.z}\", \"input_data\": {\"z\": \"given\"}}")))
                        .getString());
    }

    @Test
    void readsTheNamedDevelopmentSessionAndCreatesNone() {
        TestWorkflow remembering = TestWorkflow.create(API, "preview session");
        String remember = remembering
                .addNode("set-session", "Remember", json("{\"values\": {\"k\": \"kept\"}}"))
                .getString("id");
        JsonObject executed = API.post(
                        remembering.path("execute_and_save_node/"),
                        Json.createObjectBuilder().add("node_id", remember).build())
                .object(200);
        assertTrue(executed.getBoolean("success"), executed::toString);
        String session = executed.getString("session_id");
        JsonObject answer = API.post(
                        remembering.nodePath(remember, "preview/"),
                        "{\"template\": \"${session.k}\", \"session_id\": \"" + session + "\"}")
                .object(200);
        assertEquals("kept", ((JsonString) result(answer)).getString());
        assertEquals(
                "true",
                result(API.post(remembering.nodePath(remember, "preview/"), "{\"template\": \"${empty session}\"}")
                                .object(200))
                        .toString(),
                "without a session_id the session is empty");
    }

    @Test
    void anExpressionErrorIsAnInlineAnswerNotAnHttpError() {
        JsonObject unknown = preview("{\"template\": \"${nosuch(input.v)}\"}");
        assertFalse(unknown.getBoolean("success"), unknown::toString);
        assertTrue(unknown.getString("error").contains("nosuch"), unknown::toString);
        JsonObject unclosed = preview("{\"template\": \"${input.v\"}");
        assertFalse(unclosed.getBoolean("success"), unclosed::toString);
        JsonObject badJson = preview("{\"template\": \"${parse_json('{')}\"}");
        assertFalse(badJson.getBoolean("success"), badJson::toString);
    }

    @Test
    void theSandboxReachesNoJavaClass() {
        for (String template : new String[] {
            "${''.getClass().forName('java.lang.Runtime')}",
            "${Runtime.getRuntime().exec('id')}",
            "${input.getClass()}",
            "${System.getenv()}",
            "${T(java.lang.System).exit(0)}",
            "${x = 1}"
        }) {
            JsonObject answer = preview(
                    Json.createObjectBuilder().add("template", template).build().toString());
            assertFalse(answer.getBoolean("success"), template + " → " + answer);
        }
    }

    @Test
    void theRunsResultLimitsHoldAndALongResultIsCut() {
        String tenToTheSix = "${replace(replace(replace(replace(replace(replace('a', 'a', 'aaaaaaaaaa'),"
                + " 'a', 'aaaaaaaaaa'), 'a', 'aaaaaaaaaa'), 'a', 'aaaaaaaaaa'), 'a', 'aaaaaaaaaa'), 'a', 'aaaaaaaaaa')}";
        String tenToTheSeven =
                "${replace(" + tenToTheSix.substring(2, tenToTheSix.length() - 1) + ", 'a', 'aaaaaaaaaa')}";
        long started = System.nanoTime();
        JsonObject tooLarge = preview(Json.createObjectBuilder()
                .add("template", tenToTheSeven)
                .build()
                .toString());
        assertFalse(tooLarge.getBoolean("success"), tooLarge::toString);
        assertTrue(tooLarge.getString("error").contains("1000000"), tooLarge::toString);
        assertTrue(
                Duration.ofNanos(System.nanoTime() - started).compareTo(Duration.ofSeconds(10)) < 0,
                "refused before building it");

        JsonObject large = preview(
                Json.createObjectBuilder().add("template", tenToTheSix).build().toString());
        assertTrue(large.getBoolean("success"), large::toString);
        assertTrue(large.getBoolean("truncated"), "a million characters are not sent to the editor");
        assertEquals(65_536, large.getString("result").length());
        assertEquals(1_000_002, large.getInt("result_chars"));
    }

    @Test
    void badRequestsAre4xxWithACode() {
        String path = workflow.nodePath(use, "preview/");
        API.post(path, "{\"template\": ").error(400, "INVALID_REQUEST");
        API.post(path, "{}").error(422, "VALIDATION_ERROR");
        API.post(path, "{\"template\": 42}").error(422, "VALIDATION_ERROR");
        API.post(path, "{\"template\": {}, \"kind\": \"expression\"}").error(422, "VALIDATION_ERROR");
        API.post(path, "{\"template\": \"x\", \"kind\": \"java\"}").error(422, "VALIDATION_ERROR");
        API.post(
                        path,
                        Json.createObjectBuilder()
                                .add("template", "a".repeat(100_001))
                                .build())
                .error(422, "VALIDATION_ERROR");
        API.post(workflow.nodePath(UUID.randomUUID().toString(), "preview/"), "{\"template\": \"x\"}")
                .error(404, "NOT_FOUND");
        API.post("/api/workflow/" + UUID.randomUUID() + "/nodes/" + use + "/preview/", "{\"template\": \"x\"}")
                .error(404, "NOT_FOUND");
    }

    @Test
    void anotherWorkspacesTokenSeesNoSuchWorkflow() {
        String other = "preview-" + UUID.randomUUID().toString().substring(0, 8);
        API.post("/api/workspaces/", "{\"name\": \"" + other + "\"}").object(201);
        String token = API.post(
                        "/api/tokens/", "{\"name\": \"outsider\", \"workspaces\": {\"" + other + "\": \"editor\"}}")
                .object(201)
                .getString("token");
        SharedServer.anonymous()
                .withToken(token)
                .post(workflow.nodePath(use, "preview/"), "{\"template\": \"${input}\"}")
                .error(404, "NOT_FOUND");
        SharedServer.anonymous()
                .post(workflow.nodePath(use, "preview/"), "{\"template\": \"${input}\"}")
                .error(401, "UNAUTHORIZED");
    }

    @Test
    void listsTheFunctionsForAutocomplete() {
        JsonObject upper = API.get("/api/expressions/functions/").object(200).getJsonArray("functions").stream()
                .map(JsonObject.class::cast)
                .filter(function -> function.getString("name").equals("upper"))
                .findFirst()
                .orElseThrow();
        assertEquals("upper(s)", upper.getString("signature"));
        assertEquals(
                "ABC",
                ((JsonString) result(preview("{\"template\": \"${upper('abc')}\"}"))).getString(),
                "a listed function evaluates");
    }

    private static JsonObject preview(String body) {
        return API.post(workflow.nodePath(use, "preview/"), body).object(200);
    }

    private static jakarta.json.JsonValue result(JsonObject answer) {
        assertTrue(answer.getBoolean("success"), answer::toString);
        return answer.get("result");
    }

    private static JsonObject json(String text) {
        return (JsonObject) Api.parse(text);
    }
}
