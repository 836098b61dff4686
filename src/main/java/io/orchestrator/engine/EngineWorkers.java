package io.orchestrator.engine;

import jakarta.enterprise.concurrent.ManagedThreadFactory;
import java.time.Duration;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

/**
 * The engine's threads: a bounded pool that runs chains of nodes (so the server runs at most that
 * many nodes at once), and one timer thread for node timeouts and run deadlines. On shutdown the
 * pool drains first: attempts under way may finish for a bounded time, so that a routine restart
 * does not cut an HTTP call in the middle and make recovery send it again; only then is what is
 * still running interrupted (recovery runs those again as new attempts).
 */
final class EngineWorkers {

    private static final Logger LOG = Logger.getLogger(EngineWorkers.class.getName());

    private final ThreadPoolExecutor pool;
    private final ScheduledThreadPoolExecutor timer;
    private volatile boolean draining;

    EngineWorkers(int threads, ManagedThreadFactory threadFactory) {
        pool = new ThreadPoolExecutor(
                threads, threads, 60, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), threadFactory);
        pool.allowCoreThreadTimeOut(true);
        timer = new ScheduledThreadPoolExecutor(1, threadFactory);
        timer.setRemoveOnCancelPolicy(true);
    }

    ScheduledExecutorService timer() {
        return timer;
    }

    /** Runs a task on the pool; false when the server is stopping and takes no more work. */
    boolean execute(Runnable task) {
        try {
            pool.execute(task);
            return true;
        } catch (RejectedExecutionException stopping) {
            return false;
        }
    }

    /** The server is stopping: chains finish the attempt they run and begin no other. */
    boolean draining() {
        return draining;
    }

    /** Lets running attempts finish for up to {@code drain}, then interrupts what is left. */
    void shutdown(Duration drain) {
        draining = true;
        pool.shutdown();
        try {
            if (!pool.awaitTermination(drain.toMillis(), TimeUnit.MILLISECONDS)) {
                LOG.warning(
                        "Node attempts still ran after " + drain.toSeconds() + " s of draining (setting"
                                + " ORCHESTRATOR_SHUTDOWN_DRAIN_SECONDS); they are interrupted and run again after the restart.");
            }
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
        pool.shutdownNow();
        timer.shutdownNow();
    }
}
