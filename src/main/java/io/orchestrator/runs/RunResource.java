package io.orchestrator.runs;

import static io.orchestrator.platform.Jsonp.JSON;

import io.orchestrator.engine.LiveRun;
import io.orchestrator.engine.RunLauncher;
import io.orchestrator.engine.RunSteering;
import io.orchestrator.platform.ApiException;
import io.orchestrator.platform.OptionalBody;
import io.orchestrator.platform.RequestBody;
import io.orchestrator.platform.Timestamps;
import io.orchestrator.platform.yaml.ExportFormat;
import io.orchestrator.security.WorkspaceRole;
import io.orchestrator.workspaces.AcrossWorkspaces;
import io.orchestrator.workspaces.Held;
import io.orchestrator.workspaces.InWorkspace;
import io.orchestrator.workspaces.WorkspaceAccess;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;

/** {@code /api/runs/}: the runs of every workflow, their history, and what can be done with a finished run. */
@ApplicationScoped
@Path("runs/")
@Produces(MediaType.APPLICATION_JSON)
public class RunResource {

    @Inject
    RunService runs;

    @Inject
    RunDeletion deletion;

    @Inject
    RunLauncher launcher;

    @Inject
    RunSteering steering;

    @Inject
    WorkspaceAccess access;

    @AcrossWorkspaces
    @GET
    public JsonObject list(
            @QueryParam("workflow_id") String workflowId,
            @QueryParam("status") String status,
            @QueryParam("since") String since,
            @QueryParam("until") String until,
            @QueryParam("cursor") String cursor,
            @QueryParam("limit") String limit,
            @QueryParam("offset") String offset) {
        return runs.list(RunQuery.of(workflowId, status, since, until, cursor, limit, offset)
                .within(access.visible().orElse(null)));
    }

    @InWorkspace(value = Held.RUN, param = "taskId", need = WorkspaceRole.VIEWER)
    @GET
    @Path("{taskId}/")
    public JsonObject get(@PathParam("taskId") String taskId) {
        return runs.detail(taskId);
    }

    @InWorkspace(value = Held.RUN, param = "taskId", need = WorkspaceRole.EDITOR)
    @DELETE
    @Path("{taskId}/")
    public Response delete(@PathParam("taskId") String taskId) {
        deletion.delete(taskId);
        return Response.noContent().build();
    }

    /** Runs a finished run again from a node, in the same run; what came before the node is kept. */
    @InWorkspace(value = Held.RUN, param = "taskId", need = WorkspaceRole.EDITOR)
    @POST
    @Path("{taskId}/rewind/")
    public Response rewind(@PathParam("taskId") String taskId, JsonObject body) {
        LiveRun run = launcher.rewind(taskId, nodeId(body));
        return accepted(JSON.createObjectBuilder()
                .add("task_id", run.id())
                .add("status", run.status().name()));
    }

    /** A new run that starts from a node of a finished one, with what came before it copied over. */
    @InWorkspace(value = Held.RUN, param = "taskId", need = WorkspaceRole.EDITOR)
    @POST
    @Path("{taskId}/fork/")
    public Response fork(@PathParam("taskId") String taskId, JsonObject body) {
        LiveRun run = launcher.fork(taskId, nodeId(body));
        return accepted(JSON.createObjectBuilder()
                .add("task_id", run.id())
                .add("status", run.status().name())
                .add("parent_run_id", taskId));
    }

    /** Pauses a run under way: nodes under way finish, nothing new starts until it is resumed. */
    @InWorkspace(value = Held.RUN, param = "taskId", need = WorkspaceRole.EDITOR)
    @POST
    @Path("{taskId}/pause/")
    public JsonObject pause(@PathParam("taskId") String taskId) {
        return steering.pause(taskId);
    }

    /** Answers a node waiting for a person ({@code node_id, action, ...}), or without a node_id resumes a paused run. */
    @InWorkspace(value = Held.RUN, param = "taskId", need = WorkspaceRole.EDITOR)
    @POST
    @Path("{taskId}/resume/")
    public JsonObject resume(@PathParam("taskId") String taskId, @OptionalBody JsonValue body) {
        if (body != JsonValue.NULL && !(body instanceof JsonObject)) {
            throw ApiException.invalidRequest("The request body must be a JSON object");
        }
        return steering.resume(taskId, body instanceof JsonObject object ? object : null);
    }

    /** The run's llm candidates as stored (prompt sent, raw output, tokens, time, cost), of one node with {@code node_id}. */
    @InWorkspace(value = Held.RUN, param = "taskId", need = WorkspaceRole.VIEWER)
    @GET
    @Path("{taskId}/llm_responses/")
    public JsonObject llmResponses(@PathParam("taskId") String taskId, @QueryParam("node_id") String nodeId) {
        return runs.llmResponses(taskId, nodeId);
    }

    /** The run with its whole history, llm prompts and answers included, as a file: {@code format=json} (the default) or {@code yaml}. */
    @InWorkspace(value = Held.RUN, param = "taskId", need = WorkspaceRole.VIEWER)
    @GET
    @Path("{taskId}/export/")
    @Produces({MediaType.APPLICATION_JSON, "application/yaml"})
    public Response export(@PathParam("taskId") String taskId, @QueryParam("format") String format) {
        ExportFormat as = ExportFormat.named(format);
        JsonObject document = JSON.createObjectBuilder(runs.export(taskId))
                .add("exported_at", Timestamps.json(Instant.now()))
                .build();
        return Response.ok(as.render(document), as.mediaType() + ";charset=UTF-8")
                .header("Content-Disposition", "attachment; filename=\"" + as.fileName("run-" + taskId) + "\"")
                .build();
    }

    private static String nodeId(JsonObject body) {
        RequestBody request = RequestBody.of(body);
        String nodeId = request.requiredText("node_id", 36);
        request.validate();
        return nodeId;
    }

    /** 202: the run goes on in the background; its progress is at {@code GET /api/runs/{task_id}/}. */
    private static Response accepted(jakarta.json.JsonObjectBuilder answer) {
        return Response.accepted(answer.build()).build();
    }
}
