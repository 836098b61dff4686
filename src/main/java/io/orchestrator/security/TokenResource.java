package io.orchestrator.security;

import static io.orchestrator.platform.Jsonp.JSON;

import io.orchestrator.platform.RequestBody;
import io.orchestrator.platform.Timestamps;
import jakarta.inject.Inject;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/** {@code /api/tokens/}: admin only. The secret of a token appears once, in the creation answer. */
@Path("tokens/")
@Produces(MediaType.APPLICATION_JSON)
public class TokenResource {

    @Inject
    TokenService tokens;

    @Inject
    CurrentCaller caller;

    @GET
    public jakarta.json.JsonArray list() {
        caller.requireAdmin();
        JsonArrayBuilder list = JSON.createArrayBuilder();
        tokens.list().forEach(token -> list.add(describe(token)));
        return list.build();
    }

    @POST
    public Response create(JsonObject json) {
        caller.requireAdmin();
        RequestBody body = RequestBody.of(json);
        String name = body.requiredText("name", 200);
        TokenRole role = body.text("role", 20)
                .map(value -> TokenRole.fromApiName(value).orElseGet(() -> {
                    body.errors().add("role", "Must be one of: admin, user.");
                    return null;
                }))
                .orElse(TokenRole.USER);
        Integer rateLimit =
                body.integer("rate_limit", 1, 1_000_000).map(Long::intValue).orElse(null);
        Instant expiresAt = expiry(body);
        body.validate();

        TokenService.IssuedToken issued = tokens.issue(name, role, rateLimit, expiresAt);
        JsonObject answer = JSON.createObjectBuilder(describe(issued.token()).build())
                .add("token", issued.secret())
                .build();
        return Response.status(Response.Status.CREATED).entity(answer).build();
    }

    @DELETE
    @Path("{id}/")
    public Response revoke(@PathParam("id") String id) {
        caller.requireAdmin();
        tokens.revoke(id);
        return Response.noContent().build();
    }

    private static Instant expiry(RequestBody body) {
        Optional<Long> days = body.integer("expires_in_days", 1, 3650);
        if (days.isPresent()) {
            return Instant.now().plus(Duration.ofDays(days.get()));
        }
        Optional<String> at = body.text("expires_at", 40);
        if (at.isEmpty()) {
            return null;
        }
        Optional<Instant> parsed = Timestamps.parse(at.get());
        if (parsed.isEmpty()) {
            body.errors().add("expires_at", "Must be an ISO-8601 instant such as 2030-01-01T00:00:00Z.");
            return null;
        }
        if (!parsed.get().isAfter(Instant.now())) {
            body.errors().add("expires_at", "Must be in the future.");
        }
        return parsed.get();
    }

    private static JsonObjectBuilder describe(ApiToken token) {
        return JSON.createObjectBuilder()
                .add("id", token.id())
                .add("name", token.name())
                .add("role", token.role().apiName())
                .add("token_prefix", token.tokenPrefix())
                .add(
                        "rate_limit",
                        token.rateLimit() == null ? jakarta.json.JsonValue.NULL : JSON.createValue(token.rateLimit()))
                .add("created_at", Timestamps.json(token.createdAt()))
                .add("last_used_at", Timestamps.json(token.lastUsedAt()))
                .add("expires_at", Timestamps.json(token.expiresAt()))
                .add("revoked_at", Timestamps.json(token.revokedAt()))
                .add("active", token.isUsableAt(Instant.now()));
    }
}
