package io.orchestrator.engine.webhooks;

import static io.orchestrator.platform.Jsonp.JSON;

import io.orchestrator.engine.GraphSnapshot;
import io.orchestrator.engine.LiveRun;
import io.orchestrator.engine.RunLauncher;
import io.orchestrator.engine.RunStatus;
import io.orchestrator.engine.SnapshotStore;
import io.orchestrator.engine.WorkflowAtVersion;
import io.orchestrator.engine.journal.RunJournal;
import io.orchestrator.platform.ApiException;
import io.orchestrator.platform.BodyReader;
import io.orchestrator.platform.ErrorBody;
import io.orchestrator.platform.ErrorCode;
import io.orchestrator.security.RateLimiter;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.io.InputStream;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * {@code /api/hooks/{path}}: webhook triggers, without a bearer token (the web.xml leaves these
 * paths open). The workflow must be active. Depending on the node's response mode the caller gets
 * 202 with the task id at once (the run is stored first), the output of the node that finished
 * last, or a respond-webhook node's answer; the last two run the graph on the request's thread.
 */
@Path("hooks/{path: .+}")
public class WebhookResource {

    private static final long ANSWER_TIMEOUT_SECONDS = 30;

    @Inject
    WebhookPaths paths;

    @Inject
    SnapshotStore snapshots;

    @Inject
    RunLauncher launcher;

    @Inject
    RunJournal journal;

    @Inject
    BodyReader bodies;

    @Inject
    RateLimiter rateLimiter;

    @Context
    HttpHeaders headers;

    @Context
    UriInfo uri;

    @GET
    public Response get(@PathParam("path") String path, InputStream body) {
        return trigger("GET", path, body);
    }

    @POST
    public Response post(@PathParam("path") String path, InputStream body) {
        return trigger("POST", path, body);
    }

    @PUT
    public Response put(@PathParam("path") String path, InputStream body) {
        return trigger("PUT", path, body);
    }

    @PATCH
    public Response patch(@PathParam("path") String path, InputStream body) {
        return trigger("PATCH", path, body);
    }

    @DELETE
    public Response delete(@PathParam("path") String path, InputStream body) {
        return trigger("DELETE", path, body);
    }

    private Response trigger(String method, String rawPath, InputStream bodyStream) {
        String path = WebhookPaths.normalize(rawPath);
        WebhookPaths.Target target = paths.find(path)
                .orElseThrow(() -> new ApiException(ErrorCode.NOT_FOUND, "No webhook listens on /api/hooks/" + path + "."));
        WorkflowAtVersion workflow = snapshots.current(target.workflowId());
        GraphSnapshot.Node node = workflow.graph().node(target.nodeId());
        if (node == null || !workflow.active()) {
            throw new ApiException(ErrorCode.NOT_FOUND, "The webhook /api/hooks/" + path + " is not listening: its"
                    + " workflow is not active. Activate it with PATCH /api/workflow/" + target.workflowId()
                    + "/ {\"active\": true}.");
        }
        Integer rateLimit = workflow.graph().policy().webhookRateLimit();
        if (rateLimit != null) {
            Response refused = overRateLimit(target.workflowId(), rateLimit);
            if (refused != null) {
                return refused;
            }
        }
        JsonObject form = node.formValues();
        String expectedMethod = form.getString("method", "POST");
        if (!expectedMethod.equals(method)) {
            throw new ApiException(ErrorCode.METHOD_NOT_ALLOWED, "This webhook takes " + expectedMethod + ", not "
                    + method + ".");
        }
        byte[] body = bodies.bytes(bodyStream, headers.getHeaderString(HttpHeaders.CONTENT_LENGTH));
        if (form.get("secret") instanceof JsonString secret && !secret.getString().isEmpty()
                && !WebhookSignature.accepts(secret.getString(), headers.getHeaderString("X-Webhook-Secret"),
                headers.getHeaderString("X-Signature-256"), body)) {
            throw new ApiException(ErrorCode.UNAUTHORIZED, "This webhook needs its secret: send it in X-Webhook-Secret,"
                    + " or sign the body with HMAC-SHA256 in X-Signature-256: sha256=<hex>.");
        }
        JsonObject input = JSON.createObjectBuilder()
                .add("method", method)
                .add("headers", headerObject())
                .add("query", queryObject())
                .add("body", parseBody(body))
                .build();
        String mode = form.getString("response_mode", "on_received");
        if ("on_received".equals(mode)) {
            LiveRun run = launcher.startNow(workflow.graph(), node, "webhook", input, null, null, false);
            journal.durable(run.id()).join();
            return Response.accepted(JSON.createObjectBuilder().add("task_id", run.id())
                    .add("status", RunStatus.STARTED.name()).build()).header("X-Task-Id", run.id()).build();
        }
        LiveRun run = launcher.startNow(workflow.graph(), node, "webhook", input, null, null, true);
        return "respond_node".equals(mode) ? answerFromNode(run) : answerWithLastOutput(run);
    }

    private Response answerWithLastOutput(LiveRun run) {
        CompletableFuture<?> settled = CompletableFuture.anyOf(run.whenFinished().toCompletableFuture(),
                run.whenAnswered().toCompletableFuture());
        if (!await(settled) || !run.status().isFinal()) {
            return stillRunning(run);
        }
        if (run.status() != RunStatus.SUCCESS) {
            throw new ApiException(ErrorCode.RUN_FAILED, "The workflow's run " + run.status().name().toLowerCase(Locale.ROOT)
                    + ": " + run.error(), JSON.createObjectBuilder().add("task_id", run.id()).build());
        }
        return Response.ok(run.lastOutput(), MediaType.APPLICATION_JSON).header("X-Task-Id", run.id()).build();
    }

    private Response answerFromNode(LiveRun run) {
        CompletableFuture<JsonObject> answered = run.whenAnswered().toCompletableFuture();
        if (!await(answered)) {
            return stillRunning(run);
        }
        JsonObject answer = answered.getNow(null);
        if (answer == null) {
            return answerWithLastOutput(run);
        }
        Response.ResponseBuilder response = Response.status(answer.getInt("status", 200)).header("X-Task-Id", run.id());
        if (answer.get("headers") instanceof JsonObject answerHeaders) {
            answerHeaders.forEach((name, value) -> response.header(name,
                    value instanceof JsonString text ? text.getString() : value.toString()));
        }
        JsonValue body = answer.getOrDefault("body", JsonValue.NULL);
        if (body instanceof JsonString text && !(answer.get("headers") instanceof JsonObject h
                && h.keySet().stream().anyMatch(name -> name.equalsIgnoreCase("content-type")))) {
            return response.entity(text.getString()).type(MediaType.TEXT_PLAIN_TYPE.withCharset("UTF-8")).build();
        }
        return response.entity(body).type(MediaType.APPLICATION_JSON_TYPE).build();
    }

    /** The workflow's webhook_rate_limit, counted per minute across its webhooks: 429 with Retry-After past it. */
    private Response overRateLimit(String workflowId, int limit) {
        long now = System.currentTimeMillis();
        RateLimiter.Decision decision = rateLimiter.acquire("webhook:" + workflowId, limit, now);
        if (decision.allowed()) {
            return null;
        }
        Response.ResponseBuilder refused = Response.status(ErrorCode.RATE_LIMITED.status())
                .entity(ErrorBody.of(ErrorCode.RATE_LIMITED, "This workflow accepts " + limit + " webhook calls a minute"
                        + " (setting webhook_rate_limit); retry after the time in Retry-After.", JsonValue.EMPTY_JSON_OBJECT))
                .type(MediaType.APPLICATION_JSON_TYPE);
        decision.headers(now).forEach(refused::header);
        return refused.build();
    }

    private static boolean await(CompletableFuture<?> future) {
        try {
            future.get(ANSWER_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            return true;
        } catch (TimeoutException notYet) {
            return false;
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            return false;
        } catch (ExecutionException impossible) {
            return true;
        }
    }

    private static Response stillRunning(LiveRun run) {
        return Response.accepted(JSON.createObjectBuilder().add("task_id", run.id())
                .add("status", run.status().name()).build()).header("X-Task-Id", run.id()).build();
    }

    /** JSON bodies as JSON (when the content type says so, or they start like JSON), others as text. */
    private JsonValue parseBody(byte[] body) {
        MediaType type = headers.getMediaType();
        return bodies.jsonOrText(body, type != null && type.getSubtype().toLowerCase(Locale.ROOT).contains("json"));
    }

    private JsonObject headerObject() {
        JsonObjectBuilder json = JSON.createObjectBuilder();
        for (Map.Entry<String, List<String>> header : headers.getRequestHeaders().entrySet()) {
            String name = header.getKey().toLowerCase(Locale.ROOT);
            if (!name.equals("authorization") && !name.equals("cookie") && !name.equals("x-webhook-secret")) {
                json.add(name, String.join(", ", header.getValue()));
            }
        }
        return json.build();
    }

    private JsonObject queryObject() {
        JsonObjectBuilder json = JSON.createObjectBuilder();
        uri.getQueryParameters().forEach((name, values) -> json.add(name, values.size() == 1
                ? JSON.createValue(values.get(0)) : JSON.createArrayBuilder(values).build()));
        return json.build();
    }
}
