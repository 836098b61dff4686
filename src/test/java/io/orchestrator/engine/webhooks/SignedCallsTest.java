package io.orchestrator.engine.webhooks;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.orchestrator.engine.webhooks.SignedCalls.Verdict;
import org.junit.jupiter.api.Test;

class SignedCallsTest {

    private static final long NOW = 1_700_000_000L;

    private final SignedCalls calls = new SignedCalls();

    @Test
    void aSignatureIsKnownUntilItsWindowEndsAndPerPath() {
        assertEquals(Verdict.FIRST, calls.remember("orders", "abc", NOW + 300, NOW));
        assertEquals(Verdict.REPLAYED, calls.remember("orders", "abc", NOW + 300, NOW + 300));
        assertEquals(Verdict.FIRST, calls.remember("invoices", "abc", NOW + 300, NOW));
        assertEquals(Verdict.FIRST, calls.remember("orders", "abc", NOW + 302, NOW + 301));
    }

    @Test
    void aPathFullOfLiveSignaturesRefusesMoreUntilTheyExpire() {
        for (int i = 0; i < SignedCalls.PER_HOOK; i++) {
            assertEquals(Verdict.FIRST, calls.remember("orders", "s" + i, NOW + 300, NOW));
        }
        assertEquals(Verdict.NO_ROOM, calls.remember("orders", "one more", NOW + 300, NOW));
        assertEquals(Verdict.FIRST, calls.remember("invoices", "one more", NOW + 300, NOW));
        assertEquals(Verdict.FIRST, calls.remember("orders", "one more", NOW + 600, NOW + 301));
        assertEquals(Verdict.FIRST, calls.remember("orders", "s0", NOW + 600, NOW + 301));
    }
}
