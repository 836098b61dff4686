package io.orchestrator.engine.webhooks;

import static io.orchestrator.platform.Jsonp.JSON;

import io.orchestrator.engine.GraphSnapshot;
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
import io.orchestrator.platform.BodyReader;
import io.orchestrator.platform.OrchestratorConfig;
import io.orchestrator.security.ClientAddress;
import io.orchestrator.security.RateLimiter;
import io.orchestrator.security.SecretCipher;
import io.orchestrator.security.Secrets;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.LongSupplier;
import java.util.logging.Logger;

/**
 * Decides what a webhook call gets. In order: the caller's address must be within the server's
 * limit per caller ({@code ORCHESTRATOR_WEBHOOK_RATE_LIMIT}); a webhook must listen on the path and
 * its workflow be active; the workflow's webhook_rate_limit counts the call; the method must be the
 * node's; a secret, when set, must be shown or must have signed the call recently. Then a run
 * starts with the call as its input, and the node's response mode says whether the caller gets the
 * task id at once or waits for the run's result or a respond-webhook node's answer.
 */
@ApplicationScoped
public class WebhookTrigger {

    private static final Logger LOG = Logger.getLogger(WebhookTrigger.class.getName());

    /** Headers a run never sees: they carry the caller's credentials, not data. */
    private static final Set<String> HIDDEN_HEADERS = Set.of("authorization", "cookie", "x-webhook-secret");

    /** An answer, with the caller's rate limit as it stands after the call, for the X-RateLimit-* headers. */
    public record Reply(WebhookAnswer answer, RateLimiter.Decision callerLimit, long decidedAtMillis) {}

    @Inject
    WebhookPaths paths;

    @Inject
    SnapshotStore snapshots;

    @Inject
    RateLimiter rateLimiter;

    @Inject
    BodyReader bodies;

    @Inject
    WebhookRuns runs;

    @Inject
    Secrets secrets;

    @Inject
    OrchestratorConfig config;

    @Inject
    SignedCalls signedCalls;

    /** How long a caller waits for the run's result before it gets the task id instead. */
    Duration answerWait = Duration.ofSeconds(30);

    LongSupplier clock = System::currentTimeMillis;

    public Reply reply(WebhookCall call) {
        long now = clock.getAsLong();
        RateLimiter.Decision caller = rateLimiter.acquire(
                "webhook-caller:" + ClientAddress.key(call.callerAddress()), config.webhookRateLimitPerMinute(), now);
        WebhookAnswer answer =
                caller.allowed() ? answer(call, now) : new RateLimited(RateLimited.Scope.CALLER, caller, now);
        return new Reply(answer, caller, now);
    }

    /** What the call gets once the caller is within the server's limit. */
    WebhookAnswer answer(WebhookCall call, long now) {
        String path = WebhookPaths.normalize(call.path());
        Optional<WebhookPaths.Target> target = paths.find(path);
        if (target.isEmpty()) {
            return new NotFound(path);
        }
        String workflowId = target.get().workflowId();
        WorkflowAtVersion workflow = snapshots.current(workflowId);
        GraphSnapshot.Node webhook = workflow.graph().node(target.get().nodeId());
        if (webhook == null || !workflow.active()) {
            return new NotListening(path, workflowId);
        }
        Integer rateLimit = workflow.graph().policy().webhookRateLimit();
        if (rateLimit != null) {
            RateLimiter.Decision decision = rateLimiter.acquire("webhook:" + workflowId, rateLimit, now);
            if (!decision.allowed()) {
                return new RateLimited(RateLimited.Scope.WORKFLOW, decision, now);
            }
        }
        JsonObject form = webhook.formValues();
        String method = form.getString("method", "POST");
        if (!method.equals(call.method())) {
            return new MethodNotAllowed(method, call.method());
        }
        byte[] body = call.body().read();
        if (form.get("secret") instanceof JsonString secret
                && !secret.getString().isEmpty()) {
            Optional<String> refusal = refusal(secret.getString(), call, body, path, now);
            if (refusal.isPresent()) {
                return new Unauthorized(refusal.get());
            }
        }
        JsonObject input = JSON.createObjectBuilder()
                .add("method", call.method())
                .add("headers", visibleHeaders(call.headers()))
                .add("query", query(call.query()))
                .add("body", bodies.jsonOrText(body, call.declaresJson()))
                .build();
        return switch (ResponseMode.of(form)) {
            case ON_RECEIVED -> new Accepted(runs.startDurably(workflow.graph(), webhook, input));
            case LAST_NODE -> lastOutput(runs.startInline(workflow.graph(), webhook, input));
            case RESPOND_NODE -> respondNodeAnswer(runs.startInline(workflow.graph(), webhook, input), workflow, call);
        };
    }

    /** Why the call does not show the stored (sealed) secret; one this server cannot open lets no call in. */
    private Optional<String> refusal(String storedSecret, WebhookCall call, byte[] body, String path, long now) {
        String secret;
        try {
            secret = secrets.open(storedSecret);
        } catch (SecretCipher.UnreadableSecret unreadable) {
            LOG.warning("The webhook at /api/hooks/" + path + " refused a call: " + unreadable.getMessage());
            return Optional.of("The call's secret or signature could not be checked.");
        }
        Optional<String> refused = WebhookSignature.refusal(secret, call, body, now / 1000);
        if (refused.isPresent()) {
            return refused;
        }
        return WebhookSignature.signed(secret, call, body).flatMap(signed -> replayRefusal(path, signed, now / 1000));
    }

    /** A signed call's second coming within its window is refused: a captured call cannot be played again. */
    private Optional<String> replayRefusal(String path, WebhookSignature.Signed signed, long nowSeconds) {
        return switch (signedCalls.remember(
                path, signed.signature(), signed.timestampSeconds() + WebhookSignature.WINDOW_SECONDS, nowSeconds)) {
            case FIRST -> Optional.empty();
            case REPLAYED ->
                Optional.of("This signed call was received already: sign each call as it is sent, with"
                        + " its own " + WebhookSignature.TIMESTAMP_HEADER + " (a call repeated in the same second"
                        + " with the same body needs something in its body that tells it apart).");
            case NO_ROOM ->
                Optional.of("Too many signed calls to this webhook within " + WebhookSignature.WINDOW_SECONDS
                        + " seconds; try again later.");
        };
    }

    private WebhookAnswer lastOutput(StartedRun run) {
        CompletableFuture<?> settled = CompletableFuture.anyOf(
                run.whenFinished().toCompletableFuture(), run.whenAnswered().toCompletableFuture());
        if (!await(settled) || !run.status().isFinal()) {
            return new StillRunning(run.id(), run.status());
        }
        if (run.status() != RunStatus.SUCCESS) {
            return new RunFailed(run.id(), run.status(), run.error());
        }
        return new Output(run.id(), run.lastOutput());
    }

    private WebhookAnswer respondNodeAnswer(StartedRun run, WorkflowAtVersion workflow, WebhookCall call) {
        CompletableFuture<JsonObject> answered = run.whenAnswered().toCompletableFuture();
        if (!await(answered)) {
            return new StillRunning(run.id(), run.status());
        }
        JsonObject answer = answered.getNow(null);
        if (answer == null) {
            return lastOutput(run);
        }
        Map<String, String> headers = new LinkedHashMap<>();
        if (answer.get("headers") instanceof JsonObject given) {
            given.forEach((name, value) ->
                    headers.put(name, value instanceof JsonString text ? text.getString() : value.toString()));
        }
        AnswerHeaders.Checked checked =
                AnswerHeaders.check(headers, workflow.graph().policy(), call.url());
        if (!checked.leftOut().isEmpty()) {
            LOG.warning("The answer of run " + run.id() + " of workflow "
                    + workflow.graph().workflowId() + " went out without " + String.join(", ", checked.leftOut())
                    + ".");
        }
        return new Responded(
                run.id(), answer.getInt("status", 200), checked.kept(), answer.getOrDefault("body", JsonValue.NULL));
    }

    /** Whether the future completed (normally or not) within the wait. */
    private boolean await(CompletableFuture<?> future) {
        try {
            future.get(answerWait.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException notYet) {
            return false;
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            return false;
        } catch (ExecutionException failed) {
            return true;
        }
    }

    private static JsonObject visibleHeaders(Map<String, List<String>> headers) {
        JsonObjectBuilder json = JSON.createObjectBuilder();
        headers.forEach((name, values) -> {
            String lowerCase = name.toLowerCase(Locale.ROOT);
            if (!HIDDEN_HEADERS.contains(lowerCase)) {
                json.add(lowerCase, String.join(", ", values));
            }
        });
        return json.build();
    }

    /** A parameter given once is a string, one given more than once an array of them. */
    private static JsonObject query(Map<String, List<String>> query) {
        JsonObjectBuilder json = JSON.createObjectBuilder();
        query.forEach((name, values) -> json.add(
                name,
                values.size() == 1
                        ? JSON.createValue(values.get(0))
                        : JSON.createArrayBuilder(values).build()));
        return json.build();
    }
}
