package io.orchestrator.blocks;

import static io.orchestrator.platform.Jsonp.JSON;

import io.orchestrator.platform.RequestBody;
import io.orchestrator.security.WorkspaceRole;
import io.orchestrator.workspaces.AcrossWorkspaces;
import io.orchestrator.workspaces.Held;
import io.orchestrator.workspaces.InWorkspace;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * {@code /api/blocks/}: prompt blocks. The list is a plain array, as the prompt-block clients this
 * API replaces read it (the total is in {@code X-Total-Count}, as for workflows), and a deletion
 * answers with a message, as theirs did.
 */
@ApplicationScoped
@Path("blocks/")
@Produces(MediaType.APPLICATION_JSON)
public class BlockResource {

    @Inject
    BlockService blocks;

    @AcrossWorkspaces
    @GET
    public Response list(
            @QueryParam("q") String text,
            @QueryParam("tag") String tag,
            @QueryParam("folder") String folder,
            @QueryParam("limit") String limit,
            @QueryParam("offset") String offset) {
        BlockService.Page page = blocks.list(BlockQuery.of(text, tag, folder, limit, offset));
        return Response.ok(page.blocks().build())
                .header("X-Total-Count", page.total())
                .build();
    }

    @AcrossWorkspaces
    @POST
    public Response create(JsonObject body) {
        return Response.status(Response.Status.CREATED)
                .entity(blocks.create(RequestBody.of(body)))
                .build();
    }

    @InWorkspace(value = Held.BLOCK, param = "id", need = WorkspaceRole.VIEWER)
    @GET
    @Path("{id}/")
    public JsonObject get(@PathParam("id") String id) {
        return blocks.get(id);
    }

    @InWorkspace(value = Held.BLOCK, param = "id", need = WorkspaceRole.EDITOR)
    @PUT
    @Path("{id}/")
    public JsonObject replace(@PathParam("id") String id, JsonObject body) {
        return blocks.update(id, RequestBody.of(body), false);
    }

    @InWorkspace(value = Held.BLOCK, param = "id", need = WorkspaceRole.EDITOR)
    @PATCH
    @Path("{id}/")
    public JsonObject patch(@PathParam("id") String id, JsonObject body) {
        return blocks.update(id, RequestBody.of(body), true);
    }

    @InWorkspace(value = Held.BLOCK, param = "id", need = WorkspaceRole.EDITOR)
    @DELETE
    @Path("{id}/")
    public JsonObject delete(@PathParam("id") String id) {
        blocks.delete(id);
        return JSON.createObjectBuilder()
                .add("message", "Block deleted successfully")
                .add("id", id)
                .build();
    }
}
