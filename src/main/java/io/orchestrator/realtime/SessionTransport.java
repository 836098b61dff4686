package io.orchestrator.realtime;

import jakarta.websocket.CloseReason;
import jakarta.websocket.Session;
import java.io.IOException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Sends a client's queued texts over its WebSocket session, one at a time (the queue's drain task
 * is the only caller). Not the basic remote: Liberty writes it without a timeout, so a client that
 * stops reading would hold an executor thread for ever. The async remote has a send timeout, and
 * waiting on its result keeps the order and the one-send-at-a-time rule.
 */
final class SessionTransport implements ClientQueue.Transport {

    private static final Logger LOG = Logger.getLogger(SessionTransport.class.getName());

    /** A client that takes longer than this to accept one message is not keeping up. */
    static final long SEND_TIMEOUT_MS = 10_000;

    private final Session session;

    SessionTransport(Session session) {
        this.session = session;
        session.getAsyncRemote().setSendTimeout(SEND_TIMEOUT_MS);
    }

    @Override
    public void send(String text) throws IOException {
        try {
            session.getAsyncRemote().sendText(text).get(SEND_TIMEOUT_MS + 1_000, TimeUnit.MILLISECONDS);
        } catch (ExecutionException failed) {
            throw new IOException("The message could not be sent", failed.getCause());
        } catch (TimeoutException stuck) {
            throw new IOException("The client accepted no message for " + SEND_TIMEOUT_MS + " ms", stuck);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IOException("Interrupted while sending", interrupted);
        }
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
