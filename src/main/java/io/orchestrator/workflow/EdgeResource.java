package io.orchestrator.workflow;

import io.orchestrator.platform.RequestBody;
import io.orchestrator.security.WorkspaceRole;
import io.orchestrator.workspaces.Held;
import io.orchestrator.workspaces.InWorkspace;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** {@code /api/workflow/{id}/edges/}: connecting and disconnecting nodes. */
@ApplicationScoped
@Path("workflow/{workflowId}/edges/")
@Produces(MediaType.APPLICATION_JSON)
public class EdgeResource {

    @Inject
    CanvasService canvas;

    @InWorkspace(value = Held.WORKFLOW, param = "workflowId", need = WorkspaceRole.EDITOR)
    @POST
    @Path("add/")
    public Response add(@PathParam("workflowId") String workflowId, JsonObject json) {
        RequestBody body = RequestBody.of(json);
        WorkflowGraph.Edge edge = EdgeRequest.read(body);
        body.validate();
        WorkflowGraph.Edge fresh =
                new WorkflowGraph.Edge(null, edge.source(), edge.sourceHandle(), edge.target(), edge.targetHandle());
        return Response.status(Response.Status.CREATED)
                .entity(canvas.addEdge(workflowId, fresh))
                .build();
    }

    @InWorkspace(value = Held.WORKFLOW, param = "workflowId", need = WorkspaceRole.EDITOR)
    @DELETE
    @Path("{edgeId}/remove/")
    public JsonObject remove(@PathParam("workflowId") String workflowId, @PathParam("edgeId") String edgeId) {
        return canvas.removeEdge(workflowId, edgeId);
    }
}
