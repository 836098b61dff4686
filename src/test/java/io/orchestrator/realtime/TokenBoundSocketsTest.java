package io.orchestrator.realtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.orchestrator.security.ApiToken;
import io.orchestrator.security.TokenRevoked;
import io.orchestrator.security.TokenRole;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class TokenBoundSocketsTest {

    private static final Instant NOW = Instant.parse("2030-06-01T12:00:00Z");

    private final TokenBoundSockets sockets = new TokenBoundSockets();

    private static ApiToken token(Instant expiresAt) {
        return new ApiToken("watcher", TokenRole.USER, "wfo_" + Math.random(), null, expiresAt);
    }

    @Test
    void theSocketsOfARevokedTokenAreClosedWithPolicyViolationAndTheOthersStay() {
        ApiToken revoked = token(null);
        ApiToken kept = token(null);
        FakeClient first = new FakeClient(4);
        FakeClient second = new FakeClient(4);
        FakeClient other = new FakeClient(4);
        sockets.bind(revoked, first);
        sockets.bind(revoked, second);
        sockets.bind(kept, other);

        revoked.revoke();
        sockets.closeEnded(List.of(revoked.id(), kept.id()), List.of(revoked, kept), NOW);

        assertEquals(1008, first.closeCode);
        assertEquals("token revoked", first.closeReason);
        assertEquals(1008, second.closeCode);
        assertNull(other.closeCode);
    }

    @Test
    void anExpiredTokenClosesItsSocketsSayingSo() {
        ApiToken expiring = token(NOW);
        FakeClient client = new FakeClient(4);
        sockets.bind(expiring, client);

        sockets.closeEnded(List.of(expiring.id()), List.of(expiring), NOW);

        assertEquals(1008, client.closeCode);
        assertEquals("token expired", client.closeReason);
    }

    @Test
    void aTokenNoLongerStoredCountsAsRevoked() {
        ApiToken gone = token(null);
        FakeClient client = new FakeClient(4);
        sockets.bind(gone, client);

        sockets.closeEnded(List.of(gone.id()), List.of(), NOW);

        assertEquals("token revoked", client.closeReason);
    }

    @Test
    void aMessagePastTheExpiryClosesTheSocketBeforeItIsHandled() {
        FakeClient client = new FakeClient(4);
        TokenBoundSockets.Binding binding = sockets.bind(token(NOW.plusSeconds(1)), client);

        assertTrue(sockets.stillValid(binding, NOW));
        assertNull(client.closeCode);
        assertFalse(sockets.stillValid(binding, NOW.plusSeconds(1)));
        assertEquals("token expired", client.closeReason);
    }

    @Test
    void aRevocationOnThisServerClosesAtOnce() {
        ApiToken revoked = token(null);
        FakeClient client = new FakeClient(4);
        sockets.bind(revoked, client);

        sockets.onRevoked(new TokenRevoked(revoked.id()));

        assertEquals("token revoked", client.closeReason);
    }

    @Test
    void anUnboundSocketIsForgotten() {
        ApiToken held = token(null);
        FakeClient client = new FakeClient(4);
        TokenBoundSockets.Binding binding = sockets.bind(held, client);
        assertEquals(1, sockets.boundCount());

        sockets.unbind(binding);

        assertEquals(0, sockets.boundCount());
        held.revoke();
        sockets.onRevoked(new TokenRevoked(held.id()));
        assertNull(client.closeCode);
    }
}
