package io.orchestrator.realtime;

import io.orchestrator.llm.TokenStreams;
import java.time.Clock;

/**
 * One candidate's tokens, sent as {@code stream_token} messages of whatever arrived within a
 * window ({@link CoalescingWindow}): a model that emits a thousand tokens a second costs a client
 * about twenty messages. With no watcher the content is dropped at once: nothing is buffered or
 * built. Sending only queues (the client queues are bounded and drop slow clients), so holding the
 * lock while sending never makes the model's thread wait for a network.
 */
final class CoalescedStream implements TokenStreams.CandidateStream, CoalescingWindow.Held {

    private final WorkflowWatchers watchers;
    private final Clock clock;
    private final String workflowId;
    private final String taskId;
    private final String nodeId;
    private final int candidate;
    private final String model;
    private final CoalescingWindow window;

    private final StringBuilder held = new StringBuilder();

    CoalescedStream(
            WorkflowWatchers watchers,
            Clock clock,
            CoalescingWindow.Scheduler scheduler,
            String workflowId,
            String taskId,
            String nodeId,
            int candidate,
            String model) {
        this.watchers = watchers;
        this.clock = clock;
        this.workflowId = workflowId;
        this.taskId = taskId;
        this.nodeId = nodeId;
        this.candidate = candidate;
        this.model = model;
        this.window = new CoalescingWindow(this, clock, scheduler, this);
    }

    @Override
    public void append(String content) {
        if (content == null || content.isEmpty() || watchers.watcherCount(workflowId) == 0) {
            return;
        }
        synchronized (this) {
            if (window.isClosed()) {
                return;
            }
            held.append(content);
            window.added();
        }
    }

    @Override
    public synchronized void close() {
        window.close();
    }

    @Override
    public boolean isEmpty() {
        return held.isEmpty();
    }

    @Override
    public void send(long nowMillis) {
        String content = held.toString();
        held.setLength(0);
        watchers.publishTokens(
                new StreamedTokens(workflowId, taskId, nodeId, candidate, model, content, clock.instant()));
    }
}
