package io.orchestrator.engine.webhooks;

import static io.orchestrator.platform.Jsonp.JSON;

import io.orchestrator.engine.RunStatus;
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
import io.orchestrator.platform.ErrorBody;
import io.orchestrator.platform.ErrorCode;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * Each answer of the {@link WebhookTrigger} as the HTTP response the API promises for it. Callers
 * have no token and may be anyone: a refusal or a failure tells them what they may change, never
 * the server's ids, whether an inactive webhook exists, or what went wrong inside a run (that is
 * in the run's history, for those with a token).
 */
final class WebhookResponses implements WebhookAnswer.Cases<Response> {

    static final WebhookResponses INSTANCE = new WebhookResponses();

    private static final String TASK_ID = "X-Task-Id";

    private WebhookResponses() {}

    /** The answer's response with the caller's X-RateLimit-* headers (a refusal by the workflow's limit has its own). */
    static Response of(WebhookTrigger.Reply reply) {
        Response response = reply.answer().map(INSTANCE);
        if (response.getHeaders().containsKey("X-RateLimit-Limit")) {
            return response;
        }
        Response.ResponseBuilder withLimit = Response.fromResponse(response);
        reply.callerLimit().headers(reply.decidedAtMillis()).forEach(withLimit::header);
        return withLimit.build();
    }

    @Override
    public Response notFound(NotFound answer) {
        return error(ErrorCode.NOT_FOUND, "No webhook listens on /api/hooks/" + answer.path() + ".")
                .build();
    }

    /** As if no webhook listened: a stranger learns nothing of an inactive workflow. */
    @Override
    public Response notListening(NotListening answer) {
        return notFound(new NotFound(answer.path()));
    }

    @Override
    public Response rateLimited(RateLimited answer) {
        String whose = answer.scope() == RateLimited.Scope.CALLER
                ? "This server accepts " + answer.decision().limit() + " webhook calls a minute from one address"
                : "This workflow accepts " + answer.decision().limit()
                        + " webhook calls a minute (setting webhook_rate_limit)";
        Response.ResponseBuilder response =
                error(ErrorCode.RATE_LIMITED, whose + "; retry after the time in Retry-After.");
        answer.decision().headers(answer.decidedAtMillis()).forEach(response::header);
        return response.build();
    }

    @Override
    public Response methodNotAllowed(MethodNotAllowed answer) {
        return error(
                        ErrorCode.METHOD_NOT_ALLOWED,
                        "This webhook takes " + answer.expected() + ", not " + answer.given() + ".")
                .header("Allow", answer.expected())
                .build();
    }

    @Override
    public Response unauthorized(Unauthorized answer) {
        return error(ErrorCode.UNAUTHORIZED, answer.reason()).build();
    }

    @Override
    public Response accepted(Accepted answer) {
        return taskId(answer.taskId(), RunStatus.STARTED);
    }

    @Override
    public Response stillRunning(StillRunning answer) {
        return taskId(answer.taskId(), answer.status());
    }

    @Override
    public Response output(Output answer) {
        return Response.ok(answer.output(), MediaType.APPLICATION_JSON)
                .header(TASK_ID, answer.taskId())
                .build();
    }

    /** A text body goes as text unless the node set a content type of its own; anything else as JSON. */
    @Override
    public Response responded(Responded answer) {
        Response.ResponseBuilder response = Response.status(answer.status()).header(TASK_ID, answer.taskId());
        answer.headers().forEach(response::header);
        boolean typeSet = answer.headers().keySet().stream().anyMatch(name -> name.equalsIgnoreCase("Content-Type"));
        if (answer.body() instanceof JsonString text && !typeSet) {
            return response.entity(text.getString())
                    .type(MediaType.TEXT_PLAIN_TYPE.withCharset("UTF-8"))
                    .build();
        }
        return response.entity(answer.body())
                .type(MediaType.APPLICATION_JSON_TYPE)
                .build();
    }

    /** Only that it did not succeed: the run's id and its error (which may quote an exception) stay inside. */
    @Override
    public Response runFailed(RunFailed answer) {
        String ended = answer.status() == RunStatus.REVOKED ? "was stopped" : "failed";
        return error(ErrorCode.RUN_FAILED, "The workflow's run " + ended + " before it answered.")
                .build();
    }

    private static Response taskId(String taskId, RunStatus status) {
        return Response.accepted(JSON.createObjectBuilder()
                        .add("task_id", taskId)
                        .add("status", status.name())
                        .build())
                .header(TASK_ID, taskId)
                .build();
    }

    private static Response.ResponseBuilder error(ErrorCode code, String message) {
        return error(code, message, JsonValue.EMPTY_JSON_OBJECT);
    }

    private static Response.ResponseBuilder error(ErrorCode code, String message, JsonObject details) {
        return Response.status(code.status())
                .type(MediaType.APPLICATION_JSON_TYPE)
                .entity(ErrorBody.of(code, message, details));
    }
}
