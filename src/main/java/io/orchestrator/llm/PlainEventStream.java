package io.orchestrator.llm;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.nio.channels.CancelledKeyException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * One request's answer in {@link PlainEventStreams}: its connection, its reader, how it ended. Read
 * by the reading thread only; closed by either that thread or the caller's.
 */
final class PlainEventStream implements HttpResponseReader.Body {

    private final SocketChannel channel;
    private final SseLines lines;
    private final long deadline;
    private final HttpResponseReader response = new HttpResponseReader(this);
    private final CompletableFuture<PlainEventStreams.Outcome> done = new CompletableFuture<>();
    private SelectionKey key;
    private long registeredAt;
    private int status;
    private volatile boolean headRead;
    private ByteArrayOutputStream errorBody;

    PlainEventStream(SocketChannel channel, Consumer<SseEvent> events, long limitBytes, long deadline) {
        this.channel = channel;
        this.lines = new SseLines(events, limitBytes);
        this.deadline = deadline;
    }

    CompletableFuture<PlainEventStreams.Outcome> done() {
        return done;
    }

    /** Whether the answer's head has been read: the request's timeout no longer applies. */
    boolean headRead() {
        return headRead;
    }

    long deadline() {
        return deadline;
    }

    void register(Selector selector) {
        registeredAt = System.nanoTime();
        try {
            key = channel.register(selector, SelectionKey.OP_READ, this);
        } catch (IOException closedMeanwhile) {
            fail(closedMeanwhile);
        }
    }

    boolean pastPrompt(long now) {
        return now - registeredAt > TimeUnit.MILLISECONDS.toNanos(PlainEventStreams.PROMPT_MILLIS);
    }

    /** Leaves the stream out of the selection; false when its caller closed it meanwhile. */
    boolean pause() {
        return interest(0);
    }

    void resume() {
        interest(SelectionKey.OP_READ);
    }

    private boolean interest(int operations) {
        try {
            key.interestOps(operations);
            return true;
        } catch (CancelledKeyException closedByItsCaller) {
            return false;
        }
    }

    @Override
    public void status(int status) {
        this.status = status;
        headRead = true;
        if (status < 200 || status > 299) {
            errorBody = new ByteArrayOutputStream();
        }
    }

    @Override
    public void read(ByteBuffer bytes) {
        if (errorBody == null) {
            lines.read(bytes);
        } else if (errorBody.size() < PlainEventStreams.ERROR_BODY_BYTES) {
            byte[] some = new byte[Math.min(bytes.remaining(), PlainEventStreams.ERROR_BODY_BYTES - errorBody.size())];
            bytes.get(some);
            errorBody.write(some, 0, some.length);
        }
    }

    void readFrom(ByteBuffer buffer) {
        try {
            int read;
            while ((read = channel.read(buffer.clear())) > 0) {
                if (response.read(buffer.flip())) {
                    end();
                    return;
                }
            }
            if (read < 0 && response.closed()) {
                end();
            }
        } catch (IOException | RuntimeException failed) {
            fail(failed);
        }
    }

    boolean expired(long now) {
        if (headRead || now - deadline < 0) {
            return false;
        }
        fail(new HttpTimeoutException("request timed out"));
        return true;
    }

    private void end() {
        if (errorBody == null) {
            lines.finish();
        }
        done.complete(new PlainEventStreams.Outcome(
                status, errorBody == null ? null : errorBody.toString(StandardCharsets.UTF_8)));
        close();
    }

    void fail(Throwable failure) {
        done.completeExceptionally(failure);
        close();
    }

    void close() {
        try {
            channel.close();
        } catch (IOException ignored) {
            // closed either way
        }
    }
}
