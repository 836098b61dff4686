package io.orchestrator.workflow;

import static io.orchestrator.platform.Jsonp.JSON;

import io.orchestrator.platform.RequestBody;
import io.orchestrator.security.WorkspaceRole;
import io.orchestrator.workspaces.Held;
import io.orchestrator.workspaces.InWorkspace;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** {@code /api/workflow/{id}/notes/}: the canvas's sticky notes, one at a time. */
@ApplicationScoped
@Path("workflow/{workflowId}/notes/")
@Produces(MediaType.APPLICATION_JSON)
public class NoteResource {

    @Inject
    NoteService notes;

    @InWorkspace(value = Held.WORKFLOW, param = "workflowId", need = WorkspaceRole.VIEWER)
    @GET
    public JsonObject list(@PathParam("workflowId") String workflowId) {
        return JSON.createObjectBuilder()
                .add("notes", NoteJson.list(notes.notes(workflowId)))
                .build();
    }

    @InWorkspace(value = Held.WORKFLOW, param = "workflowId", need = WorkspaceRole.EDITOR)
    @POST
    public Response add(@PathParam("workflowId") String workflowId, JsonObject json) {
        RequestBody body = RequestBody.of(json);
        NoteChanges changes = NoteChanges.read(body);
        body.validate();
        return Response.status(Response.Status.CREATED)
                .entity(notes.add(workflowId, changes))
                .build();
    }

    @InWorkspace(value = Held.WORKFLOW, param = "workflowId", need = WorkspaceRole.EDITOR)
    @PATCH
    @Path("{noteId}/")
    public JsonObject update(
            @PathParam("workflowId") String workflowId, @PathParam("noteId") String noteId, JsonObject json) {
        RequestBody body = RequestBody.of(json);
        NoteChanges changes = NoteChanges.read(body);
        body.validate();
        return notes.update(workflowId, noteId, changes);
    }

    @InWorkspace(value = Held.WORKFLOW, param = "workflowId", need = WorkspaceRole.EDITOR)
    @DELETE
    @Path("{noteId}/")
    public JsonObject remove(@PathParam("workflowId") String workflowId, @PathParam("noteId") String noteId) {
        return notes.remove(workflowId, noteId);
    }
}
