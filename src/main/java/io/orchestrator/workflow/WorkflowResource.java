package io.orchestrator.workflow;

import io.orchestrator.platform.ApiException;
import io.orchestrator.platform.RequestBody;
import io.orchestrator.platform.yaml.ExportFormat;
import io.orchestrator.security.WorkspaceRole;
import io.orchestrator.workspaces.AcrossWorkspaces;
import io.orchestrator.workspaces.Held;
import io.orchestrator.workspaces.InWorkspace;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.InputStream;

/** {@code /api/workflow/}: workflows and their whole canvas. */
@ApplicationScoped
@Path("workflow/")
@Produces(MediaType.APPLICATION_JSON)
public class WorkflowResource {

    static final int DEFAULT_PAGE = 100;
    static final int MAX_PAGE = 500;

    @Inject
    WorkflowService workflows;

    @Inject
    CanvasService canvas;

    @Inject
    CanvasReplacement replacement;

    @Inject
    WorkflowFiles files;

    @Inject
    WorkflowFileBody fileBody;

    /** A plain array, which the API's existing clients read; the total is in {@code X-Total-Count}. */
    @GET
    @AcrossWorkspaces
    public Response list(
            @QueryParam("limit") String limit,
            @QueryParam("offset") String offset,
            @QueryParam("search") String search,
            @QueryParam("workspace") String workspace) {
        int pageSize = QueryParams.intParam("limit", limit, DEFAULT_PAGE, 1, MAX_PAGE);
        int skip = QueryParams.intParam("offset", offset, 0, 0, Integer.MAX_VALUE);
        String term = search == null || search.isBlank() ? null : search.trim();
        if (term != null && term.length() > 200) {
            throw ApiException.invalidRequest("search must be at most 200 characters");
        }
        if (workspace != null && workspace.length() > 64) {
            throw ApiException.invalidRequest("workspace must be at most 64 characters");
        }
        WorkflowService.Page page = workflows.list(term, workspace, pageSize, skip);
        return Response.ok(page.workflows().build())
                .header("X-Total-Count", page.total())
                .build();
    }

    @POST
    @AcrossWorkspaces
    public Response create(JsonObject body) {
        return Response.status(Response.Status.CREATED)
                .entity(workflows.create(RequestBody.of(body)))
                .build();
    }

    @InWorkspace(value = Held.WORKFLOW, param = "id", need = WorkspaceRole.VIEWER)
    @GET
    @Path("{id}/")
    public JsonObject get(@PathParam("id") String id) {
        return workflows.get(id);
    }

    @InWorkspace(value = Held.WORKFLOW, param = "id", need = WorkspaceRole.EDITOR)
    @PUT
    @Path("{id}/")
    public JsonObject replace(@PathParam("id") String id, JsonObject body) {
        return workflows.update(id, RequestBody.of(body), false);
    }

    @InWorkspace(value = Held.WORKFLOW, param = "id", need = WorkspaceRole.EDITOR)
    @PATCH
    @Path("{id}/")
    public JsonObject patch(@PathParam("id") String id, JsonObject body) {
        return workflows.update(id, RequestBody.of(body), true);
    }

    @InWorkspace(value = Held.WORKFLOW, param = "id", need = WorkspaceRole.EDITOR)
    @DELETE
    @Path("{id}/")
    public Response delete(@PathParam("id") String id) {
        workflows.delete(id);
        return Response.noContent().build();
    }

    @InWorkspace(value = Held.WORKFLOW, param = "id", need = WorkspaceRole.VIEWER)
    @GET
    @Path("{id}/canvas_data/")
    public JsonObject canvas(@PathParam("id") String id) {
        return canvas.canvas(id);
    }

    @InWorkspace(value = Held.WORKFLOW, param = "id", need = WorkspaceRole.EDITOR)
    @PUT
    @Path("{id}/canvas_data/")
    public JsonObject replaceCanvas(@PathParam("id") String id, JsonObject body) {
        return replacement.replace(id, RequestBody.of(body).json());
    }

    /** The workflow as a file to keep or share: {@code format=json} (the default) or {@code yaml}; no secrets. */
    @InWorkspace(value = Held.WORKFLOW, param = "id", need = WorkspaceRole.VIEWER)
    @GET
    @Path("{id}/export/")
    @Produces({MediaType.APPLICATION_JSON, "application/yaml"})
    public Response export(@PathParam("id") String id, @QueryParam("format") String format) {
        ExportFormat as = ExportFormat.named(format);
        JsonObject document = files.export(id);
        return Response.ok(as.render(document), as.mediaType() + ";charset=UTF-8")
                .header("Content-Disposition", "attachment; filename=\"" + as.fileName("workflow-" + id) + "\"")
                .build();
    }

    /** A workflow file (JSON or YAML, this server's export or a WriteIt pipeline) as a new workflow. */
    @POST
    @Path("import/")
    @AcrossWorkspaces
    @Consumes(MediaType.WILDCARD)
    public Response importFile(
            @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType,
            @HeaderParam(HttpHeaders.CONTENT_LENGTH) String contentLength,
            @QueryParam("workspace") String workspace,
            InputStream body) {
        JsonObject created = files.importDocument(fileBody.read(contentType, contentLength, body), workspace);
        return Response.status(Response.Status.CREATED).entity(created).build();
    }
}
