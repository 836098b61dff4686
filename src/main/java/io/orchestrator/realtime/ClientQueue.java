package io.orchestrator.realtime;

import java.io.IOException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * The messages waiting for one WebSocket client. Whoever offers a message (the engine's thread, for
 * run events) only puts it in a bounded queue; one drain task at a time, on a shared executor, sends
 * the queue in order. So there is no thread per client, the order is kept, and no one waits for the
 * network. A client that lets its queue fill is dropped instead of slowing the others down or
 * holding memory without limit: it reconnects and gets a fresh state_sync.
 *
 * <p>A message is a supplier of its text so that a state_sync can read the state when its turn
 * comes: every event queued before it is then already in the state, and none is lost between the two.
 */
final class ClientQueue {

    /** Where the texts go. Called on the executor, never by the one who offers, so it may block. */
    interface Transport {

        void send(String text) throws IOException;

        void close(int code, String reason);
    }

    /** About 1,000 events: a large run's worth, far more than a client that keeps up ever holds. */
    static final int CAPACITY = 1024;

    /** RFC 6455 "try again later", for every drop: the client should reconnect (and get a fresh state_sync). */
    static final int DROPPED_CODE = 1013;

    static final String TOO_SLOW_REASON = "client too slow";

    private final Transport transport;
    private final Executor executor;
    private final BlockingQueue<Supplier<String>> pending;
    private final AtomicBoolean draining = new AtomicBoolean();
    /** Why the client was dropped, if it was; the drain task closes the connection with it, once. */
    private final AtomicReference<String> dropReason = new AtomicReference<>();

    private final AtomicBoolean dropClosed = new AtomicBoolean();
    private volatile boolean closed;

    ClientQueue(Transport transport, Executor executor, int capacity) {
        this(transport, executor, new ArrayBlockingQueue<>(capacity));
    }

    /** With a queue of the caller's, for the tests of offers that race with the end of a drain. */
    ClientQueue(Transport transport, Executor executor, BlockingQueue<Supplier<String>> pending) {
        this.transport = transport;
        this.executor = executor;
        this.pending = pending;
    }

    /**
     * Queues a message and makes sure a drain task will send it. Returns at once; false when the
     * client is closed or has just been dropped because its queue was full.
     */
    boolean offer(Supplier<String> message) {
        if (closed) {
            return false;
        }
        if (!pending.offer(message)) {
            drop(TOO_SLOW_REASON);
            return false;
        }
        scheduleDrain();
        return true;
    }

    /** The connection has ended: nothing more is sent. */
    void close() {
        closed = true;
        pending.clear();
    }

    boolean isClosed() {
        return closed;
    }

    /** Stops sending and has the drain task close the connection (closing writes, so not here). */
    private void drop(String reason) {
        closed = true;
        pending.clear();
        if (dropReason.compareAndSet(null, reason)) {
            scheduleDrain();
        }
    }

    private void scheduleDrain() {
        if (draining.compareAndSet(false, true)) {
            try {
                executor.execute(this::drain);
            } catch (RejectedExecutionException shuttingDown) {
                draining.set(false);
                close();
            }
        }
    }

    private void drain() {
        try {
            sendPending();
            closeIfDropped();
        } finally {
            draining.set(false);
        }
        // An offer made after the last poll saw draining still set and left its message to this task.
        if (!closed && !pending.isEmpty() || closeOwed()) {
            scheduleDrain();
        }
    }

    private void sendPending() {
        Supplier<String> next;
        while (!closed && (next = pending.poll()) != null) {
            try {
                transport.send(next.get());
            } catch (IOException | RuntimeException failed) {
                // Gone, or stuck past the send timeout: either way it gets nothing more.
                drop("send failed");
            }
        }
    }

    private void closeIfDropped() {
        if (closeOwed() && dropClosed.compareAndSet(false, true)) {
            transport.close(DROPPED_CODE, dropReason.get());
        }
    }

    private boolean closeOwed() {
        return dropReason.get() != null && !dropClosed.get();
    }
}
