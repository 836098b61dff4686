package io.orchestrator.engine;

import static io.orchestrator.platform.Jsonp.JSON;

import io.orchestrator.engine.journal.RunRow;
import io.orchestrator.platform.ApiException;
import io.orchestrator.platform.ErrorCode;
import io.orchestrator.platform.OptionalBody;
import io.orchestrator.platform.RequestBody;
import io.orchestrator.security.WorkspaceRole;
import io.orchestrator.workspaces.Held;
import io.orchestrator.workspaces.InWorkspace;
import io.orchestrator.workspaces.WorkspaceAccess;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Optional;

/**
 * A workflow's runs under the names the API has always given them: production mode (start, stop,
 * status of the latest run) and development mode (one node at a time).
 *
 * <p>The operations are named in the class's path, not in method paths: JAX-RS picks one root
 * class per request, and a root of plain {@code workflow/{workflowId}/} would take every
 * {@code /api/workflow/{id}/} request away from the workflow resource.
 */
@ApplicationScoped
@Path("workflow/{workflowId}/{operation: start_execution|stop_execution|task_status|execute_and_save_node}/")
@Produces(MediaType.APPLICATION_JSON)
public class ExecutionResource {

    @Inject
    RunLauncher launcher;

    @Inject
    RunControl control;

    @Inject
    DevelopmentMode development;

    /** GET starts and stops runs too (seed 004's clients do): those need more than the viewer the guard checks. */
    @Inject
    WorkspaceAccess access;

    @InWorkspace(value = Held.WORKFLOW, param = "workflowId", need = WorkspaceRole.VIEWER)
    @GET
    public JsonObject get(@PathParam("workflowId") String workflowId, @PathParam("operation") String operation) {
        return switch (operation) {
            case "start_execution" -> {
                access.require(WorkspaceRole.EDITOR, Held.WORKFLOW, workflowId);
                yield task(launcher.enqueue(workflowId, JsonValue.EMPTY_JSON_OBJECT, null));
            }
            case "stop_execution" -> {
                access.require(WorkspaceRole.EDITOR, Held.WORKFLOW, workflowId);
                yield task(control.stopLatest(workflowId));
            }
            case "task_status" -> status(workflowId);
            default -> throw new ApiException(ErrorCode.METHOD_NOT_ALLOWED, "Use POST for " + operation + ".");
        };
    }

    @InWorkspace(value = Held.WORKFLOW, param = "workflowId", need = WorkspaceRole.EDITOR)
    @POST
    public Response post(
            @PathParam("workflowId") String workflowId,
            @PathParam("operation") String operation,
            @OptionalBody JsonValue body) {
        return switch (operation) {
            case "start_execution" -> Response.ok(start(workflowId, body)).build();
            case "execute_and_save_node" ->
                developmentAnswer(development.execute(workflowId, developmentRequest(object(body))));
            default -> throw new ApiException(ErrorCode.METHOD_NOT_ALLOWED, "Use GET for " + operation + ".");
        };
    }

    /** The node's answer, with the response cache's headers when the node says how its cache did. */
    private static Response developmentAnswer(JsonObject answer) {
        Response.ResponseBuilder response = Response.ok(answer);
        CacheHeaders.of(answer.get("output")).forEach(response::header);
        return response.build();
    }

    /**
     * The body is the run's input, or {@code {"input": {...}, "session_id": "...", "mode": "..."}}; it
     * may be empty. {@code mode}: {@code production} (the default) or {@code development}, a run from
     * the editor that takes pinned nodes' pinned outputs instead of executing them.
     */
    private JsonObject start(String workflowId, JsonValue body) {
        JsonValue input = JsonValue.EMPTY_JSON_OBJECT;
        String sessionId = null;
        TriggerType trigger = TriggerType.MANUAL;
        if (body instanceof JsonObject object) {
            RequestBody request = RequestBody.of(object);
            if (object.containsKey("input") || object.containsKey("session_id") || object.containsKey("mode")) {
                input = object.getOrDefault("input", JsonValue.EMPTY_JSON_OBJECT);
                sessionId = request.text("session_id", 64).orElse(null);
                String mode = request.text("mode", 20).orElse("production");
                if (!mode.equals("production") && !mode.equals("development")) {
                    request.errors().add("mode", "One of: production, development.");
                }
                trigger = mode.equals("development") ? TriggerType.DEVELOPMENT : TriggerType.MANUAL;
                request.validate();
            } else {
                input = object;
            }
        } else if (body != JsonValue.NULL) {
            throw ApiException.invalidRequest("The body must be a JSON object: the run's input.");
        }
        return task(launcher.enqueue(workflowId, input, sessionId, trigger));
    }

    /** {@code {node_id, form_values?, input_data?, session_id?}}; an input_data of null is the input null. */
    private static DevelopmentRequest developmentRequest(JsonObject json) {
        RequestBody body = RequestBody.of(json);
        String nodeId = body.requiredText("node_id", 36);
        Optional<JsonObject> formValues = body.object("form_values");
        Optional<String> sessionId =
                body.text("session_id", 64).map(String::trim).filter(id -> !id.isEmpty());
        body.validate();
        return new DevelopmentRequest(nodeId, formValues, Optional.ofNullable(json.get("input_data")), sessionId);
    }

    private JsonObject status(String workflowId) {
        RunRow latest = control.latest(workflowId);
        var json = JSON.createObjectBuilder()
                .add("task_id", latest.id())
                .add("status", latest.status().name());
        if (latest.error() != null) {
            json.add("error", latest.error());
        }
        return json.build();
    }

    private static JsonObject object(JsonValue body) {
        if (body instanceof JsonObject object) {
            return object;
        }
        throw ApiException.invalidRequest(
                body == JsonValue.NULL
                        ? "The request body is empty; send a JSON object"
                        : "The body must be a JSON object.");
    }

    private static JsonObject task(RunRow run) {
        return JSON.createObjectBuilder()
                .add("task_id", run.id())
                .add("status", run.status().name())
                .build();
    }
}
