package io.orchestrator.engine;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Fails a run in memory once it has taken longer than its workflow's execution_timeout_seconds.
 * A waiting run leaves memory and its timer with it: its wake-up is scheduled no later than the
 * deadline instead, and the wake-up fails it then.
 */
final class RunDeadlines {

    private final ScheduledExecutorService timer;

    RunDeadlines(ScheduledExecutorService timer) {
        this.timer = timer;
    }

    /** Watches the run unless it is watched already; {@code onTimeout} runs at its deadline. Under the run's monitor. */
    void watch(LiveRun run, Instant deadline, Runnable onTimeout) {
        if (run.deadlineWatch != null && !run.deadlineWatch.isCancelled()) {
            return;
        }
        long leftMs = Duration.between(Instant.now(), deadline).toMillis();
        run.deadlineWatch = timer.schedule(onTimeout, Math.max(0, leftMs), TimeUnit.MILLISECONDS);
    }

    /** Under the run's monitor. */
    void cancel(LiveRun run) {
        ScheduledFuture<?> watch = run.deadlineWatch;
        if (watch != null) {
            watch.cancel(false);
        }
    }
}
