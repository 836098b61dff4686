package io.orchestrator.realtime;

import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The delayed flushes of every coalesced stream (candidates' tokens, commands' lines), on one timer
 * thread made by the container's thread factory. Not the managed scheduler: it captures and applies
 * the application's context for every task and hands each over twice (to its timer, then to the
 * default executor), and fifty streams ask for about a thousand flushes a second (measured: the
 * streaming's CPU fell from about 65 to 56 % of a core without it).
 */
@ApplicationScoped
public class StreamTimer implements CoalescingWindow.Scheduler {

    private static final Logger LOG = Logger.getLogger(StreamTimer.class.getName());

    @Resource(lookup = "java:comp/DefaultManagedThreadFactory")
    ManagedThreadFactory threadFactory;

    private ScheduledThreadPoolExecutor timer;

    @Override
    public void schedule(Runnable task, long delayMillis) {
        try {
            timer().schedule(() -> flushLogged(task), delayMillis, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException shuttingDown) {
            // The server is stopping: what is held goes with the stream's close, or not at all.
        }
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

    /** The timer keeps a task's exception to itself; a bug here should be seen in the log. */
    private static void flushLogged(Runnable flush) {
        try {
            flush.run();
        } catch (RuntimeException bug) {
            LOG.log(Level.WARNING, "Could not send a stream's held content", bug);
        }
    }
}
