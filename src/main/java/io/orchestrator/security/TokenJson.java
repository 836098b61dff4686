package io.orchestrator.security;

import static io.orchestrator.platform.Jsonp.JSON;

import io.orchestrator.platform.Timestamps;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

/** A token as the API shows it: never its secret (the creation answer adds that once) nor its hash. */
public final class TokenJson {

    private TokenJson() {}

    public static JsonObjectBuilder describe(ApiToken token) {
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
                .add("active", token.isUsableAt(Instant.now()))
                .add("workspaces", workspaces(token.workspaces()));
    }

    /** The token as an owner of that workspace sees it: its role there, not where else it goes. */
    public static JsonObjectBuilder describeIn(ApiToken token, String workspace) {
        WorkspaceRole role = token.workspaces().get(workspace);
        return describe(token).add("workspaces", workspaces(role == null ? Map.of() : Map.of(workspace, role)));
    }

    /** {@code {"workspace": "role"}}, in name order. */
    public static JsonObject workspaces(Map<String, WorkspaceRole> roles) {
        JsonObjectBuilder json = JSON.createObjectBuilder();
        new TreeMap<>(roles).forEach((workspace, role) -> json.add(workspace, role.apiName()));
        return json.build();
    }
}
