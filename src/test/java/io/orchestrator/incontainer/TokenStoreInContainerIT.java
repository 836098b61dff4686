package io.orchestrator.incontainer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.orchestrator.platform.ApiException;
import io.orchestrator.platform.ErrorCode;
import io.orchestrator.security.Caller;
import io.orchestrator.security.TokenAuthenticator;
import io.orchestrator.security.TokenRequest;
import io.orchestrator.security.TokenRole;
import io.orchestrator.security.TokenService;
import io.orchestrator.security.WorkspaceRole;
import jakarta.annotation.Resource;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The token store with the real database and transactions: hashes only, revocation, expiry, last use. */
@ExtendWith(ArquillianExtension.class)
class TokenStoreInContainerIT {

    @Deployment
    static WebArchive deployment() {
        return TestDeployment.of(TokenStoreInContainerIT.class);
    }

    @Inject
    TokenService tokens;

    @Inject
    TokenAuthenticator authenticator;

    @Resource(lookup = "jdbc/orchestrator")
    DataSource dataSource;

    @Test
    void anIssuedTokenIsStoredAsAHashAndAuthenticatesWithItsRole() throws Exception {
        TokenService.IssuedToken issued = tokens.issue(
                new TokenRequest("in-container user", 42, null),
                TokenRole.USER,
                Map.of("default", WorkspaceRole.VIEWER));

        Optional<Caller> caller = authenticator.authenticate(issued.secret());
        assertTrue(caller.isPresent());
        assertEquals(TokenRole.USER, caller.get().role());
        assertEquals(42, caller.get().rateLimitPerMinute());
        assertEquals(Map.of("default", WorkspaceRole.VIEWER), caller.get().workspaces());

        try (Connection connection = dataSource.getConnection();
                PreparedStatement query = connection.prepareStatement(
                        "SELECT token_hash, token_prefix, last_used_at FROM api_token WHERE id = ?")) {
            query.setString(1, issued.token().id());
            try (ResultSet row = query.executeQuery()) {
                assertTrue(row.next());
                assertEquals(64, row.getString("token_hash").length());
                assertNotEquals(issued.secret(), row.getString("token_hash"));
                assertTrue(issued.secret().startsWith(row.getString("token_prefix")));
                assertNotNull(row.getTimestamp("last_used_at"), "authenticating records the token's last use");
            }
        }
    }

    @Test
    void aRevokedTokenNoLongerAuthenticates() {
        TokenService.IssuedToken issued =
                tokens.issue(new TokenRequest("to revoke", null, null), TokenRole.USER, Map.of());
        assertTrue(authenticator.authenticate(issued.secret()).isPresent());

        tokens.revoke(issued.token().id());

        assertFalse(authenticator.authenticate(issued.secret()).isPresent());
    }

    @Test
    void anExpiredTokenDoesNotAuthenticate() {
        TokenService.IssuedToken issued = tokens.issue(
                new TokenRequest("expired", null, Instant.now().minusSeconds(1)), TokenRole.ADMIN, Map.of());
        assertFalse(authenticator.authenticate(issued.secret()).isPresent());
    }

    @Test
    void anUnknownTokenDoesNotAuthenticate() {
        assertFalse(authenticator.authenticate("wfo_not-a-real-token").isPresent());
        assertFalse(authenticator.authenticate("").isPresent());
    }

    @Test
    void theLastActiveAdminTokenCannotBeRevoked() {
        for (var token : tokens.list()) {
            if (token.role() == TokenRole.ADMIN
                    && token.isUsableAt(Instant.now())
                    && !token.name().startsWith("admin (")) {
                tokens.revoke(token.id());
            }
        }
        var admins = tokens.list().stream()
                .filter(token -> token.role() == TokenRole.ADMIN && token.isUsableAt(Instant.now()))
                .toList();
        assertEquals(1, admins.size(), "the start-up admin token is the only active admin left");

        ApiException refused = assertThrows(
                ApiException.class, () -> tokens.revoke(admins.get(0).id()));
        assertEquals(ErrorCode.CONFLICT, refused.code());
    }
}
