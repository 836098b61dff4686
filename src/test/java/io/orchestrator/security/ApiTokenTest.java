package io.orchestrator.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ApiTokenTest {

    private static final String SECRET = "wfo_AbCdEfGhIjKlMnOpQrStUvWxYz0123456789-_abcde";
    private static final Instant NOW = Instant.parse("2030-06-01T12:00:00Z");

    private static ApiToken expiringAt(Instant expiresAt) {
        return new ApiToken("ci", TokenRole.USER, SECRET, null, expiresAt);
    }

    @Test
    void keepsTheHashAndTheDisplayPrefixButNotTheToken() {
        ApiToken token = new ApiToken("ci", TokenRole.ADMIN, SECRET, 60, null);
        assertEquals(TokenSecrets.hash(SECRET), token.tokenHash());
        assertEquals("wfo_AbCdEf", token.tokenPrefix());
        assertEquals(TokenRole.ADMIN, token.role());
        assertEquals(60, token.rateLimit());
        assertNotEquals(SECRET, token.tokenHash());
    }

    @Test
    void aTokenWithoutExpiryIsUsable() {
        assertTrue(expiringAt(null).isUsableAt(NOW));
    }

    @Test
    void isUsableBeforeItsExpiry() {
        assertTrue(expiringAt(NOW.plusMillis(1)).isUsableAt(NOW));
    }

    @Test
    void isNotUsableFromTheMomentItExpires() {
        assertFalse(expiringAt(NOW).isUsableAt(NOW));
        assertFalse(expiringAt(NOW.minusSeconds(1)).isUsableAt(NOW));
    }

    @Test
    void isNotUsableOnceRevoked() {
        ApiToken token = expiringAt(null);
        assertNull(token.revokedAt());
        token.revoke();
        assertFalse(token.isUsableAt(NOW));
    }

    @Test
    void saysWhyItEndedARevocationWinningOverAnExpiry() {
        assertEquals(Optional.empty(), expiringAt(NOW.plusMillis(1)).endAt(NOW));
        assertEquals(Optional.of(TokenEnd.EXPIRED), expiringAt(NOW).endAt(NOW));
        ApiToken revoked = expiringAt(NOW.minusSeconds(1));
        revoked.revoke();
        assertEquals(Optional.of(TokenEnd.REVOKED), revoked.endAt(NOW));
    }
}
