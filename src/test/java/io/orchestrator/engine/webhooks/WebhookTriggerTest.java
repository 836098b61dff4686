package io.orchestrator.engine.webhooks;

import static io.orchestrator.testing.JsonLiterals.json;
import static io.orchestrator.testing.JsonLiterals.object;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.orchestrator.engine.GraphSnapshot;
import io.orchestrator.engine.RunPolicy;
import io.orchestrator.engine.RunStatus;
import io.orchestrator.engine.SnapshotStore;
import io.orchestrator.engine.WorkflowAtVersion;
import io.orchestrator.engine.webhooks.WebhookAnswer.Accepted;
import io.orchestrator.engine.webhooks.WebhookAnswer.MethodNotAllowed;
import io.orchestrator.engine.webhooks.WebhookAnswer.NotFound;
import io.orchestrator.engine.webhooks.WebhookAnswer.NotListening;
import io.orchestrator.engine.webhooks.WebhookAnswer.Output;
import io.orchestrator.engine.webhooks.WebhookAnswer.RateLimited;
import io.orchestrator.engine.webhooks.WebhookAnswer.Responded;
import io.orchestrator.engine.webhooks.WebhookAnswer.RunFailed;
import io.orchestrator.engine.webhooks.WebhookAnswer.StillRunning;
import io.orchestrator.engine.webhooks.WebhookAnswer.Unauthorized;
import io.orchestrator.platform.ApiException;
import io.orchestrator.platform.BodyReader;
import io.orchestrator.platform.ErrorCode;
import io.orchestrator.platform.OrchestratorConfig;
import io.orchestrator.security.RateLimiter;
import io.orchestrator.security.SecretCipher;
import io.orchestrator.security.Secrets;
import io.orchestrator.workflow.NodeSettings;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.junit.jupiter.api.Test;

/** The trigger's decisions, with the webhook paths, the workflow and the runs played by fakes. */
class WebhookTriggerTest {

    private static final String WORKFLOW = "workflow-1";
    private static final String HOOK = "hook-1";
    private static final URI HOOK_URL = URI.create("https://flows.example/api/hooks/orders");
    private static final long NOW = 1_700_000_040_000L;
    private static final String CALLER = "203.0.113.7";

    private final Map<String, WebhookPaths.Target> targets = new LinkedHashMap<>();
    private final FakeRuns runs = new FakeRuns();
    private final WebhookTrigger trigger = new WebhookTrigger();
    private final Secrets secrets = Secrets.with(new SecretCipher(new byte[32]));
    private WorkflowAtVersion workflow;
    private int callerLimit = 1_000;
    private long now = NOW;

    WebhookTriggerTest() {
        trigger.paths = new WebhookPaths() {
            @Override
            public Optional<Target> find(String path) {
                return Optional.ofNullable(targets.get(path));
            }
        };
        trigger.snapshots = new SnapshotStore() {
            @Override
            public WorkflowAtVersion current(String workflowId) {
                assertEquals(WORKFLOW, workflowId);
                return workflow;
            }
        };
        trigger.rateLimiter = new RateLimiter();
        trigger.bodies = BodyReader.withLimits(1_000, 3);
        trigger.runs = runs;
        trigger.answerWait = Duration.ofMillis(50);
        trigger.secrets = secrets;
        trigger.signedCalls = new SignedCalls();
        trigger.clock = () -> now;
        trigger.config = new OrchestratorConfig() {
            @Override
            public int webhookRateLimitPerMinute() {
                return callerLimit;
            }
        };
    }

    private WebhookAnswer answer(WebhookCall call) {
        return trigger.reply(call).answer();
    }

    /** A webhook on {@code orders} with these form values, in a workflow with these settings. */
    private void listen(boolean active, String formValues, String settings) {
        GraphSnapshot.Node webhook =
                new GraphSnapshot.Node(0, HOOK, "Hook", "webhook", object(formValues), NodeSettings.DEFAULTS);
        GraphSnapshot graph =
                new GraphSnapshot(WORKFLOW, 1, "Orders", RunPolicy.of(object(settings)), List.of(webhook), List.of());
        workflow = new WorkflowAtVersion(graph, active);
        targets.put("orders", new WebhookPaths.Target(WORKFLOW, HOOK));
    }

    private void listen(String formValues) {
        listen(true, formValues, "{}");
    }

    private static WebhookCall call(String method, String path, String body, Map<String, List<String>> headers) {
        return new WebhookCall(
                method, path, headers, Map.of(), () -> body.getBytes(StandardCharsets.UTF_8), CALLER, HOOK_URL);
    }

    private static WebhookCall post(String body, String... headerNamesAndValues) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (int i = 0; i < headerNamesAndValues.length; i += 2) {
            headers.put(headerNamesAndValues[i], List.of(headerNamesAndValues[i + 1]));
        }
        return call("POST", "orders", body, headers);
    }

    /** A call whose body must not be read: the answer is decided before it. */
    private static WebhookCall unreadable(String method, String path) {
        return unreadable(method, path, CALLER);
    }

    private static WebhookCall unreadable(String method, String path, String caller) {
        return new WebhookCall(
                method,
                path,
                Map.of(),
                Map.of(),
                () -> {
                    throw new AssertionError("the body was read");
                },
                caller,
                HOOK_URL);
    }

    // the server's limit per caller

    @Test
    void callsPastTheServersLimitPerCallerAreRateLimitedBeforeAnythingElse() {
        callerLimit = 2;
        listen("{'path': 'orders'}");
        assertInstanceOf(Accepted.class, answer(post("{}")));
        assertEquals(new NotFound("elsewhere"), answer(unreadable("POST", "elsewhere")), "every call counts");

        RateLimited limited = assertInstanceOf(RateLimited.class, answer(unreadable("POST", "orders")));
        assertEquals(RateLimited.Scope.CALLER, limited.scope());
        assertEquals(2, limited.decision().limit());
        assertInstanceOf(RateLimited.class, answer(unreadable("POST", "nowhere")));
        assertEquals(
                List.of(object("{}")),
                runs.inputs.stream()
                        .map(input -> input.asJsonObject().get("body"))
                        .toList());
    }

    @Test
    void eachAddressHasItsOwnCountAndAnIpv6CallerIsCountedByIts64() {
        callerLimit = 1;
        listen("{'path': 'orders'}");
        assertInstanceOf(NotFound.class, answer(unreadable("POST", "x", "203.0.113.7")));
        assertInstanceOf(NotFound.class, answer(unreadable("POST", "x", "203.0.113.8")));
        assertInstanceOf(NotFound.class, answer(unreadable("POST", "x", "2001:db8:1:2::1")));
        assertInstanceOf(RateLimited.class, answer(unreadable("POST", "x", "2001:db8:1:2:ffff::9")));
        assertInstanceOf(NotFound.class, answer(unreadable("POST", "x", "2001:db8:1:3::1")));
    }

    @Test
    void everyReplyCarriesTheCallersLimitAsItStands() {
        callerLimit = 5;
        WebhookTrigger.Reply reply = trigger.reply(unreadable("POST", "x"));
        assertEquals(new RateLimiter.Decision(true, 5, 4, NOW / 1000 + 60), reply.callerLimit());
        assertEquals(NOW, reply.decidedAtMillis());
    }

    // refused before the body is read

    @Test
    void aPathNoWebhookListensOnIsNotFoundWithTheNormalizedPath() {
        assertEquals(new NotFound("unknown/path"), answer(unreadable("POST", "/unknown/path/")));
    }

    @Test
    void aWebhookOfAnInactiveWorkflowIsNotListening() {
        listen(false, "{'path': 'orders'}", "{}");
        assertEquals(new NotListening("orders", WORKFLOW), answer(unreadable("POST", "orders/")));
    }

    @Test
    void aWebhookWhoseNodeIsNotInTheCurrentGraphIsNotListening() {
        listen("{'path': 'orders'}");
        targets.put("orders", new WebhookPaths.Target(WORKFLOW, "a node deleted since"));
        assertEquals(new NotListening("orders", WORKFLOW), answer(unreadable("POST", "orders")));
    }

    @Test
    void callsPastTheWorkflowsRateLimitAreRateLimitedWithTheLimitersDecision() {
        listen(true, "{'path': 'orders'}", "{'webhook_rate_limit': 2}");
        assertInstanceOf(Accepted.class, answer(post("{}")));
        assertInstanceOf(Accepted.class, answer(post("{}")));

        RateLimited limited = assertInstanceOf(RateLimited.class, answer(unreadable("POST", "orders")));
        assertEquals(RateLimited.Scope.WORKFLOW, limited.scope());
        assertEquals(2, limited.decision().limit());
        assertEquals(0, limited.decision().remaining());
        assertTrue(limited.decision().headers(limited.decidedAtMillis()).containsKey("Retry-After"));
    }

    @Test
    void aMethodOtherThanTheNodesIsNotAllowed() {
        listen("{'path': 'orders'}");
        assertEquals(new MethodNotAllowed("POST", "GET"), answer(unreadable("GET", "orders")));
        listen("{'path': 'orders', 'method': 'PUT'}");
        assertEquals(new MethodNotAllowed("PUT", "POST"), answer(unreadable("POST", "orders")));
    }

    @Test
    void aHeadIsNotTheGetOfAGetWebhook() {
        listen("{'path': 'orders', 'method': 'GET'}");
        assertEquals(new MethodNotAllowed("GET", "HEAD"), answer(unreadable("HEAD", "orders")));
        assertEquals(List.of(), runs.inputs);
    }

    // the secret

    private static String[] signed(String secret, long epochSeconds, String body) {
        String timestamp = Long.toString(epochSeconds);
        return new String[] {
            "X-Webhook-Timestamp",
            timestamp,
            "X-Webhook-Signature",
            "sha256=" + WebhookSignature.sign(secret, timestamp, body.getBytes(StandardCharsets.UTF_8))
        };
    }

    private static String reason(WebhookAnswer answer) {
        return assertInstanceOf(Unauthorized.class, answer).reason();
    }

    @Test
    void aWebhookWithASecretIsUnauthorizedWithoutItAndRunsNothing() {
        listen("{'path': 'orders', 'secret': 's3cret'}");
        assertTrue(reason(answer(post("{}")))
                .startsWith("This webhook needs its secret: send the secret in"
                        + " X-Webhook-Secret, or sign the call: X-Webhook-Timestamp"));
        assertEquals(
                "The secret in X-Webhook-Secret is not this webhook's.",
                reason(answer(post("{}", "X-Webhook-Secret", "wrong"))));
        assertEquals(List.of(), runs.inputs);
    }

    @Test
    void theSecretMayBeShownInAnyCaseOfTheHeaderNameOrSignTheCallWithATimestamp() {
        listen("{'path': 'orders', 'secret': 's3cret'}");
        assertInstanceOf(Accepted.class, answer(post("{}", "x-webhook-secret", "s3cret")));
        assertInstanceOf(Accepted.class, answer(post("{\"n\": 1}", signed("s3cret", NOW / 1000, "{\"n\": 1}"))));
        String[] headers = signed("s3cret", NOW / 1000, "{\"n\": 1}");
        assertTrue(reason(answer(post("{\"n\": 2}", headers))).startsWith("X-Webhook-Signature does not match"));
        headers[1] = Long.toString(NOW / 1000 + 1);
        assertTrue(
                reason(answer(post("{\"n\": 1}", headers))).startsWith("X-Webhook-Signature does not match"),
                "the timestamp is signed too");
    }

    @Test
    void aSignatureIsAcceptedWithinFiveMinutesOfTheServersClockEitherWay() {
        listen("{'path': 'orders', 'secret': 's3cret'}");
        assertInstanceOf(Accepted.class, answer(post("{}", signed("s3cret", NOW / 1000 - 300, "{}"))));
        assertInstanceOf(Accepted.class, answer(post("{}", signed("s3cret", NOW / 1000 + 300, "{}"))));
        assertTrue(reason(answer(post("{}", signed("s3cret", NOW / 1000 - 301, "{}"))))
                .startsWith("X-Webhook-Timestamp is more than 300 seconds away from the server's clock"));
        assertTrue(reason(answer(post("{}", signed("s3cret", NOW / 1000 + 301, "{}"))))
                .startsWith("X-Webhook-Timestamp is more than 300 seconds away"));
    }

    @Test
    void aSignedCallIsLetInOnceWithinItsWindowHoweverItsSignatureIsWritten() {
        listen("{'path': 'orders', 'secret': 's3cret'}");
        String[] headers = signed("s3cret", NOW / 1000, "{\"n\": 1}");
        assertInstanceOf(Accepted.class, answer(post("{\"n\": 1}", headers)));
        assertTrue(reason(answer(post("{\"n\": 1}", headers))).startsWith("This signed call was received already"));
        headers[3] = headers[3].substring("sha256=".length()).toUpperCase(Locale.ROOT);
        assertTrue(reason(answer(post("{\"n\": 1}", headers))).startsWith("This signed call was received already"));
        assertInstanceOf(Accepted.class, answer(post("{\"n\": 1}", signed("s3cret", NOW / 1000 + 1, "{\"n\": 1}"))));
        assertInstanceOf(Accepted.class, answer(post("{\"n\": 2}", signed("s3cret", NOW / 1000, "{\"n\": 2}"))));
        assertInstanceOf(Accepted.class, answer(post("{\"n\": 1}", "X-Webhook-Secret", "s3cret")));
        assertInstanceOf(Accepted.class, answer(post("{\"n\": 1}", "X-Webhook-Secret", "s3cret")));
        assertEquals(5, runs.inputs.size());
        now += 301_000;
        assertTrue(reason(answer(post("{\"n\": 1}", signed("s3cret", NOW / 1000, "{\"n\": 1}"))))
                .startsWith("X-Webhook-Timestamp is more than 300 seconds away"));
    }

    @Test
    void aSignatureWithoutATimestampOrOfTheBodyAloneIsRefused() {
        listen("{'path': 'orders', 'secret': 's3cret'}");
        String[] headers = signed("s3cret", NOW / 1000, "{}");
        assertTrue(reason(answer(post("{}", headers[2], headers[3])))
                .startsWith("X-Webhook-Signature needs X-Webhook-Timestamp"));
        assertTrue(reason(answer(post("{}", headers[2], headers[3], headers[0], "yesterday")))
                .startsWith("X-Webhook-Signature needs X-Webhook-Timestamp"));
        String bodyOnly = "sha256=" + WebhookSignature.sign("s3cret", "", "{}".getBytes(StandardCharsets.UTF_8));
        assertTrue(reason(answer(post("{}", "X-Signature-256", bodyOnly)))
                .startsWith("X-Signature-256 (a signature of the body alone) is not accepted"));
        assertEquals(List.of(), runs.inputs);
    }

    @Test
    void aSealedSecretIsOpenedToCheckTheCall() {
        listen("{'path': 'orders', 'secret': '" + secrets.seal("s3cret") + "'}");
        assertInstanceOf(Accepted.class, answer(post("{}", "X-Webhook-Secret", "s3cret")));
        assertInstanceOf(Accepted.class, answer(post("{}", signed("s3cret", NOW / 1000, "{}"))));
        assertInstanceOf(Unauthorized.class, answer(post("{}", "X-Webhook-Secret", "wrong")));
    }

    @Test
    void aSecretSealedWithAnotherKeyLetsNoCallIn() {
        byte[] otherKey = new byte[32];
        otherKey[0] = 1;
        String otherKeys = new SecretCipher(otherKey).seal("s3cret");
        listen("{'path': 'orders', 'secret': '" + otherKeys + "'}");
        assertInstanceOf(Unauthorized.class, answer(post("{}", "X-Webhook-Secret", "s3cret")));
        assertInstanceOf(Unauthorized.class, answer(post("{}", "X-Webhook-Secret", otherKeys)));
        assertEquals(List.of(), runs.inputs);
    }

    @Test
    void anEmptySecretIsNoSecret() {
        listen("{'path': 'orders', 'secret': ''}");
        assertInstanceOf(Accepted.class, answer(post("{}")));
    }

    // the run's input

    @Test
    void theRunsInputIsTheMethodTheVisibleHeadersTheQueryAndTheBody() {
        listen("{'path': 'orders'}");
        Map<String, List<String>> headers = new LinkedHashMap<>();
        headers.put("Content-Type", List.of("application/json"));
        headers.put("X-Tags", List.of("a", "b"));
        headers.put("Authorization", List.of("Bearer t"));
        headers.put("Cookie", List.of("c=1"));
        headers.put("X-Webhook-Secret", List.of("s"));
        Map<String, List<String>> query = new LinkedHashMap<>();
        query.put("one", List.of("1"));
        query.put("many", List.of("a", "b"));

        answer(new WebhookCall(
                "POST",
                "orders",
                headers,
                query,
                () -> "{\"n\": 1}".getBytes(StandardCharsets.UTF_8),
                CALLER,
                HOOK_URL));

        assertEquals(
                List.of(object("{'method': 'POST', 'headers': {'content-type': 'application/json', 'x-tags': 'a, b'},"
                        + " 'query': {'one': '1', 'many': ['a', 'b']}, 'body': {'n': 1}}")),
                runs.inputs);
    }

    @Test
    void aBodyThatIsNotJsonIsTextAndAnEmptyOneNull() {
        listen("{'path': 'orders'}");
        answer(post("hello", "Content-Type", "text/plain"));
        answer(post(""));
        assertEquals(
                List.of(json("'hello'"), JsonValue.NULL),
                runs.inputs.stream()
                        .map(input -> input.asJsonObject().get("body"))
                        .toList());
    }

    @Test
    void aBodyPastTheReadersLimitsIsRefusedByItAndRunsNothing() {
        listen("{'path': 'orders'}");
        ApiException tooDeep = assertThrows(ApiException.class, () -> answer(post("[[[[1]]]]")));
        assertEquals(ErrorCode.INVALID_REQUEST, tooDeep.code());
        ApiException notJson = assertThrows(
                ApiException.class,
                () -> answer(post("{not json", "content-type", "application/vnd.api+json; charset=utf-8")));
        assertEquals(ErrorCode.INVALID_REQUEST, notJson.code());
        assertEquals(List.of(), runs.inputs);
    }

    // response modes

    @Test
    void onReceivedIsAcceptedWithTheIdOfTheStoredRun() {
        listen("{'path': 'orders', 'response_mode': 'on_received'}");
        assertEquals(new Accepted("stored-1"), answer(post("{}")));
    }

    @Test
    void lastNodeIsTheOutputOfARunThatSucceeded() {
        listen("{'path': 'orders', 'response_mode': 'last_node'}");
        runs.next.end(RunStatus.SUCCESS, json("{'doubled': 42}"), null);
        assertEquals(new Output("inline-1", json("{'doubled': 42}")), answer(post("{}")));
    }

    @Test
    void lastNodeIsRunFailedForARunThatFailedOrWasStopped() {
        listen("{'path': 'orders', 'response_mode': 'last_node'}");
        runs.next.end(RunStatus.FAILURE, JsonValue.NULL, "Node 'Call' failed");
        assertEquals(new RunFailed("inline-1", RunStatus.FAILURE, "Node 'Call' failed"), answer(post("{}")));
    }

    @Test
    void lastNodeIsStillRunningForARunThatPausedOrOutlastedTheWait() {
        listen("{'path': 'orders', 'response_mode': 'last_node'}");
        assertEquals(new StillRunning("inline-1", RunStatus.STARTED), answer(post("{}")));

        runs.next = new FakeRun();
        runs.next.status = RunStatus.WAITING;
        runs.next.answered.complete(null);
        assertEquals(new StillRunning("inline-1", RunStatus.WAITING), answer(post("{}")));
    }

    @Test
    void respondNodeIsWhatTheRespondWebhookNodeSaid() {
        listen("{'path': 'orders', 'response_mode': 'respond_node'}");
        runs.next.answered.complete(object(
                "{'status': 201, 'headers': {'X-Order': 'A-7', 'X-Count': 3}," + " 'body': {'created': 'A-7'}}"));
        assertEquals(
                new Responded("inline-1", 201, Map.of("X-Order", "A-7", "X-Count", "3"), json("{'created': 'A-7'}")),
                answer(post("{}")));
    }

    @Test
    void respondNodeAnswersWithoutCookiesCorsOrARedirectElsewhereUnlessTheSettingsAllowThem() {
        String said = "{'status': 302, 'headers': {'Set-Cookie': 'sid=1', 'Access-Control-Allow-Origin': '*',"
                + " 'Location': 'https://evil.example/', 'X-Order': 'A-7'}, 'body': null}";
        listen(true, "{'path': 'orders', 'response_mode': 'respond_node'}", "{}");
        runs.next.answered.complete(object(said));
        assertEquals(
                Map.of("X-Order", "A-7"),
                assertInstanceOf(Responded.class, answer(post("{}"))).headers());

        listen(
                true,
                "{'path': 'orders', 'response_mode': 'respond_node'}",
                "{'webhook_allow_cookies': true, 'webhook_allow_cors': true, 'webhook_allow_redirects': true}");
        runs.next = new FakeRun();
        runs.next.answered.complete(object(said));
        assertEquals(
                4,
                assertInstanceOf(Responded.class, answer(post("{}"))).headers().size());
    }

    @Test
    void respondNodeIsTheLastOutputOfARunThatEndedWithoutAnswering() {
        listen("{'path': 'orders', 'response_mode': 'respond_node'}");
        runs.next.end(RunStatus.SUCCESS, json("{'done': true}"), null);
        assertEquals(new Output("inline-1", json("{'done': true}")), answer(post("{}")));
    }

    @Test
    void respondNodeIsStillRunningWhileNoAnswerCame() {
        listen("{'path': 'orders', 'response_mode': 'respond_node'}");
        assertEquals(new StillRunning("inline-1", RunStatus.STARTED), answer(post("{}")));
    }

    @Test
    void aResponseModeThatIsATemplateWaitsForTheLastNodeAsItAlwaysHas() {
        listen("{'path': 'orders', 'response_mode': '${input.mode}'}");
        runs.next.end(RunStatus.SUCCESS, json("{'done': true}"), null);
        assertEquals(new Output("inline-1", json("{'done': true}")), answer(post("{}")));
    }

    /** Records each run's input; a stored run gets id stored-1, an inline one is {@link #next}. */
    private static final class FakeRuns extends WebhookRuns {
        final List<JsonValue> inputs = new ArrayList<>();
        FakeRun next = new FakeRun();

        @Override
        String startDurably(GraphSnapshot graph, GraphSnapshot.Node webhook, JsonValue input) {
            inputs.add(input);
            return "stored-1";
        }

        @Override
        StartedRun startInline(GraphSnapshot graph, GraphSnapshot.Node webhook, JsonValue input) {
            inputs.add(input);
            return next;
        }
    }

    /** A run that is STARTED until the test ends it or answers for it. */
    private static final class FakeRun implements StartedRun {
        final CompletableFuture<Object> finished = new CompletableFuture<>();
        final CompletableFuture<JsonObject> answered = new CompletableFuture<>();
        RunStatus status = RunStatus.STARTED;
        JsonValue lastOutput = JsonValue.NULL;
        String error;

        void end(RunStatus ended, JsonValue output, String failure) {
            status = ended;
            lastOutput = output;
            error = failure;
            answered.complete(null);
            finished.complete(this);
        }

        @Override
        public String id() {
            return "inline-1";
        }

        @Override
        public RunStatus status() {
            return status;
        }

        @Override
        public String error() {
            return error;
        }

        @Override
        public JsonValue lastOutput() {
            return lastOutput;
        }

        @Override
        public CompletionStage<?> whenFinished() {
            return finished;
        }

        @Override
        public CompletionStage<JsonObject> whenAnswered() {
            return answered;
        }
    }
}
