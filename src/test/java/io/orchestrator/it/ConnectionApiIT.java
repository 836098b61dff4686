package io.orchestrator.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.orchestrator.it.support.Api;
import io.orchestrator.it.support.MariaDb;
import io.orchestrator.it.support.SharedServer;
import io.orchestrator.it.support.TestWorkflow;
import io.orchestrator.it.support.WebhookSigner;
import io.orchestrator.nodes.http.LocalHttpServer;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * {@code /api/connections/}: the shape, the mask in every answer, the secret sealed in the database,
 * bad input; node secrets sealed at rest; an http-request node using a connection's credentials.
 */
class ConnectionApiIT {

    private static final String MASK = "********";

    private final Api api = SharedServer.admin();

    private static String unique(String name) {
        return name + " " + UUID.randomUUID();
    }

    private JsonObject create(String name, String secret) {
        return api.post(
                        "/api/connections/",
                        Json.createObjectBuilder()
                                .add("name", name)
                                .add("kind", "openai")
                                .add("base_url", "https://llm.example.com/v1")
                                .add("secret", secret)
                                .add("headers", Json.createObjectBuilder().add("X-Team", "writers"))
                                .add(
                                        "models",
                                        Json.createArrayBuilder()
                                                .add("gpt-small")
                                                .add("gpt-large"))
                                .add(
                                        "prices",
                                        Json.createObjectBuilder()
                                                .add(
                                                        "gpt-small",
                                                        Json.createObjectBuilder()
                                                                .add("input_per_1k", 0.5)
                                                                .add("output_per_1k", 1.5)))
                                .add("defaults", Json.createObjectBuilder().add("temperature", 0.7))
                                .build())
                .object(201);
    }

    private static String storedSecret(String id) {
        return (String) MariaDb.queryValue(
                SharedServer.DATABASE, "SELECT sealed_secret FROM service_connection WHERE id = ?", id);
    }

    @Test
    void aCreatedConnectionIsAnsweredWithItsSettingsAndTheSecretMasked() {
        String name = unique("openai");
        JsonObject created = create(name, "sk-live-abcdef");
        assertEquals(name, created.getString("name"));
        assertEquals("openai", created.getString("kind"));
        assertEquals("https://llm.example.com/v1", created.getString("base_url"));
        assertEquals(MASK, created.getString("secret"));
        assertEquals("writers", created.getJsonObject("headers").getString("X-Team"));
        assertEquals(
                Api.strings(Json.createArrayBuilder()
                        .add("gpt-small")
                        .add("gpt-large")
                        .build()),
                Api.strings(created.getJsonArray("models")));
        assertEquals(
                1.5,
                created.getJsonObject("prices")
                        .getJsonObject("gpt-small")
                        .getJsonNumber("output_per_1k")
                        .doubleValue());
        assertEquals(
                0.7,
                created.getJsonObject("defaults").getJsonNumber("temperature").doubleValue());
        assertEquals("default", created.getString("workspace"));
        assertTrue(created.containsKey("created_at") && created.containsKey("updated_at"));

        String id = created.getString("id");
        JsonObject read = api.get("/api/connections/" + id + "/").object(200);
        assertEquals(created, read);
        Api.Response list = api.get("/api/connections/?limit=500");
        assertFalse(list.text().contains("sk-live-abcdef"), "the list never shows a secret");
        JsonObject listed = list.array(200).stream()
                .map(JsonValue::asJsonObject)
                .filter(connection -> connection.getString("id").equals(id))
                .findFirst()
                .orElseThrow();
        assertEquals(MASK, listed.getString("secret"));
    }

    @Test
    void theSecretIsSealedInTheDatabaseNotInClear() {
        String id = create(unique("sealed"), "sk-in-the-database").getString("id");
        String stored = storedSecret(id);
        assertTrue(stored.startsWith("enc:v1:"), stored);
        assertFalse(stored.contains("sk-in-the-database"));
    }

    @Test
    void patchingWithTheMaskKeepsTheSecretANewOneReplacesItAndNullRemovesIt() {
        String id = create(unique("patch"), "first-secret").getString("id");
        String sealed = storedSecret(id);

        JsonObject renamed = api.patch(
                        "/api/connections/" + id + "/", "{\"secret\": \"" + MASK + "\", \"models\": [\"m\"]}")
                .object(200);
        assertEquals(MASK, renamed.getString("secret"));
        assertEquals(1, renamed.getJsonArray("models").size());
        assertEquals(sealed, storedSecret(id), "the mask keeps the stored secret as it was");

        JsonObject untouched = api.patch(
                        "/api/connections/" + id + "/", "{\"base_url\": \"https://other.example.com/v1\"}")
                .object(200);
        assertEquals(MASK, untouched.getString("secret"));
        assertEquals(sealed, storedSecret(id), "a patch without the secret keeps it");

        assertEquals(
                MASK,
                api.patch("/api/connections/" + id + "/", "{\"secret\": \"second-secret\"}")
                        .object(200)
                        .getString("secret"));
        String resealed = storedSecret(id);
        assertFalse(resealed.equals(sealed) || resealed.contains("second-secret"));

        JsonObject cleared =
                api.patch("/api/connections/" + id + "/", "{\"secret\": null}").object(200);
        assertEquals(JsonValue.NULL, cleared.get("secret"));
        assertEquals(null, storedSecret(id));
        api.patch("/api/connections/" + id + "/", "{\"secret\": \"" + MASK + "\"}")
                .error(422, "VALIDATION_ERROR");
    }

    @Test
    void aPutReplacesTheWholeConnectionAndTakesBackWhatAGetAnswered() {
        JsonObject created = create(unique("put"), "kept-by-put");
        String id = created.getString("id");
        String sealed = storedSecret(id);
        JsonObject replaced = api.put(
                        "/api/connections/" + id + "/",
                        Json.createObjectBuilder(created)
                                .add("models", Json.createArrayBuilder().add("only"))
                                .build())
                .object(200);
        assertEquals(1, replaced.getJsonArray("models").size());
        assertEquals(sealed, storedSecret(id));
        JsonObject bare = api.put(
                        "/api/connections/" + id + "/",
                        "{\"name\": \"" + created.getString("name") + "\", \"kind\": \"anthropic\"}")
                .object(200);
        assertEquals("anthropic", bare.getString("kind"));
        assertEquals(JsonValue.NULL, bare.get("secret"));
        assertEquals(0, bare.getJsonArray("models").size());
    }

    @Test
    void theListPagesAndFiltersByKind() {
        String httpName = unique("http creds");
        String id = api.post(
                        "/api/connections/", "{\"name\": \"" + httpName + "\", \"kind\": \"http\", \"secret\": \"t\"}")
                .object(201)
                .getString("id");
        create(unique("not http"), "x");
        Api.Response page = api.get("/api/connections/?kind=http&limit=500");
        JsonArray http = page.array(200);
        assertTrue(
                http.stream().allMatch(c -> c.asJsonObject().getString("kind").equals("http")), http::toString);
        assertTrue(http.stream().anyMatch(c -> c.asJsonObject().getString("id").equals(id)));
        assertEquals(Integer.toString(http.size()), page.header("X-Total-Count").orElseThrow());
        Api.Response one = api.get("/api/connections/?limit=1&offset=1");
        assertEquals(1, one.array(200).size());
        assertTrue(Long.parseLong(one.header("X-Total-Count").orElseThrow()) >= 2);
        api.get("/api/connections/?kind=ftp").error(400, "INVALID_REQUEST");
        api.get("/api/connections/?limit=0").error(400, "INVALID_REQUEST");
        api.get("/api/connections/?offset=x").error(400, "INVALID_REQUEST");
    }

    @Test
    void aDeletedConnectionIsGone() {
        String id = create(unique("delete"), "x").getString("id");
        assertEquals(204, api.delete("/api/connections/" + id + "/").status());
        api.get("/api/connections/" + id + "/").error(404, "NOT_FOUND");
        api.delete("/api/connections/" + id + "/").error(404, "NOT_FOUND");
    }

    @Test
    void unknownIdsAre404() {
        String id = UUID.randomUUID().toString();
        api.get("/api/connections/" + id + "/").error(404, "NOT_FOUND");
        api.patch("/api/connections/" + id + "/", "{\"name\": \"x\"}").error(404, "NOT_FOUND");
        api.put("/api/connections/" + id + "/", "{\"name\": \"x\", \"kind\": \"http\"}")
                .error(404, "NOT_FOUND");
        api.delete("/api/connections/not-a-uuid-" + "x".repeat(60) + "/").error(404, "NOT_FOUND");
    }

    @Test
    void aDuplicateNameIs409() {
        String name = unique("twice");
        create(name, "x");
        JsonObject details = api.post("/api/connections/", "{\"name\": \"" + name + "\", \"kind\": \"http\"}")
                .error(409, "CONFLICT");
        assertEquals(name, details.getString("name"));
        String other = create(unique("other"), "y").getString("id");
        api.patch("/api/connections/" + other + "/", "{\"name\": \"" + name + "\"}")
                .error(409, "CONFLICT");
    }

    @Test
    void malformedOrNonObjectBodiesAre400() {
        api.post("/api/connections/", "{\"name\": ").error(400, "INVALID_REQUEST");
        api.post("/api/connections/", "[1, 2]").error(400, "INVALID_REQUEST");
        api.post("/api/connections/", "").error(400, "INVALID_REQUEST");
        String id = create(unique("malformed"), "x").getString("id");
        api.patch("/api/connections/" + id + "/", "{oops").error(400, "INVALID_REQUEST");
    }

    @Test
    void badFieldsAre422EachNamed() {
        JsonObject details = api.post(
                        "/api/connections/",
                        "{\"name\": 5, \"kind\": \"ftp\", \"base_url\": \"file:///etc/passwd\", \"secret\": 12,"
                                + " \"headers\": {\"Bad Name\": \"v\", \"X-Ok\": 3, \"X-Split\": \"a\\r\\nInjected: 1\"},"
                                + " \"models\": [\"a\", 3, \"a\"],"
                                + " \"prices\": {\"a\": {\"input_per_1k\": -1, \"output_per_1k\": \"cheap\"}, \"b\": 2},"
                                + " \"defaults\": [], \"surprise\": true}")
                .error(422, "VALIDATION_ERROR");
        for (String field : new String[] {
            "name", "kind", "base_url", "secret", "headers", "models", "prices", "defaults", "surprise"
        }) {
            assertTrue(details.containsKey(field), () -> field + " is reported: " + details);
        }
        JsonObject headers = details.getJsonObject("headers");
        assertTrue(
                headers.containsKey("Bad Name") && headers.containsKey("X-Ok") && headers.containsKey("X-Split"),
                details::toString);
        assertTrue(details.getJsonObject("prices").getJsonObject("a").containsKey("input_per_1k"), details::toString);
        assertTrue(details.getJsonObject("prices").containsKey("b"), details::toString);
        assertTrue(details.getJsonObject("models").containsKey("[1]"), details::toString);
        assertTrue(details.getJsonObject("models").containsKey("[2]"), details::toString);

        JsonObject missing = api.post("/api/connections/", "{}").error(422, "VALIDATION_ERROR");
        assertTrue(missing.containsKey("name") && missing.containsKey("kind"), missing::toString);
        JsonObject needsUrl = api.post("/api/connections/", "{\"name\": \"" + unique("n") + "\", \"kind\": \"openai\"}")
                .error(422, "VALIDATION_ERROR");
        assertTrue(needsUrl.containsKey("base_url"), needsUrl::toString);
        JsonObject authTwice = api.post(
                        "/api/connections/",
                        "{\"name\": \"" + unique("n") + "\", \"kind\": \"http\", \"secret\": \"s\","
                                + " \"headers\": {\"authorization\": \"Bearer x\"}}")
                .error(422, "VALIDATION_ERROR");
        assertTrue(authTwice.getJsonObject("headers").containsKey("authorization"), authTwice::toString);
        JsonObject badAuth = api.post(
                        "/api/connections/",
                        "{\"name\": \"" + unique("n") + "\", \"kind\": \"http\", \"defaults\": {\"auth\": \"header\"}}")
                .error(422, "VALIDATION_ERROR");
        assertTrue(badAuth.getJsonObject("defaults").containsKey("header_name"), badAuth::toString);
        api.post(
                        "/api/connections/",
                        "{\"name\": \"" + unique("n") + "\", \"kind\": \"http\", \"secret\": \"" + MASK + "\"}")
                .error(422, "VALIDATION_ERROR");

        String id = create(unique("bad patch"), "x").getString("id");
        JsonObject patched = api.patch(
                        "/api/connections/" + id + "/",
                        "{\"kind\": \"smtp\", \"prices\": {\"m\": {\"input_per_1k\": 1}}}")
                .error(422, "VALIDATION_ERROR");
        assertTrue(patched.containsKey("kind") && patched.containsKey("prices"), patched::toString);
    }

    // secrets of node forms

    @Test
    void aWebhookSecretIsSealedInTheNodeAndTheRunGraphAndStillChecksCalls() throws Exception {
        String path = "it/sealed/" + UUID.randomUUID();
        TestWorkflow workflow = TestWorkflow.create(api, "sealed webhook " + path);
        JsonObject hook = workflow.addNode(
                "webhook",
                "Hook",
                Json.createObjectBuilder()
                        .add("path", path)
                        .add("secret", "hook-secret-42")
                        .build());
        assertEquals(MASK, hook.getJsonObject("form_values").getString("secret"));
        String stored = storedFormValues(hook.getString("id"));
        assertFalse(stored.contains("hook-secret-42"), stored);
        assertTrue(stored.contains("enc:v1:"), stored);

        api.patch(workflow.path(), "{\"active\": true}").object(200);
        Api caller = SharedServer.anonymous();
        caller.post("/api/hooks/" + path, "{}").error(401, "UNAUTHORIZED");
        caller.withHeader("X-Webhook-Secret", "wrong")
                .post("/api/hooks/" + path, "{}")
                .error(401, "UNAUTHORIZED");
        caller.withHeader("X-Webhook-Secret", MASK)
                .post("/api/hooks/" + path, "{}")
                .error(401, "UNAUTHORIZED");
        assertEquals(
                202,
                caller.withHeader("X-Webhook-Secret", "hook-secret-42")
                        .post("/api/hooks/" + path, "{}")
                        .status());
        String body = "{\"n\": 1}";
        assertEquals(
                202,
                WebhookSigner.signed(caller, "hook-secret-42", body)
                        .post("/api/hooks/" + path, body)
                        .status());
        WebhookSigner.signed(caller, "wrong", body)
                .post("/api/hooks/" + path, body)
                .error(401, "UNAUTHORIZED");

        String graphs = String.valueOf(MariaDb.queryValue(
                SharedServer.DATABASE,
                "SELECT GROUP_CONCAT(graph) FROM workflow_snapshot WHERE workflow_id = ?",
                workflow.id()));
        assertTrue(graphs.contains("enc:v1:"), graphs);
        assertFalse(graphs.contains("hook-secret-42"), "the run's graph keeps the secret sealed");

        // Saving the node again with the mask keeps the same sealed secret; the canvas shows the mask.
        api.patch(workflow.nodePath(hook.getString("id"), ""), "{\"form_values\": {\"secret\": \"" + MASK + "\"}}")
                .object(200);
        assertEquals(stored, storedFormValues(hook.getString("id")));
        assertFalse(workflow.canvas().toString().contains("hook-secret-42"));
    }

    private static String storedFormValues(String nodeId) {
        return (String)
                MariaDb.queryValue(SharedServer.DATABASE, "SELECT form_values FROM workflow_node WHERE id = ?", nodeId);
    }

    // the http-request node

    @Test
    void anHttpRequestNodeSendsTheConnectionsCredentialsToTheServerItCalls() {
        try (LocalHttpServer target = new LocalHttpServer()) {
            String connection = api.post(
                            "/api/connections/",
                            Json.createObjectBuilder()
                                    .add("name", unique("crm"))
                                    .add("kind", "http")
                                    .add("base_url", target.localhostUrl("/echo"))
                                    .add("secret", "crm-token-7")
                                    .add("headers", Json.createObjectBuilder().add("X-Team", "ops"))
                                    .build())
                    .object(201)
                    .getString("id");
            TestWorkflow workflow = TestWorkflow.create(api, unique("with connection"));
            String start = workflow.addNodeId("manual-trigger", "Start");
            String call = workflow.addNode(
                            "http-request",
                            "Call",
                            Json.createObjectBuilder()
                                    .add("url", "/orders")
                                    .add("connection", connection)
                                    .build())
                    .getString("id");
            workflow.connect(start, call);
            JsonObject run = workflow.runToEnd(JsonValue.EMPTY_JSON_OBJECT);
            assertEquals("SUCCESS", run.getString("status"), run::toString);
            JsonObject echoed = TestWorkflow.lastExecution(run, call)
                    .getJsonObject("output")
                    .getJsonObject("body");
            assertEquals("/echo/orders", echoed.getString("path"));
            assertEquals("Bearer crm-token-7", echoed.getJsonObject("headers").getString("authorization"));
            assertEquals("ops", echoed.getJsonObject("headers").getString("x-team"));

            api.delete("/api/connections/" + connection + "/");
            JsonObject failed = workflow.runToEnd(JsonValue.EMPTY_JSON_OBJECT);
            assertEquals("FAILURE", failed.getString("status"), failed::toString);
            JsonObject attempt = TestWorkflow.lastExecution(failed, call);
            assertEquals("validation", attempt.getString("error_type"), attempt::toString);
            assertTrue(attempt.getString("error").contains("does not exist"), attempt::toString);
        }
    }

    @Test
    void anHttpRequestNodeNamingAnUnknownConnectionIsRefusedAtSave() {
        TestWorkflow workflow = TestWorkflow.create(api, unique("unknown connection"));
        JsonObject details = api.post(
                        workflow.path("nodes/add/"),
                        Json.createObjectBuilder()
                                .add("nodeTemplate", "http-request")
                                .add(
                                        "form_values",
                                        Json.createObjectBuilder()
                                                .add("url", "https://example.com/")
                                                .add(
                                                        "connection",
                                                        UUID.randomUUID().toString()))
                                .build())
                .error(422, "VALIDATION_ERROR");
        assertTrue(details.getJsonObject("form_values").containsKey("connection"), details::toString);
    }
}
