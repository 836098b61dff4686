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

    public IssuedToken issue(String name, TokenRole role, Integer rateLimit, Instant expiresAt) {
        String secret = TokenSecrets.generate();
        ApiToken token = new ApiToken(name, role, secret, rateLimit, expiresAt);
        tokens.add(token);
        return new IssuedToken(token, secret);
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
