package io.orchestrator.realtime;

import io.orchestrator.llm.TokenStreams;
import java.time.Clock;

/**
 * One candidate's tokens, sent as {@code stream_token} messages of whatever arrived within a
 * window: at most one message per window, so a model that emits a thousand tokens a second costs
 * a client about twenty messages. The first token goes at once; later ones wait for their window
 * to end, sent by the next append after it or by one delayed flush on the shared scheduler, so a
 * slow model's last tokens do not wait for the next one. With no watcher the content is dropped at
 * once: nothing is buffered or built. Sending only queues (the client queues are bounded and drop
 * slow clients), so holding the lock while sending never makes the model's thread wait for a network.
 */
final class CoalescedStream implements TokenStreams.CandidateStream {

    /** Delayed work on a shared thread: no thread per stream. */
    interface Scheduler {
        void schedule(Runnable task, long delayMillis);
    }

    static final long WINDOW_MILLIS = 50;

    private final WorkflowWatchers watchers;
    private final Clock clock;
    private final Scheduler scheduler;
    private final String workflowId;
    private final String taskId;
    private final String nodeId;
    private final int candidate;
    private final String model;

    private final StringBuilder held = new StringBuilder();
    private long lastSentMillis;
    private boolean flushScheduled;
    private boolean closed;

    CoalescedStream(
            WorkflowWatchers watchers,
            Clock clock,
            Scheduler scheduler,
            String workflowId,
            String taskId,
            String nodeId,
            int candidate,
            String model) {
        this.watchers = watchers;
        this.clock = clock;
        this.scheduler = scheduler;
        this.workflowId = workflowId;
        this.taskId = taskId;
        this.nodeId = nodeId;
        this.candidate = candidate;
        this.model = model;
        this.lastSentMillis = clock.millis() - WINDOW_MILLIS;
    }

    @Override
    public void append(String content) {
        if (content == null || content.isEmpty() || watchers.watcherCount(workflowId) == 0) {
            return;
        }
        synchronized (this) {
            if (closed) {
                return;
            }
            held.append(content);
            long now = clock.millis();
            long waitMillis = lastSentMillis + WINDOW_MILLIS - now;
            if (waitMillis <= 0) {
                send(now);
            } else if (!flushScheduled) {
                flushScheduled = true;
                scheduler.schedule(this::flushDue, waitMillis);
            }
        }
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (!held.isEmpty()) {
            send(clock.millis());
        }
    }

    /** The delayed flush: sends what is held unless an append already did within this window. */
    private synchronized void flushDue() {
        flushScheduled = false;
        if (closed || held.isEmpty()) {
            return;
        }
        long now = clock.millis();
        long waitMillis = lastSentMillis + WINDOW_MILLIS - now;
        if (waitMillis <= 0) {
            send(now);
        } else {
            flushScheduled = true;
            scheduler.schedule(this::flushDue, waitMillis);
        }
    }

    private void send(long nowMillis) {
        String content = held.toString();
        held.setLength(0);
        lastSentMillis = nowMillis;
        watchers.publishTokens(
                new StreamedTokens(workflowId, taskId, nodeId, candidate, model, content, clock.instant()));
    }
}
