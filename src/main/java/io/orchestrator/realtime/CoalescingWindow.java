package io.orchestrator.realtime;

import java.time.Clock;

/**
 * At most one message a window for a stream of small pieces (a candidate's tokens, a command's
 * lines): the first piece goes at once; later ones are held until their window ends, sent then by
 * the next piece or by one delayed flush on a shared timer, so that the last pieces of a slow source
 * do not wait for another. The owner holds the pieces and its own lock: {@link #added()} and
 * {@link #close()} are called holding it, and the delayed flush takes it.
 */
final class CoalescingWindow {

    /** Delayed work on a shared thread: no thread per stream. */
    interface Scheduler {
        void schedule(Runnable task, long delayMillis);
    }

    /** What the owner holds back. */
    interface Held {
        boolean isEmpty();

        /** Sends what is held and forgets it. */
        void send(long nowMillis);
    }

    static final long WINDOW_MILLIS = 50;

    private final Object lock;
    private final Clock clock;
    private final Scheduler scheduler;
    private final Held held;

    private long lastSentMillis;
    private boolean flushScheduled;
    private boolean closed;

    CoalescingWindow(Object lock, Clock clock, Scheduler scheduler, Held held) {
        this.lock = lock;
        this.clock = clock;
        this.scheduler = scheduler;
        this.held = held;
        this.lastSentMillis = clock.millis() - WINDOW_MILLIS;
    }

    boolean isClosed() {
        return closed;
    }

    /** Something was added to what is held: sends it now if this window is free, else makes sure a flush comes. */
    void added() {
        long now = clock.millis();
        long waitMillis = lastSentMillis + WINDOW_MILLIS - now;
        if (waitMillis <= 0) {
            send(now);
        } else if (!flushScheduled) {
            flushScheduled = true;
            scheduler.schedule(this::flushDue, waitMillis);
        }
    }

    /** Sends what is held now, whatever the window (before something that must not overtake it). */
    void sendNow() {
        if (!held.isEmpty()) {
            send(clock.millis());
        }
    }

    /** Sends what is still held; nothing is sent after. */
    void close() {
        if (closed) {
            return;
        }
        closed = true;
        sendNow();
    }

    /** The delayed flush: sends what is held unless something already did within this window. */
    private void flushDue() {
        synchronized (lock) {
            flushScheduled = false;
            if (closed || held.isEmpty()) {
                return;
            }
            added();
        }
    }

    private void send(long nowMillis) {
        lastSentMillis = nowMillis;
        held.send(nowMillis);
    }
}
