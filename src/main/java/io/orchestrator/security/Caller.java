package io.orchestrator.security;

import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The token a request was authenticated with, as the rest of the application sees it: an admin
 * token reaches every workspace; any other reaches those it holds a role in.
 */
public record Caller(
        String tokenId,
        String tokenName,
        TokenRole role,
        int rateLimitPerMinute,
        Map<String, WorkspaceRole> workspaces) {

    public Caller {
        workspaces = Map.copyOf(workspaces);
    }

    public boolean isAdmin() {
        return role == TokenRole.ADMIN;
    }

    /** The caller's role in that workspace; an admin is an owner everywhere. */
    public Optional<WorkspaceRole> roleIn(String workspace) {
        return isAdmin() ? Optional.of(WorkspaceRole.OWNER) : Optional.ofNullable(workspaces.get(workspace));
    }

    public boolean mayRead(String workspace) {
        return roleIn(workspace).isPresent();
    }

    public boolean may(WorkspaceRole needed, String workspace) {
        return roleIn(workspace).map(role -> role.includes(needed)).orElse(false);
    }

    /** The workspaces whose contents lists may show; empty means all of them (an admin). */
    public Optional<Set<String>> visibleWorkspaces() {
        return isAdmin() ? Optional.empty() : Optional.of(workspaces.keySet());
    }
}
