package io.orchestrator.realtime;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class HandshakeGateTest {

    @Test
    void aSessionOpenedOutsideAHandshakeSendsAtOnce() {
        assertTrue(HandshakeGate.forThisThread().isDone());
    }

    @Test
    void aSessionOpenedDuringTheHandshakeWaitsUntilTheAnswerIsOut() {
        HandshakeGate.handshaking();
        CompletableFuture<Void> gate = HandshakeGate.forThisThread();
        assertFalse(gate.isDone(), "the 101 answer is not flushed yet");
        HandshakeGate.answered();
        assertTrue(gate.isDone());
        assertTrue(HandshakeGate.forThisThread().isDone(), "the thread's next request is no handshake");
    }

    @Test
    void otherThreadsAreNotHeldByAHandshake() throws Exception {
        HandshakeGate.handshaking();
        try {
            CompletableFuture<Boolean> elsewhere = CompletableFuture.supplyAsync(
                    () -> HandshakeGate.forThisThread().isDone());
            assertTrue(elsewhere.get());
        } finally {
            HandshakeGate.answered();
        }
    }
}
