package io.orchestrator.realtime;

import io.orchestrator.llm.TokenStreams;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The llm node's token streams, to the WebSocket clients watching the workflow. Each candidate's
 * stream coalesces its tokens ({@link CoalescedStream}); the delayed flushes of all streams share
 * one timer thread made by the container's thread factory. Not the managed scheduler: it captures
 * and applies the application's context for every task and hands each over twice (to its timer,
 * then to the default executor), and fifty streams ask for about a thousand flushes a second
 * (measured: the streaming's CPU fell from about 65 to 56 % of a core without it).
 */
@ApplicationScoped
public class SocketTokenStreams implements TokenStreams {

    @Inject
    WorkflowWatchers watchers;

    @Resource(lookup = "java:comp/DefaultManagedThreadFactory")
    ManagedThreadFactory threadFactory;

    private ScheduledThreadPoolExecutor timer;

    private static final Logger LOG = Logger.getLogger(SocketTokenStreams.class.getName());

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

    @PreDestroy
    synchronized void stop() {
        if (timer != null) {
            timer.shutdownNow();
        }
    }

    private synchronized ScheduledThreadPoolExecutor timer() {
        if (timer == null) {
            timer = new ScheduledThreadPoolExecutor(1, threadFactory);
            timer.setRemoveOnCancelPolicy(true);
        }
        return timer;
    }

    private void later(Runnable task, long delayMillis) {
        try {
            timer().schedule(() -> flushLogged(task), delayMillis, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException shuttingDown) {
            // The server is stopping: the held tokens go with the stream's close, or not at all.
        }
    }

    /** The timer keeps a task's exception to itself; a bug here should be seen in the log. */
    private static void flushLogged(Runnable flush) {
        try {
            flush.run();
        } catch (RuntimeException bug) {
            LOG.log(Level.WARNING, "Could not send a stream's held tokens", bug);
        }
    }
}
