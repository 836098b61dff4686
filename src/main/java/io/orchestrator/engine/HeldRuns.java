package io.orchestrator.engine;

import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The runs this server holds in memory, each with its execution deadline watched while it is held. A
 * run that waits (a timer, a person) leaves memory; a wake-up, an answer or a resume loads it again.
 */
final class HeldRuns {

    private final Map<String, LiveRun> runs = new ConcurrentHashMap<>();
    private final RunDeadlines deadlines;

    HeldRuns(RunDeadlines deadlines) {
        this.deadlines = deadlines;
    }

    Optional<LiveRun> get(String runId) {
        return Optional.ofNullable(runs.get(runId));
    }

    Collection<LiveRun> all() {
        return runs.values();
    }

    /** Held from now on; {@code timedOut} runs if the run's deadline passes while it is held. */
    void hold(LiveRun run, Runnable timedOut) {
        runs.put(run.id(), run);
        deadlines.watch(run, run.state.deadline(), timedOut);
    }

    /** The run ended: its deadline no longer counts (it leaves memory once its end is written). */
    void ended(LiveRun run) {
        deadlines.cancel(run);
    }

    /** Its end is written: no longer held. */
    void release(LiveRun run) {
        runs.remove(run.id(), run);
    }

    /** Leaves memory while it waits, unless something woke it meanwhile; called under the run's monitor. */
    void leaveWhileWaiting(LiveRun run) {
        RunStatus status = run.state.status();
        if (status == RunStatus.WAITING || (status == RunStatus.PAUSED && run.state.running() == 0)) {
            runs.remove(run.id(), run);
            deadlines.cancel(run);
        }
    }
}
