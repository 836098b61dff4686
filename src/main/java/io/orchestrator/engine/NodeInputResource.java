package io.orchestrator.engine;

import static io.orchestrator.platform.Jsonp.JSON;

import io.orchestrator.security.WorkspaceRole;
import io.orchestrator.workspaces.Held;
import io.orchestrator.workspaces.InWorkspace;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/**
 * {@code GET /api/workflow/{id}/nodes/{node_id}/input/}: the input development mode would give the
 * node now. It is the one node endpoint served here rather than by the workflow package's
 * {@code NodeResource}, because it follows the engine's input rule. JAX-RS picks the root resource
 * whose path has the most literal characters, so this class takes this path from that one.
 */
@ApplicationScoped
@Path("workflow/{workflowId}/nodes/{nodeId}/input/")
@Produces(MediaType.APPLICATION_JSON)
public class NodeInputResource {

    @Inject
    DevelopmentMode development;

    @InWorkspace(value = Held.WORKFLOW, param = "workflowId", need = WorkspaceRole.VIEWER)
    @GET
    public JsonObject input(@PathParam("workflowId") String workflowId, @PathParam("nodeId") String nodeId) {
        return JSON.createObjectBuilder()
                .add("input_data", development.inputNow(workflowId, nodeId))
                .build();
    }
}
