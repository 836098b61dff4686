package io.orchestrator.connections;

import io.orchestrator.platform.ApiException;
import io.orchestrator.security.WorkspaceRole;
import io.orchestrator.workflow.QueryParams;
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
import java.util.Locale;

/** {@code /api/connections/}: named settings for outside systems; secrets are never answered in clear. */
@ApplicationScoped
@Path("connections/")
@Produces(MediaType.APPLICATION_JSON)
public class ConnectionResource {

    static final int DEFAULT_PAGE = 100;
    static final int MAX_PAGE = 500;

    @Inject
    ConnectionService connections;

    /** A plain array, as the workflow list is; the total is in {@code X-Total-Count}. */
    @AcrossWorkspaces
    @GET
    public Response list(
            @QueryParam("limit") String limit, @QueryParam("offset") String offset, @QueryParam("kind") String kind) {
        int pageSize = QueryParams.intParam("limit", limit, DEFAULT_PAGE, 1, MAX_PAGE);
        int skip = QueryParams.intParam("offset", offset, 0, 0, Integer.MAX_VALUE);
        ConnectionKind only = kind == null || kind.isBlank()
                ? null
                : ConnectionKind.named(kind.trim().toLowerCase(Locale.ROOT))
                        .orElseThrow(() ->
                                ApiException.invalidRequest("kind must be one of: " + ConnectionRequest.kindNames()));
        ConnectionService.Page page = connections.list(only, pageSize, skip);
        return Response.ok(page.connections().build())
                .header("X-Total-Count", page.total())
                .build();
    }

    @AcrossWorkspaces
    @POST
    public Response create(JsonObject body) {
        return Response.status(Response.Status.CREATED)
                .entity(connections.create(body))
                .build();
    }

    @InWorkspace(value = Held.CONNECTION, param = "id", need = WorkspaceRole.VIEWER)
    @GET
    @Path("{id}/")
    public JsonObject get(@PathParam("id") String id) {
        return connections.get(id);
    }

    @InWorkspace(value = Held.CONNECTION, param = "id", need = WorkspaceRole.OWNER)
    @PUT
    @Path("{id}/")
    public JsonObject replace(@PathParam("id") String id, JsonObject body) {
        return connections.update(id, body, false);
    }

    @InWorkspace(value = Held.CONNECTION, param = "id", need = WorkspaceRole.OWNER)
    @PATCH
    @Path("{id}/")
    public JsonObject patch(@PathParam("id") String id, JsonObject body) {
        return connections.update(id, body, true);
    }

    @InWorkspace(value = Held.CONNECTION, param = "id", need = WorkspaceRole.OWNER)
    @DELETE
    @Path("{id}/")
    public Response delete(@PathParam("id") String id) {
        connections.delete(id);
        return Response.noContent().build();
    }
}
