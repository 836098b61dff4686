package io.orchestrator.workspaces;

import io.orchestrator.platform.ApiException;
import io.orchestrator.platform.ErrorCode;
import io.orchestrator.platform.RequestBody;
import io.orchestrator.security.ApiToken;
import io.orchestrator.security.TokenRequest;
import io.orchestrator.security.TokenRole;
import io.orchestrator.security.TokenService;
import io.orchestrator.security.WorkspaceRole;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.util.List;
import java.util.Map;

/**
 * An owner's management of who may use the workspace: new tokens for it, roles of the tokens in it,
 * and taking a token out. Only tokens already in the workspace are visible to its owner; an owner
 * cannot change or remove its own role (an admin can), so that a workspace keeps someone to run it.
 */
@ApplicationScoped
@Transactional
public class WorkspaceTokens {

    @Inject
    WorkspaceService workspaces;

    @Inject
    WorkspaceAccess access;

    @Inject
    TokenService tokens;

    public List<ApiToken> list(String workspace) {
        workspaces.require(workspace, WorkspaceRole.OWNER);
        return tokens.inWorkspace(workspace);
    }

    public TokenService.IssuedToken issue(String workspace, RequestBody body) {
        workspaces.require(workspace, WorkspaceRole.OWNER);
        TokenRequest request = TokenRequest.read(body);
        WorkspaceRole role = role(body);
        body.validate();
        return tokens.issue(request, TokenRole.USER, Map.of(workspace, role));
    }

    public ApiToken changeRole(String workspace, String tokenId, RequestBody body) {
        workspaces.require(workspace, WorkspaceRole.OWNER);
        WorkspaceRole role = role(body);
        body.validate();
        requireOtherThanCaller(tokenId);
        if (!access.caller().isAdmin()) {
            requireMember(workspace, tokenId);
        }
        return tokens.grant(tokenId, workspace, role);
    }

    public void remove(String workspace, String tokenId) {
        workspaces.require(workspace, WorkspaceRole.OWNER);
        requireOtherThanCaller(tokenId);
        tokens.withdraw(tokenId, workspace);
    }

    private void requireMember(String workspace, String tokenId) {
        boolean member = tokens.inWorkspace(workspace).stream()
                .anyMatch(token -> token.id().equals(tokenId));
        if (!member) {
            throw ApiException.notFound("Token", tokenId);
        }
    }

    private void requireOtherThanCaller(String tokenId) {
        if (!access.caller().isAdmin() && access.caller().tokenId().equals(tokenId)) {
            throw new ApiException(
                    ErrorCode.CONFLICT, "An owner cannot change its own role; another owner or an admin can");
        }
    }

    private static WorkspaceRole role(RequestBody body) {
        return body.text("role", 20)
                .map(value -> WorkspaceRole.fromApiName(value).orElseGet(() -> {
                    body.errors().add("role", "Must be one of: viewer, editor, owner.");
                    return null;
                }))
                .orElse(WorkspaceRole.EDITOR);
    }
}
