package io.orchestrator.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.orchestrator.it.support.Api;
import io.orchestrator.it.support.SharedServer;
import io.orchestrator.it.support.TestWorkflow;
import io.orchestrator.it.support.WebhookSigner;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import java.io.ByteArrayInputStream;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * What {@code /api/hooks/{path}} makes of a request: the run's input (method, headers, query, body),
 * the same body limits as the rest of the API (size, nesting, UTF-8), and each kind of answer.
 */
class WebhookBoundaryIT {

    private static final int MAX_BODY = 2 * 1024 * 1024;
    /** 0xC3 starts a two-byte character; 0x28 cannot continue one. */
    private static final byte[] NOT_UTF8 = {'{', '"', 'n', '"', ':', '"', (byte) 0xC3, 0x28, '"', '}'};

    private final Api api = SharedServer.admin();
    private final Api caller = SharedServer.anonymous();

    /** An active workflow: its webhook, in this response mode, then the node given, if any. */
    private record Hook(TestWorkflow workflow, String url) {}

    private Hook activeHook(String mode) {
        return activeHook(mode, null, null);
    }

    private Hook activeHook(String mode, String nextType, JsonObject nextForm) {
        return activeHook(Json.createObjectBuilder().add("response_mode", mode), nextType, nextForm);
    }

    private Hook activeHook(JsonObjectBuilder hookForm, String nextType, JsonObject nextForm) {
        String path = "it/boundary/" + UUID.randomUUID();
        TestWorkflow workflow = TestWorkflow.create(api, "boundary " + path);
        String hook = workflow.addNode(
                        "webhook", "Hook", hookForm.add("path", path).build())
                .getString("id");
        if (nextType != null) {
            workflow.connect(hook, workflow.addNode(nextType, "Next", nextForm).getString("id"));
        }
        api.patch(workflow.path(), "{\"active\": true}").object(200);
        return new Hook(workflow, "/api/hooks/" + path);
    }

    private JsonObject inputOf(Api.Response accepted) {
        String taskId = accepted.object(202).getString("task_id");
        return api.get("/api/runs/" + taskId + "/").object(200).getJsonObject("input");
    }

    private static String nested(int depth) {
        return "[".repeat(depth) + "]".repeat(depth);
    }

    private static HttpRequest.BodyPublisher bytes(byte[] body) {
        return HttpRequest.BodyPublishers.ofByteArray(body);
    }

    @Test
    void theRunsInputHoldsTheMethodTheHeadersTheQueryAndTheBody() {
        String hook = activeHook("on_received").url();
        JsonObject input = inputOf(caller.withHeader("X-Order", "A-7")
                .withHeader("Cookie", "session=s3cret")
                .withHeader("X-Webhook-Secret", "unused")
                .post(hook + "?one=1&many=a&many=b", "{\"n\": 1}"));

        assertEquals("POST", input.getString("method"));
        assertEquals(Json.createObjectBuilder().add("n", 1).build(), input.getJsonObject("body"));
        assertEquals("A-7", input.getJsonObject("headers").getString("x-order"), input::toString);
        assertEquals("application/json", input.getJsonObject("headers").getString("content-type"), input::toString);
        for (String hidden : new String[] {"cookie", "x-webhook-secret", "authorization"}) {
            assertFalse(input.getJsonObject("headers").containsKey(hidden), hidden + " is never handed to a run");
        }
        assertEquals(
                Json.createObjectBuilder()
                        .add("one", "1")
                        .add("many", Json.createArrayBuilder().add("a").add("b"))
                        .build(),
                input.getJsonObject("query"));
    }

    @Test
    void aBodyThatIsNotJsonIsTextAndAnEmptyOneIsNull() {
        String hook = activeHook("on_received").url();
        assertEquals(
                Json.createValue("hello, world"),
                inputOf(caller.send("POST", hook, "hello, world", "text/plain")).get("body"));
        assertEquals(
                Json.createValue("{not json"),
                inputOf(caller.send("POST", hook, "{not json", "text/plain")).get("body"));
        assertEquals(
                JsonValue.NULL, inputOf(caller.send("POST", hook, null, null)).get("body"));
        assertEquals(
                Json.createValue("caf\u00e9"),
                inputOf(caller.send("POST", hook, "caf\u00e9", "text/plain")).get("body"));
        caller.post(hook, "{not json").error(400, "INVALID_REQUEST");
    }

    @Test
    void aBodyNestedDeeperThanTheApiAllowsIs400() {
        String hook = activeHook("on_received").url();
        caller.post(hook, nested(1000)).error(400, "INVALID_REQUEST");
        caller.post(hook, "{\"extra\": " + nested(64) + "}").error(400, "INVALID_REQUEST");
        caller.send("POST", hook, "{\"extra\": " + nested(64) + "}", "text/plain")
                .error(400, "INVALID_REQUEST");
        assertTrue(
                inputOf(caller.post(hook, "{\"extra\": " + nested(63) + "}"))
                        .getJsonObject("body")
                        .containsKey("extra"),
                "the API's own limit: 64 levels pass");
    }

    @Test
    void bytesThatAreNotUtf8Are400WhateverTheContentType() {
        String hook = activeHook("on_received").url();
        caller.sendBody("POST", hook, bytes(NOT_UTF8), "application/json").error(400, "INVALID_REQUEST");
        caller.sendBody("POST", hook, bytes(NOT_UTF8), "text/plain").error(400, "INVALID_REQUEST");
        caller.sendBody("POST", hook, bytes("caf\u00e9".getBytes(StandardCharsets.ISO_8859_1)), "text/plain")
                .error(400, "INVALID_REQUEST");
    }

    @Test
    void aBodyOverTheLimitIs413OnAWebhookAsOnTheApi() {
        String hook = activeHook("on_received").url();
        byte[] body = ("{\"pad\": \"" + "a".repeat(MAX_BODY) + "\"}").getBytes(StandardCharsets.UTF_8);
        caller.sendBody("POST", hook, bytes(body), "application/json").error(413, "PAYLOAD_TOO_LARGE");
        caller.sendBody(
                        "POST",
                        hook,
                        HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body)),
                        "text/plain")
                .error(413, "PAYLOAD_TOO_LARGE");

        TestWorkflow workflow = TestWorkflow.create(api, "oversize input");
        workflow.addNodeId("manual-trigger", "Start");
        api.sendBody("POST", workflow.path("start_execution/"), bytes(body), "application/json")
                .error(413, "PAYLOAD_TOO_LARGE");
        api.sendBody(
                        "POST",
                        workflow.path("start_execution/"),
                        HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body)),
                        "application/json")
                .error(413, "PAYLOAD_TOO_LARGE");
    }

    @Test
    void aRunThatFailsIs502WithoutItsIdOrItsError() {
        // Well formed, so it is saved; not a boolean, so the run fails when it gets there.
        Hook hook = activeHook(
                "last_node",
                "condition",
                Json.createObjectBuilder().add("expression", "${input.method}").build());

        Api.Response failed = caller.post(hook.url(), "{}");
        assertEquals(JsonValue.EMPTY_JSON_OBJECT, failed.error(502, "RUN_FAILED"), failed::toString);
        assertEquals(
                "The workflow's run failed before it answered.", failed.object().getString("error"));
        JsonObject status = api.get(hook.workflow().path("task_status/")).object(200);
        assertEquals("FAILURE", status.getString("status"), status::toString);
        assertFalse(failed.text().contains(status.getString("task_id")), failed::toString);
        assertFalse(failed.text().contains(status.getString("error")), "the run's error stays inside");
        assertTrue(failed.header("X-Task-Id").isEmpty(), failed.headers().map()::toString);
    }

    @Test
    void aSignedCallPlayedAgainWithinItsWindowIsRefusedAndRunsNothing() {
        Hook hook = activeHook(
                Json.createObjectBuilder().add("response_mode", "on_received").add("secret", "s3cret"), null, null);
        String body = "{\"order\": 7}";
        long now = System.currentTimeMillis() / 1000;
        Api signed = WebhookSigner.signed(caller, "s3cret", now, body);
        signed.post(hook.url(), body).object(202);

        Api.Response replayed = signed.post(hook.url(), body);
        replayed.error(401, "UNAUTHORIZED");
        assertTrue(replayed.text().contains("received already"), replayed::toString);
        String written = "sha256=" + WebhookSigner.hmac("s3cret", now + "." + body);
        caller.withHeader("X-Webhook-Timestamp", Long.toString(now))
                .withHeader("X-Webhook-Signature", written.toUpperCase(Locale.ROOT))
                .post(hook.url(), body)
                .error(401, "UNAUTHORIZED");

        WebhookSigner.signed(caller, "s3cret", now + 1, body)
                .post(hook.url(), body)
                .object(202);
        assertEquals(
                2,
                api.get("/api/runs/?workflow_id=" + hook.workflow().id())
                        .object(200)
                        .getInt("total_count"));
    }

    @Test
    void anInactiveWebhookAnswersAsIfNoneListened() {
        Hook hook = activeHook("on_received");
        api.patch(hook.workflow().path(), "{\"active\": false}").object(200);

        Api.Response inactive = caller.post(hook.url(), "{}");
        inactive.error(404, "NOT_FOUND");
        assertFalse(inactive.text().contains(hook.workflow().id()), inactive::toString);
        Api.Response unknown = caller.post("/api/hooks/it/boundary/none-" + UUID.randomUUID(), "{}");
        assertEquals(
                unknown.object().getString("error").replaceAll("/api/hooks/\\S+", "PATH"),
                inactive.object().getString("error").replaceAll("/api/hooks/\\S+", "PATH"));
    }

    @Test
    void aHeadDoesNotFireAGetWebhook() {
        Hook hook = activeHook(
                Json.createObjectBuilder().add("method", "GET").add("response_mode", "on_received"), null, null);

        Api.Response head = caller.send("HEAD", hook.url(), null, null);
        assertEquals(405, head.status(), head::toString);
        assertEquals("GET", head.header("Allow").orElse(null), head.headers().map()::toString);
        api.get(hook.workflow().path("task_status/")).error(404, "NOT_FOUND");
        caller.get(hook.url()).object(202);
    }

    @Test
    void everyWebhookAnswerCarriesTheCallersRateLimit() {
        Hook hook = activeHook("on_received");
        for (Api.Response answer : new Api.Response[] {
            caller.post(hook.url(), "{}"), caller.post("/api/hooks/it/boundary/none-" + UUID.randomUUID(), "{}")
        }) {
            assertEquals(
                    "60000",
                    answer.header("X-RateLimit-Limit").orElse(null),
                    answer.headers().map()::toString);
            assertTrue(Integer.parseInt(answer.header("X-RateLimit-Remaining").orElseThrow()) < 60000);
            assertTrue(answer.header("X-RateLimit-Reset").isPresent());
        }
    }

    @Test
    void aRespondNodeSetsNoCookieCorsOrRedirectElsewhereUnlessTheWorkflowAllowsIt() {
        Hook hook = activeHook(
                "respond_node",
                "respond-webhook",
                Json.createObjectBuilder()
                        .add("status", 302)
                        .add(
                                "headers",
                                Json.createObjectBuilder()
                                        .add("Set-Cookie", "sid=attacker; Path=/")
                                        .add("Access-Control-Allow-Origin", "*")
                                        .add("Location", "https://evil.example/")
                                        .add("X-Kind", "kept"))
                        .add("body", "moved")
                        .build());

        Api.Response plain = caller.post(hook.url(), "{}");
        assertEquals(302, plain.status(), plain::toString);
        assertEquals("kept", plain.header("X-Kind").orElse(null));
        for (String leftOut : new String[] {"Set-Cookie", "Access-Control-Allow-Origin", "Location"}) {
            assertTrue(
                    plain.header(leftOut).isEmpty(),
                    leftOut + ": " + plain.headers().map());
        }

        api.patch(
                        hook.workflow().path(),
                        "{\"settings\": {\"webhook_allow_cookies\": true, \"webhook_allow_cors\": true,"
                                + " \"webhook_allow_redirects\": true}}")
                .object(200);
        Api.Response allowed = caller.post(hook.url(), "{}");
        assertEquals("sid=attacker; Path=/", allowed.header("Set-Cookie").orElse(null), allowed::toString);
        assertEquals("*", allowed.header("Access-Control-Allow-Origin").orElse(null));
        assertEquals("https://evil.example/", allowed.header("Location").orElse(null));
    }

    @Test
    void aRespondNodesTextBodyIsSentAsTextWithItsStatusAndHeaders() {
        Hook hook = activeHook(
                "respond_node",
                "respond-webhook",
                Json.createObjectBuilder()
                        .add("status", 203)
                        .add("headers", Json.createObjectBuilder().add("X-Kind", "greeting"))
                        .add("body", "Hello ${input.query.name}")
                        .build());

        Api.Response answer = caller.post(hook.url() + "?name=Ada", "{}");
        assertEquals(203, answer.status(), answer::toString);
        assertEquals("Hello Ada", answer.text());
        assertTrue(
                answer.header("Content-Type").orElse("").startsWith("text/plain"),
                answer.headers().map()::toString);
        assertEquals("greeting", answer.header("X-Kind").orElse(null));
        assertTrue(answer.header("X-Task-Id").isPresent(), answer.headers().map()::toString);
    }

    @Test
    void aRefusalOverTheRateLimitCarriesTheRateLimitHeaders() {
        Hook hook = activeHook("on_received");
        api.patch(hook.workflow().path(), "{\"settings\": {\"webhook_rate_limit\": 1}}")
                .object(200);

        Api.Response refused = null;
        for (int call = 0; call < 4 && refused == null; call++) {
            Api.Response answer = caller.post(hook.url(), "{}");
            refused = answer.status() == 429 ? answer : null;
        }
        assertTrue(refused != null, "a second call within a minute is refused");
        refused.error(429, "RATE_LIMITED");
        assertEquals(
                "1",
                refused.header("X-RateLimit-Limit").orElse(null),
                refused.headers().map()::toString);
        assertEquals("0", refused.header("X-RateLimit-Remaining").orElse(null));
        assertTrue(refused.header("X-RateLimit-Reset").isPresent());
        assertTrue(Long.parseLong(refused.header("Retry-After").orElseThrow()) >= 1);
    }
}
