package io.orchestrator.realtime;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Holds a socket's first messages until its handshake answer has left the filter chain. Tyrus
 * (Payara, GlassFish) opens the session, and so calls {@code @OnOpen}, inside its filter, before it
 * flushes the 101 answer: a state_sync sent at once from another thread could reach the wire ahead of
 * that answer, which the client then read as a broken frame ("Unexpected rsv1 bit"). {@link
 * SocketPathFilter} marks every handshake's thread while the chain runs; a session opened on that thread
 * sends once the chain has returned. A session opened elsewhere (Liberty opens it after the answer)
 * sends at once.
 */
final class HandshakeGate {

    private static final CompletableFuture<Void> OPEN = CompletableFuture.completedFuture(null);
    private static final ThreadLocal<List<CompletableFuture<Void>>> HANDSHAKING = new ThreadLocal<>();

    private HandshakeGate() {}

    /** Completes when this thread's handshake, if it is in one, has returned from the filter chain. */
    static CompletableFuture<Void> forThisThread() {
        List<CompletableFuture<Void>> gates = HANDSHAKING.get();
        if (gates == null) {
            return OPEN;
        }
        CompletableFuture<Void> gate = new CompletableFuture<>();
        gates.add(gate);
        return gate;
    }

    /** This thread starts a handshake: sessions it opens hold their messages until {@link #answered}. */
    static void handshaking() {
        HANDSHAKING.set(new ArrayList<>());
    }

    /** This thread's handshake has returned from the filter chain: its sessions may send. */
    static void answered() {
        List<CompletableFuture<Void>> gates = HANDSHAKING.get();
        HANDSHAKING.remove();
        if (gates != null) {
            gates.forEach(gate -> gate.complete(null));
        }
    }
}
