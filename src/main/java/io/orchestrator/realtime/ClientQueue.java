package io.orchestrator.realtime;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.IntConsumer;
import java.util.function.Supplier;

/**
 * The messages waiting for one WebSocket client. Whoever offers a message (the engine's thread, for
 * run events) only puts it in a bounded queue; one sending turn at a time sends the queue in order,
 * started on a shared executor and carried on by each send's completion. So there is no thread per
 * client, the order is kept, and no thread waits for the network. A client that lets its queue fill is dropped instead of slowing the others down or
 * holding memory without limit: it reconnects and gets a fresh state_sync. Streamed tokens are the
 * exception: a candidate's content joins its entry still waiting in the queue ({@link UnsentTokens}),
 * so a client that is behind gets them in fewer messages instead of later and later.
 *
 * <p>A message is a supplier of its text so that a state_sync can read the state when its turn
 * comes: every event queued before it is then already in the state, and none is lost between the two.
 */
final class ClientQueue {

    /** Where the texts go. Called on the executor or a send's completion, never by the one who offers. */
    interface Transport {

        /**
         * Starts sending a text and calls {@code whenSent} once, with null or the failure, on any thread,
         * possibly before returning. The next send starts only after that call.
         */
        void send(String text, Consumer<Throwable> whenSent);

        void close(int code, String reason);
    }

    /** About 1,000 events: a large run's worth, far more than a client that keeps up ever holds. */
    static final int CAPACITY = 1024;

    /** RFC 6455 "try again later", for every drop: the client should reconnect (and get a fresh state_sync). */
    static final int DROPPED_CODE = 1013;

    static final String TOO_SLOW_REASON = "client too slow";

    /**
     * How much of one candidate's content may wait for a client: about three minutes of a model at
     * 100 tokens a second. A client further behind is dropped, so one that stopped reading holds at
     * most this much per stream.
     */
    static final int MAX_UNSENT_STREAM_CHARS = 65_536;

    private final Transport transport;
    private final Executor executor;
    private final BlockingQueue<Supplier<String>> pending;
    /** Each stream's entry still in the queue: at most one per candidate streaming. */
    private final ConcurrentMap<StreamedTokens.Key, UnsentTokens> unsentTokens = new ConcurrentHashMap<>();

    private final IntConsumer onDrop;

    private final AtomicBoolean draining = new AtomicBoolean();
    /** Why the client was dropped, if it was; the sending turn closes the connection with it, once. */
    private final AtomicReference<String> dropReason = new AtomicReference<>();

    private final AtomicBoolean dropClosed = new AtomicBoolean();
    private volatile boolean closed;

    ClientQueue(Transport transport, Executor executor, int capacity) {
        this(transport, executor, new ArrayBlockingQueue<>(capacity), unsent -> {});
    }

    /** Telling {@code onDrop} how many messages a drop left unsent. */
    ClientQueue(Transport transport, Executor executor, int capacity, IntConsumer onDrop) {
        this(transport, executor, new ArrayBlockingQueue<>(capacity), onDrop);
    }

    /** With a queue of the caller's, for the tests of offers that race with the end of a drain. */
    ClientQueue(Transport transport, Executor executor, BlockingQueue<Supplier<String>> pending) {
        this(transport, executor, pending, unsent -> {});
    }

    private ClientQueue(
            Transport transport, Executor executor, BlockingQueue<Supplier<String>> pending, IntConsumer onDrop) {
        this.transport = transport;
        this.executor = executor;
        this.pending = pending;
        this.onDrop = onDrop;
    }

    /**
     * Queues a message and makes sure a sending turn will send it. Returns at once; false when the
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

    /**
     * Queues a piece of a candidate's stream, or joins it to that stream's entry still in the queue.
     * One stream's pieces come from one thread at a time (its {@link CoalescedStream}'s lock).
     */
    boolean offerTokens(StreamedTokens piece) {
        UnsentTokens waiting = unsentTokens.get(piece.key());
        if (waiting != null && waiting.length() + piece.content().length() > MAX_UNSENT_STREAM_CHARS) {
            drop(TOO_SLOW_REASON);
            return false;
        }
        if (waiting != null && waiting.join(piece)) {
            return !closed;
        }
        UnsentTokens entry = new UnsentTokens(piece);
        unsentTokens.put(piece.key(), entry);
        if (!offer(entry)) {
            unsentTokens.remove(piece.key(), entry);
            return false;
        }
        return true;
    }

    /** The connection has ended: nothing more is sent. */
    void close() {
        closed = true;
        pending.clear();
        unsentTokens.clear();
    }

    boolean isClosed() {
        return closed;
    }

    /** Stops sending and has the sending turn close the connection (closing writes, so not here). */
    private void drop(String reason) {
        closed = true;
        int unsent = pending.size() + 1; // and the message that did not fit
        pending.clear();
        unsentTokens.clear();
        if (dropReason.compareAndSet(null, reason)) {
            onDrop.accept(unsent);
            scheduleDrain();
        }
    }

    private void scheduleDrain() {
        if (draining.compareAndSet(false, true)) {
            try {
                executor.execute(this::sendNext);
            } catch (RejectedExecutionException shuttingDown) {
                draining.set(false);
                close();
            }
        }
    }

    /**
     * Sends the queue's messages one after the other, then ends the turn. A send that completes at
     * once goes on in this loop; one that completes later goes on from its completion, on the
     * container's thread: no thread waits for a client.
     */
    private void sendNext() {
        Supplier<String> next;
        while (!closed && (next = pending.poll()) != null) {
            if (next instanceof UnsentTokens tokens) {
                unsentTokens.remove(tokens.key(), tokens); // the next piece starts a new entry
            }
            Send send = new Send();
            try {
                transport.send(next.get(), send);
            } catch (RuntimeException failed) {
                send.accept(failed);
            }
            if (!send.completedBeforeReturning()) {
                return;
            }
        }
        endTurn();
    }

    private void endTurn() {
        try {
            closeIfDropped();
        } finally {
            draining.set(false);
        }
        // An offer made after the last poll saw draining still set and left its message to this turn.
        if (!closed && !pending.isEmpty() || closeOwed()) {
            scheduleDrain();
        }
    }

    /** One message on its way: its completion either lets the sending loop go on or goes on itself. */
    private final class Send implements Consumer<Throwable> {

        private static final int SENDING = 0;
        private static final int COMPLETED = 1;
        private static final int RETURNED = 2;

        private final AtomicInteger state = new AtomicInteger(SENDING);

        @Override
        public void accept(Throwable failure) {
            if (failure != null) {
                // Gone, or stuck past the send timeout: either way it gets nothing more.
                drop("send failed");
            }
            if (!state.compareAndSet(SENDING, COMPLETED)) {
                sendNext(); // the sender has returned: this completion carries the turn on
            }
        }

        /** Called by the sender once send() has returned: true if the loop should go on itself. */
        boolean completedBeforeReturning() {
            return !state.compareAndSet(SENDING, RETURNED);
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
