package io.orchestrator.security;

import io.orchestrator.platform.ApiException;
import io.orchestrator.platform.ErrorCode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/** Issuing, listing and revoking tokens. */
@ApplicationScoped
@Transactional
public class TokenService {

    /** A new token with its secret, which exists only in this answer. */
    public record IssuedToken(ApiToken token, String secret) {}

    @Inject
    ApiTokenRepository tokens;

    @Inject
    TokenAuthenticator authenticator;

    @Inject
    Event<TokenRevoked> revoked;

    public IssuedToken issue(TokenRequest request, TokenRole role, Map<String, WorkspaceRole> grants) {
        String secret = TokenSecrets.generate();
        ApiToken token = new ApiToken(request.name(), role, secret, request.rateLimit(), request.expiresAt());
        grants.forEach(token::grant);
        tokens.add(token);
        return new IssuedToken(token, secret);
    }

    /** The tokens holding a role in the workspace. */
    public List<ApiToken> inWorkspace(String workspace) {
        return tokens.inWorkspace(workspace);
    }

    /** Gives a user token that role in the workspace; requests with it see the change at once on this server. */
    public ApiToken grant(String tokenId, String workspace, WorkspaceRole role) {
        ApiToken token = tokens.find(tokenId).orElseThrow(() -> ApiException.notFound("Token", tokenId));
        if (token.role() == TokenRole.ADMIN) {
            throw new ApiException(ErrorCode.CONFLICT, "An admin token reaches every workspace already");
        }
        token.grant(workspace, role);
        authenticator.evict(token.tokenHash());
        return token;
    }

    /** Takes the token's role in the workspace away; its open WebSockets there close at the next check. */
    public void withdraw(String tokenId, String workspace) {
        ApiToken token = tokens.find(tokenId)
                .filter(found -> found.workspaces().containsKey(workspace))
                .orElseThrow(() -> ApiException.notFound("Token", tokenId));
        token.withdraw(workspace);
        authenticator.evict(token.tokenHash());
    }

    /** Stores a token whose secret was chosen by the operator (ORCHESTRATOR_ADMIN_TOKEN), once. */
    public boolean registerIfAbsent(String name, TokenRole role, String secret) {
        if (tokens.findByHash(TokenSecrets.hash(secret)).isPresent()) {
            return false;
        }
        tokens.add(new ApiToken(name, role, secret, null, null));
        return true;
    }

    public List<ApiToken> list() {
        return tokens.all();
    }

    /** The stored tokens of these ids; an id that is not stored is left out. */
    public List<ApiToken> find(Collection<String> ids) {
        return tokens.findAll(ids);
    }

    public long count() {
        return tokens.count();
    }

    public void revoke(String id) {
        ApiToken token = tokens.find(id).orElseThrow(() -> ApiException.notFound("Token", id));
        if (token.role() == TokenRole.ADMIN && token.isUsableAt(Instant.now()) && tokens.countActiveAdmins() <= 1) {
            throw new ApiException(
                    ErrorCode.CONFLICT,
                    "This is the last active admin token; create another admin token before revoking it");
        }
        token.revoke();
        authenticator.evict(token.tokenHash());
        revoked.fire(new TokenRevoked(token.id()));
    }
}
