package io.orchestrator.security;

import static io.orchestrator.platform.Jsonp.JSON;

import io.orchestrator.platform.FieldErrors;
import io.orchestrator.platform.RequestBody;
import io.orchestrator.workspaces.AcrossWorkspaces;
import io.orchestrator.workspaces.Workspace;
import io.orchestrator.workspaces.WorkspaceRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * {@code /api/tokens/}: admin only, but for {@code self/}, which any token reads about itself. The
 * secret of a token appears once, in the creation answer. Owners manage their workspace's tokens
 * under {@code /api/workspaces/{name}/tokens/}.
 */
@ApplicationScoped
@Path("tokens/")
@Produces(MediaType.APPLICATION_JSON)
public class TokenResource {

    @Inject
    TokenService tokens;

    @Inject
    CurrentCaller caller;

    @Inject
    WorkspaceRepository workspaces;

    @GET
    public JsonArray list() {
        JsonArrayBuilder list = JSON.createArrayBuilder();
        tokens.list().forEach(token -> list.add(TokenJson.describe(token)));
        return list.build();
    }

    /** The calling token: its role and its workspaces, for a client deciding what to offer. */
    @GET
    @Path("self/")
    @AcrossWorkspaces
    public JsonObject self() {
        Caller self = caller.get();
        return JSON.createObjectBuilder()
                .add("id", self.tokenId())
                .add("name", self.tokenName())
                .add("role", self.role().apiName())
                .add("workspaces", TokenJson.workspaces(self.workspaces()))
                .build();
    }

    /**
     * A user token without {@code workspaces} is an editor of {@code default}, as every user token
     * was before workspaces existed; {@code "workspaces": {}} makes one that sees nothing until granted.
     */
    @POST
    public Response create(JsonObject json) {
        RequestBody body = RequestBody.of(json);
        TokenRequest request = TokenRequest.read(body);
        TokenRole role = body.text("role", 20)
                .map(value -> TokenRole.fromApiName(value).orElseGet(() -> {
                    body.errors().add("role", "Must be one of: admin, user.");
                    return null;
                }))
                .orElse(TokenRole.USER);
        Map<String, WorkspaceRole> grants = grants(body, role);
        body.validate();

        TokenService.IssuedToken issued = tokens.issue(request, role, grants);
        return created(issued);
    }

    @DELETE
    @Path("{id}/")
    public Response revoke(@PathParam("id") String id) {
        tokens.revoke(id);
        return Response.noContent().build();
    }

    /** The creation answer: the token as listed, plus its secret, shown this once. */
    public static Response created(TokenService.IssuedToken issued) {
        JsonObject answer = JSON.createObjectBuilder(
                        TokenJson.describe(issued.token()).build())
                .add("token", issued.secret())
                .build();
        return Response.status(Response.Status.CREATED).entity(answer).build();
    }

    private Map<String, WorkspaceRole> grants(RequestBody body, TokenRole role) {
        if (!body.has("workspaces")) {
            return role == TokenRole.USER ? Map.of(Workspace.DEFAULT, WorkspaceRole.EDITOR) : Map.of();
        }
        FieldErrors errors = body.errors().nested("workspaces");
        Map<String, WorkspaceRole> grants = new HashMap<>();
        JsonObject given = body.object("workspaces").orElse(JsonValue.EMPTY_JSON_OBJECT);
        if (given.size() > 1_000) {
            body.errors().add("workspaces", "At most 1000 workspaces.");
            return grants;
        }
        if (role == TokenRole.ADMIN && !given.isEmpty()) {
            body.errors().add("workspaces", "An admin token reaches every workspace; give workspaces to user tokens.");
            return grants;
        }
        given.forEach((workspace, value) -> {
            Optional<WorkspaceRole> grant = value instanceof JsonString text
                    ? WorkspaceRole.fromApiName(text.getString())
                    : Optional.<WorkspaceRole>empty();
            if (grant.isEmpty()) {
                errors.add(workspace, "Must be one of: viewer, editor, owner.");
            } else if (workspaces.find(workspace).isEmpty()) {
                errors.add(workspace, "There is no workspace with this name.");
            } else {
                grants.put(workspace, grant.get());
            }
        });
        return grants;
    }
}
