package io.orchestrator.workflow;

import static io.orchestrator.platform.Jsonp.JSON;

import io.orchestrator.platform.ApiException;
import io.orchestrator.platform.OptionalBody;
import io.orchestrator.platform.RequestBody;
import io.orchestrator.security.WorkspaceRole;
import io.orchestrator.workspaces.Held;
import io.orchestrator.workspaces.InWorkspace;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Optional;

/**
 * {@code /api/workflow/{id}/nodes/}: one node at a time, as the canvas edits them. A node's
 * {@code input/} is answered by the engine's {@code NodeInputResource}: it follows the engine's
 * input rule, which this package does not know.
 */
@ApplicationScoped
@Path("workflow/{workflowId}/nodes/")
@Produces(MediaType.APPLICATION_JSON)
public class NodeResource {

    @Inject
    CanvasService canvas;

    @Inject
    NodePins pins;

    @InWorkspace(value = Held.WORKFLOW, param = "workflowId", need = WorkspaceRole.EDITOR)
    @POST
    @Path("add/")
    public Response add(@PathParam("workflowId") String workflowId, JsonObject json) {
        RequestBody body = RequestBody.of(json);
        String type = body.text("nodeTemplate", 100)
                .or(() -> body.text("node_type", 100))
                .orElse(null);
        if (type == null && body.errors().isEmpty()) {
            body.errors().add("nodeTemplate", "This field is required: the key of a node type from GET /api/nodes/.");
        }
        NodeChanges changes = NodeChanges.read(body);
        body.validate();
        return Response.status(Response.Status.CREATED)
                .entity(canvas.addNode(workflowId, type, changes))
                .build();
    }

    @InWorkspace(value = Held.WORKFLOW, param = "workflowId", need = WorkspaceRole.VIEWER)
    @GET
    @Path("{nodeId}/")
    public JsonObject get(@PathParam("workflowId") String workflowId, @PathParam("nodeId") String nodeId) {
        return canvas.node(workflowId, nodeId);
    }

    @InWorkspace(value = Held.WORKFLOW, param = "workflowId", need = WorkspaceRole.EDITOR)
    @PATCH
    @Path("{nodeId}/")
    public JsonObject update(
            @PathParam("workflowId") String workflowId, @PathParam("nodeId") String nodeId, JsonObject json) {
        RequestBody body = RequestBody.of(json);
        NodeChanges changes = NodeChanges.read(body);
        body.validate();
        return canvas.updateNode(workflowId, nodeId, changes);
    }

    @InWorkspace(value = Held.WORKFLOW, param = "workflowId", need = WorkspaceRole.EDITOR)
    @PATCH
    @Path("{nodeId}/position/")
    public JsonObject move(
            @PathParam("workflowId") String workflowId, @PathParam("nodeId") String nodeId, JsonObject json) {
        RequestBody body = RequestBody.of(json);
        var position = body.object("position").flatMap(value -> NodeChanges.readPosition(value, body));
        if (position.isEmpty() && body.errors().isEmpty()) {
            body.errors().add("position", "This field is required: {\"x\": number, \"y\": number}.");
        }
        body.validate();
        return canvas.moveNode(workflowId, nodeId, position.get());
    }

    @InWorkspace(value = Held.WORKFLOW, param = "workflowId", need = WorkspaceRole.VIEWER)
    @GET
    @Path("{nodeId}/output/")
    public JsonObject output(@PathParam("workflowId") String workflowId, @PathParam("nodeId") String nodeId) {
        return JSON.createObjectBuilder()
                .add("output_data", canvas.nodeOutput(workflowId, nodeId))
                .build();
    }

    /** {@code {output?, route?}}: without an output, the node's last one; the route defaults to {@code default}. */
    @InWorkspace(value = Held.WORKFLOW, param = "workflowId", need = WorkspaceRole.EDITOR)
    @POST
    @Path("{nodeId}/pin/")
    public JsonObject pin(
            @PathParam("workflowId") String workflowId,
            @PathParam("nodeId") String nodeId,
            @OptionalBody JsonValue json) {
        if (!(json instanceof JsonObject object) && json != JsonValue.NULL) {
            throw ApiException.invalidRequest("The body must be a JSON object: {\"output\": ..., \"route\": ...}.");
        }
        RequestBody body = RequestBody.of(json instanceof JsonObject object ? object : JsonValue.EMPTY_JSON_OBJECT);
        Optional<String> route = body.text("route", 100);
        body.validate();
        return pins.pin(workflowId, nodeId, Optional.ofNullable(body.json().get("output")), route);
    }

    @InWorkspace(value = Held.WORKFLOW, param = "workflowId", need = WorkspaceRole.EDITOR)
    @DELETE
    @Path("{nodeId}/pin/")
    public JsonObject unpin(@PathParam("workflowId") String workflowId, @PathParam("nodeId") String nodeId) {
        return pins.unpin(workflowId, nodeId);
    }

    @InWorkspace(value = Held.WORKFLOW, param = "workflowId", need = WorkspaceRole.EDITOR)
    @DELETE
    @Path("{nodeId}/remove/")
    public JsonObject remove(@PathParam("workflowId") String workflowId, @PathParam("nodeId") String nodeId) {
        return canvas.removeNode(workflowId, nodeId);
    }
}
