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
import io.orchestrator.security.RateLimiter;
import io.orchestrator.security.SecretCipher;
import io.orchestrator.security.Secrets;
import io.orchestrator.workflow.NodeSettings;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.junit.jupiter.api.Test;

/** The trigger's decisions, with the webhook paths, the workflow and the runs played by fakes. */
class WebhookTriggerTest {

    private static final String WORKFLOW = "workflow-1";
    private static final String HOOK = "hook-1";

    private final Map<String, WebhookPaths.Target> targets = new LinkedHashMap<>();
    private final FakeRuns runs = new FakeRuns();
    private final WebhookTrigger trigger = new WebhookTrigger();
    private final Secrets secrets = Secrets.with(new SecretCipher(new byte[32]));
    private WorkflowAtVersion workflow;

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
        return new WebhookCall(method, path, headers, Map.of(), () -> body.getBytes(StandardCharsets.UTF_8));
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
        return new WebhookCall(method, path, Map.of(), Map.of(), () -> {
            throw new AssertionError("the body was read");
        });
    }

    // refused before the body is read

    @Test
    void aPathNoWebhookListensOnIsNotFoundWithTheNormalizedPath() {
        assertEquals(new NotFound("unknown/path"), trigger.answer(unreadable("POST", "/unknown/path/")));
    }

    @Test
    void aWebhookOfAnInactiveWorkflowIsNotListening() {
        listen(false, "{'path': 'orders'}", "{}");
        assertEquals(new NotListening("orders", WORKFLOW), trigger.answer(unreadable("POST", "orders/")));
    }

    @Test
    void aWebhookWhoseNodeIsNotInTheCurrentGraphIsNotListening() {
        listen("{'path': 'orders'}");
        targets.put("orders", new WebhookPaths.Target(WORKFLOW, "a node deleted since"));
        assertEquals(new NotListening("orders", WORKFLOW), trigger.answer(unreadable("POST", "orders")));
    }

    @Test
    void callsPastTheWorkflowsRateLimitAreRateLimitedWithTheLimitersDecision() {
        listen(true, "{'path': 'orders'}", "{'webhook_rate_limit': 2}");
        assertInstanceOf(Accepted.class, trigger.answer(post("{}")));
        assertInstanceOf(Accepted.class, trigger.answer(post("{}")));

        RateLimited limited = assertInstanceOf(RateLimited.class, trigger.answer(unreadable("POST", "orders")));
        assertEquals(2, limited.decision().limit());
        assertEquals(0, limited.decision().remaining());
        assertTrue(limited.decision().headers(limited.decidedAtMillis()).containsKey("Retry-After"));
    }

    @Test
    void aMethodOtherThanTheNodesIsNotAllowed() {
        listen("{'path': 'orders'}");
        assertEquals(new MethodNotAllowed("POST", "GET"), trigger.answer(unreadable("GET", "orders")));
        listen("{'path': 'orders', 'method': 'PUT'}");
        assertEquals(new MethodNotAllowed("PUT", "POST"), trigger.answer(unreadable("POST", "orders")));
    }

    // the secret

    @Test
    void aWebhookWithASecretIsUnauthorizedWithoutItAndRunsNothing() {
        listen("{'path': 'orders', 'secret': 's3cret'}");
        assertEquals(new Unauthorized(), trigger.answer(post("{}")));
        assertEquals(new Unauthorized(), trigger.answer(post("{}", "X-Webhook-Secret", "wrong")));
        assertEquals(List.of(), runs.inputs);
    }

    @Test
    void theSecretMayBeShownInAnyCaseOfTheHeaderNameOrSignTheBody() {
        listen("{'path': 'orders', 'secret': 's3cret'}");
        assertInstanceOf(Accepted.class, trigger.answer(post("{}", "x-webhook-secret", "s3cret")));
        String signature = "sha256=" + WebhookSignature.hmac("s3cret", "{\"n\": 1}".getBytes(StandardCharsets.UTF_8));
        assertInstanceOf(Accepted.class, trigger.answer(post("{\"n\": 1}", "X-Signature-256", signature)));
        assertEquals(new Unauthorized(), trigger.answer(post("{\"n\": 2}", "X-Signature-256", signature)));
    }

    @Test
    void aSealedSecretIsOpenedToCheckTheCall() {
        listen("{'path': 'orders', 'secret': '" + secrets.seal("s3cret") + "'}");
        assertInstanceOf(Accepted.class, trigger.answer(post("{}", "X-Webhook-Secret", "s3cret")));
        String signature = "sha256=" + WebhookSignature.hmac("s3cret", "{}".getBytes(StandardCharsets.UTF_8));
        assertInstanceOf(Accepted.class, trigger.answer(post("{}", "X-Signature-256", signature)));
        assertEquals(new Unauthorized(), trigger.answer(post("{}", "X-Webhook-Secret", "wrong")));
    }

    @Test
    void aSecretSealedWithAnotherKeyLetsNoCallIn() {
        byte[] otherKey = new byte[32];
        otherKey[0] = 1;
        String otherKeys = new SecretCipher(otherKey).seal("s3cret");
        listen("{'path': 'orders', 'secret': '" + otherKeys + "'}");
        assertEquals(new Unauthorized(), trigger.answer(post("{}", "X-Webhook-Secret", "s3cret")));
        assertEquals(new Unauthorized(), trigger.answer(post("{}", "X-Webhook-Secret", otherKeys)));
        assertEquals(List.of(), runs.inputs);
    }

    @Test
    void anEmptySecretIsNoSecret() {
        listen("{'path': 'orders', 'secret': ''}");
        assertInstanceOf(Accepted.class, trigger.answer(post("{}")));
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

        trigger.answer(
                new WebhookCall("POST", "orders", headers, query, () -> "{\"n\": 1}".getBytes(StandardCharsets.UTF_8)));

        assertEquals(
                List.of(object("{'method': 'POST', 'headers': {'content-type': 'application/json', 'x-tags': 'a, b'},"
                        + " 'query': {'one': '1', 'many': ['a', 'b']}, 'body': {'n': 1}}")),
                runs.inputs);
    }

    @Test
    void aBodyThatIsNotJsonIsTextAndAnEmptyOneNull() {
        listen("{'path': 'orders'}");
        trigger.answer(post("hello", "Content-Type", "text/plain"));
        trigger.answer(post(""));
        assertEquals(
                List.of(json("'hello'"), JsonValue.NULL),
                runs.inputs.stream()
                        .map(input -> input.asJsonObject().get("body"))
                        .toList());
    }

    @Test
    void aBodyPastTheReadersLimitsIsRefusedByItAndRunsNothing() {
        listen("{'path': 'orders'}");
        ApiException tooDeep = assertThrows(ApiException.class, () -> trigger.answer(post("[[[[1]]]]")));
        assertEquals(ErrorCode.INVALID_REQUEST, tooDeep.code());
        ApiException notJson = assertThrows(
                ApiException.class,
                () -> trigger.answer(post("{not json", "content-type", "application/vnd.api+json; charset=utf-8")));
        assertEquals(ErrorCode.INVALID_REQUEST, notJson.code());
        assertEquals(List.of(), runs.inputs);
    }

    // response modes

    @Test
    void onReceivedIsAcceptedWithTheIdOfTheStoredRun() {
        listen("{'path': 'orders', 'response_mode': 'on_received'}");
        assertEquals(new Accepted("stored-1"), trigger.answer(post("{}")));
    }

    @Test
    void lastNodeIsTheOutputOfARunThatSucceeded() {
        listen("{'path': 'orders', 'response_mode': 'last_node'}");
        runs.next.end(RunStatus.SUCCESS, json("{'doubled': 42}"), null);
        assertEquals(new Output("inline-1", json("{'doubled': 42}")), trigger.answer(post("{}")));
    }

    @Test
    void lastNodeIsRunFailedForARunThatFailedOrWasStopped() {
        listen("{'path': 'orders', 'response_mode': 'last_node'}");
        runs.next.end(RunStatus.FAILURE, JsonValue.NULL, "Node 'Call' failed");
        assertEquals(new RunFailed("inline-1", RunStatus.FAILURE, "Node 'Call' failed"), trigger.answer(post("{}")));
    }

    @Test
    void lastNodeIsStillRunningForARunThatPausedOrOutlastedTheWait() {
        listen("{'path': 'orders', 'response_mode': 'last_node'}");
        assertEquals(new StillRunning("inline-1", RunStatus.STARTED), trigger.answer(post("{}")));

        runs.next = new FakeRun();
        runs.next.status = RunStatus.WAITING;
        runs.next.answered.complete(null);
        assertEquals(new StillRunning("inline-1", RunStatus.WAITING), trigger.answer(post("{}")));
    }

    @Test
    void respondNodeIsWhatTheRespondWebhookNodeSaid() {
        listen("{'path': 'orders', 'response_mode': 'respond_node'}");
        runs.next.answered.complete(object(
                "{'status': 201, 'headers': {'X-Order': 'A-7', 'X-Count': 3}," + " 'body': {'created': 'A-7'}}"));
        assertEquals(
                new Responded("inline-1", 201, Map.of("X-Order", "A-7", "X-Count", "3"), json("{'created': 'A-7'}")),
                trigger.answer(post("{}")));
    }

    @Test
    void respondNodeIsTheLastOutputOfARunThatEndedWithoutAnswering() {
        listen("{'path': 'orders', 'response_mode': 'respond_node'}");
        runs.next.end(RunStatus.SUCCESS, json("{'done': true}"), null);
        assertEquals(new Output("inline-1", json("{'done': true}")), trigger.answer(post("{}")));
    }

    @Test
    void respondNodeIsStillRunningWhileNoAnswerCame() {
        listen("{'path': 'orders', 'response_mode': 'respond_node'}");
        assertEquals(new StillRunning("inline-1", RunStatus.STARTED), trigger.answer(post("{}")));
    }

    @Test
    void aResponseModeThatIsATemplateWaitsForTheLastNodeAsItAlwaysHas() {
        listen("{'path': 'orders', 'response_mode': '${input.mode}'}");
        runs.next.end(RunStatus.SUCCESS, json("{'done': true}"), null);
        assertEquals(new Output("inline-1", json("{'done': true}")), trigger.answer(post("{}")));
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
