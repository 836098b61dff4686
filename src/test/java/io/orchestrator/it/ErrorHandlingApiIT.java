package io.orchestrator.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.orchestrator.it.support.Api;
import io.orchestrator.it.support.MariaDb;
import io.orchestrator.it.support.SharedServer;
import io.orchestrator.it.support.TestWorkflow;
import jakarta.json.JsonObject;
import java.io.ByteArrayInputStream;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Bad requests of every kind get a 4xx in the contract's error shape, never a 500 or a stack trace,
 * and lose nothing: a witness workflow made before them must read the same after each test.
 */
class ErrorHandlingApiIT {

    private static final String DB = SharedServer.DATABASE;
    private static final int MAX_BODY = 2 * 1024 * 1024;

    private static TestWorkflow witness;
    private static JsonObject witnessCanvas;

    private final Api api = SharedServer.admin();

    @BeforeAll
    static void makeAWitness() {
        witness = TestWorkflow.create(SharedServer.admin(), "Witness");
        witness.connect(witness.addNodeId("manual-trigger"), witness.addNodeId("http-request"));
        witnessCanvas = witness.canvas();
    }

    @AfterEach
    void nothingWasLost() {
        assertEquals(witnessCanvas, witness.canvas());
        assertEquals(2, witness.storedNodes());
        assertEquals(1, witness.storedEdges());
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "{\"name\": \"cut short\"",
                "{name: 'unquoted'}",
                "not json at all",
                "{\"name\": \"a\"} {\"name\": \"b\"}",
                "{\"name\": \"a\",}",
                "{\"name\": \"x\" \"description\": \"y\"}",
                "{\"name\": tru}"
            })
    void malformedJsonIs400(String body) {
        api.post("/api/workflow/", body).error(400, "INVALID_REQUEST");
        api.put(witness.path(), body).error(400, "INVALID_REQUEST");
        api.put(witness.path("canvas_data/"), body).error(400, "INVALID_REQUEST");
    }

    @Test
    void bytesThatAreNotUtf8Are400() {
        byte[] latin1 = "{\"name\": \"caf\u00e9\"}".getBytes(StandardCharsets.ISO_8859_1);
        api.sendBody("POST", "/api/workflow/", HttpRequest.BodyPublishers.ofByteArray(latin1), "application/json")
                .error(400, "INVALID_REQUEST");
    }

    @ParameterizedTest
    @ValueSource(strings = {"[]", "[{\"name\": \"in a list\"}]", "\"a string\"", "42", "null", "true"})
    void aBodyThatIsNotAnObjectIs400(String body) {
        api.post("/api/workflow/", body).error(400, "INVALID_REQUEST");
        api.post(witness.path("nodes/add/"), body).error(400, "INVALID_REQUEST");
        api.patch(witness.path(), body).error(400, "INVALID_REQUEST");
    }

    @Test
    void wrongFieldTypesAre422() {
        assertTrue(api.post("/api/workflow/", "{\"name\": 123}")
                .error(422, "VALIDATION_ERROR")
                .containsKey("name"));
        assertTrue(api.post("/api/workflow/", "{\"name\": [\"x\"]}")
                .error(422, "VALIDATION_ERROR")
                .containsKey("name"));
        assertTrue(api.post("/api/workflow/", "{\"name\": \"ok\", \"description\": false}")
                .error(422, "VALIDATION_ERROR")
                .containsKey("description"));
        assertTrue(api.post(witness.path("nodes/add/"), "{\"nodeTemplate\": 7}")
                .error(422, "VALIDATION_ERROR")
                .containsKey("nodeTemplate"));
        assertTrue(api.post(witness.path("nodes/add/"), "{\"nodeTemplate\": \"transform\", \"form_values\": \"x\"}")
                .error(422, "VALIDATION_ERROR")
                .containsKey("form_values"));
    }

    @Test
    void anEmptyBodyIs400() {
        api.send("POST", "/api/workflow/", null, null).error(400, "INVALID_REQUEST");
        api.send("POST", "/api/workflow/", "", "application/json").error(400, "INVALID_REQUEST");
        api.send("POST", "/api/workflow/", "   \n", "application/json").error(400, "INVALID_REQUEST");
        api.send("PUT", witness.path("canvas_data/"), null, "application/json").error(400, "INVALID_REQUEST");
        api.send("POST", witness.path("edges/add/"), "", "application/json").error(400, "INVALID_REQUEST");
        api.send("PATCH", witness.path(), null, null).error(400, "INVALID_REQUEST");
    }

    @Test
    void aBodyOverTwoMebibytesIs413WithOrWithoutAContentLength() {
        String name = "too big " + UUID.randomUUID();
        byte[] body = ("{\"name\": \"" + name + "\", \"description\": \"" + "a".repeat(MAX_BODY) + "\"}")
                .getBytes(StandardCharsets.UTF_8);

        api.sendBody("POST", "/api/workflow/", HttpRequest.BodyPublishers.ofByteArray(body), "application/json")
                .error(413, "PAYLOAD_TOO_LARGE");
        // A stream of unknown length goes out chunked: the server must count, not trust a header.
        api.sendBody(
                        "POST",
                        "/api/workflow/",
                        HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body)),
                        "application/json")
                .error(413, "PAYLOAD_TOO_LARGE");
        api.sendBody(
                        "PUT",
                        witness.path("canvas_data/"),
                        HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body)),
                        "application/json")
                .error(413, "PAYLOAD_TOO_LARGE");

        assertEquals(0, MariaDb.count(DB, "SELECT COUNT(*) FROM workflow WHERE name = ?", name));
        JsonObject underTheLimit = api.post(
                        "/api/workflow/",
                        "{\"name\": \"" + name + "\", \"description\": \"" + "a".repeat(MAX_BODY - 200) + "\"}")
                .error(422, "VALIDATION_ERROR");
        assertTrue(underTheLimit.containsKey("description"), "just under the limit the body is read and checked");
    }

    @Test
    void jsonNestedDeeperThan64LevelsIs400() {
        api.post("/api/workflow/", "{\"name\": \"deep\", \"extra\": " + nested(64) + "}")
                .error(400, "INVALID_REQUEST");
        api.post("/api/workflow/", nested(10_000)).error(400, "INVALID_REQUEST");

        String name = "deep enough " + UUID.randomUUID();
        api.post("/api/workflow/", "{\"name\": \"" + name + "\", \"extra\": " + nested(63) + "}")
                .object(201);
    }

    @Test
    void unknownPathsAre404AndWrongMethods405InTheErrorShape() {
        api.get("/api/nope/").error(404, "NOT_FOUND");
        api.get(witness.path("nonsense/")).error(404, "NOT_FOUND");
        api.get(witness.path("nodes/teleport/nowhere/")).error(404, "NOT_FOUND");
        SharedServer.anonymous().get("/api/nope/").error(401, "UNAUTHORIZED");
        api.get("/no-such-page.html").error(404, "NOT_FOUND");

        Api.Response wrongMethod = api.delete("/api/nodes/");
        wrongMethod.error(405, "METHOD_NOT_ALLOWED");
        assertTrue(
                wrongMethod.header("Allow").orElse("").contains("GET"),
                wrongMethod.headers().map().toString());
        api.post(witness.path(), "{\"name\": \"x\"}").error(405, "METHOD_NOT_ALLOWED");
        api.put("/api/tokens/", "{}").error(405, "METHOD_NOT_ALLOWED");
        api.get(witness.path("edges/add/")).error(405, "METHOD_NOT_ALLOWED");
    }

    @Test
    void garbageIdsAre404NeverA500() {
        for (String id : List.of(
                "x".repeat(500), "%27%20OR%20%271%27%3D%271", "%F0%9F%92%A5", "null", "-1", "%25", "%20", "..")) {
            api.get("/api/workflow/" + id + "/").error(404, "NOT_FOUND");
            api.get("/api/workflow/" + id + "/canvas_data/").error(404, "NOT_FOUND");
            api.delete("/api/workflow/" + id + "/").error(404, "NOT_FOUND");
            api.patch("/api/workflow/" + id + "/", "{\"name\": \"x\"}").error(404, "NOT_FOUND");
            api.post("/api/workflow/" + id + "/nodes/add/", "{\"nodeTemplate\": \"transform\"}")
                    .error(404, "NOT_FOUND");
            api.get(witness.nodePath(id, "")).error(404, "NOT_FOUND");
            api.delete(witness.path("edges/" + id + "/remove/")).error(404, "NOT_FOUND");
            api.get("/api/nodes/" + id + "/").error(404, "NOT_FOUND");
        }
        String node = witnessCanvas.getJsonArray("nodes").getJsonObject(0).getString("id");
        api.get("/api/workflow/" + node + "/").error(404, "NOT_FOUND");
        api.get(witness.nodePath(witness.id(), "")).error(404, "NOT_FOUND");
        api.get("/api/workflow/../../etc/passwd").error(404, "NOT_FOUND");
        // The container refuses an encoded '/' or '.' before the application sees the request
        // (a guard against path traversal): still the error shape, as a 400.
        api.get("/api/workflow/..%2F..%2Fetc/").error(400, "INVALID_REQUEST");
        api.get("/api/workflow/%2e%2e/").error(400, "INVALID_REQUEST");
        // A NUL, which the web container refuses before it picks an application: 400, never a 500 (on
        // Liberty in the error shape too, from the request guard: ContainerErrorsIT; this test also runs on
        // Payara, whose answer is its own).
        assertEquals(400, api.get("/api/workflow/%00/").status());
    }

    @Test
    void everyAnswerCarriesARequestIdAndASaneOneIsEchoed() {
        List<Api.Response> answers = List.of(
                api.get("/api/workflow/"),
                SharedServer.anonymous().get("/api/workflow/"),
                api.get("/api/nope/"),
                api.post("/api/workflow/", "{"),
                api.post("/api/workflow/", "{}"),
                api.delete("/api/nodes/"),
                SharedServer.anonymous().get("/api/health/"));
        for (Api.Response answer : answers) {
            assertTrue(
                    answer.header("X-Request-ID").filter(id -> !id.isBlank()).isPresent(),
                    answer.status() + " " + answer);
        }
        assertNotEquals(answers.get(0).header("X-Request-ID"), answers.get(2).header("X-Request-ID"));

        String mine = "client-trace.42:abc_" + UUID.randomUUID();
        assertEquals(
                mine,
                api.withHeader("X-Request-ID", mine)
                        .get("/api/workflow/")
                        .header("X-Request-ID")
                        .orElse(null));
        assertEquals(
                mine,
                SharedServer.anonymous()
                        .withHeader("X-Request-ID", mine)
                        .get("/api/workflow/")
                        .header("X-Request-ID")
                        .orElse(null),
                "a 401 echoes it too");
        assertEquals(
                mine,
                api.withHeader("X-Request-ID", mine)
                        .get("/api/nope/")
                        .header("X-Request-ID")
                        .orElse(null));
        for (String insane : List.of("has spaces in it", "x".repeat(101), "<script>")) {
            String answered = api.withHeader("X-Request-ID", insane)
                    .get("/api/workflow/")
                    .header("X-Request-ID")
                    .orElse("");
            assertNotEquals(insane, answered);
            assertTrue(answered.matches("[A-Za-z0-9._:-]{1,100}"), answered);
        }
    }

    /** An array of arrays nested {@code depth} levels deep. */
    private static String nested(int depth) {
        return "[".repeat(depth) + "]".repeat(depth);
    }
}
