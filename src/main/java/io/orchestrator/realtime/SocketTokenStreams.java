package io.orchestrator.realtime;

import io.orchestrator.llm.TokenStreams;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * The llm node's token streams, to the WebSocket clients watching the workflow. Each candidate's
 * stream coalesces its tokens ({@link CoalescedStream}); the delayed flushes of all streams share
 * the server's managed scheduler.
 */
@ApplicationScoped
public class SocketTokenStreams implements TokenStreams {

    @Inject
    WorkflowWatchers watchers;

    @Resource(lookup = "java:comp/DefaultManagedScheduledExecutorService")
    ManagedScheduledExecutorService scheduler;

    private final Clock clock = Clock.systemUTC();

    @Override
    public CandidateStream open(String workflowId, String taskId, String nodeId, int candidate, String model) {
        return new CoalescedStream(watchers, clock, this::later, workflowId, taskId, nodeId, candidate, model);
    }

    @Override
    public void complete(String workflowId, String taskId, String nodeId, int totalResponses, double totalTimeSeconds) {
        watchers.publish(
                workflowId,
                () -> SocketMessages.streamComplete(
                        workflowId, taskId, nodeId, totalResponses, totalTimeSeconds, clock.instant()));
    }

    private void later(Runnable task, long delayMillis) {
        try {
            scheduler.schedule(task, delayMillis, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException shuttingDown) {
            // The server is stopping: the held tokens go with the stream's close, or not at all.
        }
    }
}
