package io.orchestrator.realtime;

import jakarta.websocket.CloseReason;
import jakarta.websocket.Session;
import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Sends a client's queued texts over its WebSocket session, one at a time, with the async remote
 * and a completion handler: no thread waits for a client. Not the basic remote: Liberty writes it
 * without a timeout, and neither closing the session nor interrupting the thread frees a write to a
 * client that stopped reading (tried: the thread stays blocked for good). Not waiting on the async
 * remote's Future either: that wakes a thread per message, about twice the CPU, and at 1,000
 * messages a second per client it fell behind.
 *
 * <p>A client that stops reading leaves its send unfinished: Liberty neither times it out (the send
 * timeout set here did not fire in 30 s of a stalled reader) nor ends the connection on close. It
 * then holds no thread, only its socket and the message on its way; its queue fills, so it is dropped
 * and no longer offered anything, and the connection ends once the client reads or goes away.
 */
final class SessionTransport implements ClientQueue.Transport {

    private static final Logger LOG = Logger.getLogger(SessionTransport.class.getName());

    /** A client that takes longer than this to accept one message is not keeping up. */
    static final long SEND_TIMEOUT_MS = 10_000;

    private final Session session;
    /** Completes once the handshake's answer is out (see {@link HandshakeGate}). */
    private final CompletableFuture<Void> answered;

    SessionTransport(Session session) {
        this.session = session;
        this.answered = HandshakeGate.forThisThread();
        session.getAsyncRemote().setSendTimeout(SEND_TIMEOUT_MS);
    }

    @Override
    public void send(String text, Consumer<Throwable> whenSent) {
        if (answered.isDone()) {
            sendNow(text, whenSent);
        } else {
            answered.thenRun(() -> sendNow(text, whenSent));
        }
    }

    private void sendNow(String text, Consumer<Throwable> whenSent) {
        session.getAsyncRemote()
                .sendText(text, result -> whenSent.accept(result.isOK() ? null : result.getException()));
    }

    @Override
    public void close(int code, String reason) {
        if (!session.isOpen()) {
            return;
        }
        try {
            session.close(new CloseReason(CloseReason.CloseCodes.getCloseCode(code), reason));
        } catch (IOException | RuntimeException alreadyGone) {
            LOG.log(Level.FINE, "Closing a dropped WebSocket client failed", alreadyGone);
        }
    }
}
