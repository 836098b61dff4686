package io.orchestrator.workspaces;

import static io.orchestrator.platform.Jsonp.JSON;

import io.orchestrator.platform.RequestBody;
import io.orchestrator.security.TokenJson;
import io.orchestrator.security.TokenResource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * {@code /api/workspaces/}: the workspaces a token may use with its role in each; an admin creates
 * and deletes them; an owner describes one and manages its tokens under {@code {name}/tokens/}.
 * Every method checks its own rule (the workspace is in the path, not a thing the guard looks up).
 */
@ApplicationScoped
@Path("workspaces/")
@Produces(MediaType.APPLICATION_JSON)
@AcrossWorkspaces
public class WorkspaceResource {

    @Inject
    WorkspaceService workspaces;

    @Inject
    WorkspaceTokens tokens;

    @GET
    public JsonArray list() {
        return workspaces.list().build();
    }

    @POST
    public Response create(JsonObject body) {
        return Response.status(Response.Status.CREATED)
                .entity(workspaces.create(RequestBody.of(body)))
                .build();
    }

    @GET
    @Path("{name}/")
    public JsonObject get(@PathParam("name") String name) {
        return workspaces.get(name);
    }

    @PATCH
    @Path("{name}/")
    public JsonObject update(@PathParam("name") String name, JsonObject body) {
        return workspaces.update(name, RequestBody.of(body));
    }

    @DELETE
    @Path("{name}/")
    public Response delete(@PathParam("name") String name) {
        workspaces.delete(name);
        return Response.noContent().build();
    }

    @GET
    @Path("{name}/tokens/")
    public JsonArray tokens(@PathParam("name") String name) {
        JsonArrayBuilder list = JSON.createArrayBuilder();
        tokens.list(name).forEach(token -> list.add(TokenJson.describeIn(token, name)));
        return list.build();
    }

    @POST
    @Path("{name}/tokens/")
    public Response issue(@PathParam("name") String name, JsonObject body) {
        return TokenResource.created(tokens.issue(name, RequestBody.of(body)));
    }

    @PUT
    @Path("{name}/tokens/{id}/")
    public JsonObject changeRole(@PathParam("name") String name, @PathParam("id") String id, JsonObject body) {
        return TokenJson.describeIn(tokens.changeRole(name, id, RequestBody.of(body)), name)
                .build();
    }

    @DELETE
    @Path("{name}/tokens/{id}/")
    public Response remove(@PathParam("name") String name, @PathParam("id") String id) {
        tokens.remove(name, id);
        return Response.noContent().build();
    }
}
