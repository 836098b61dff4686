package io.orchestrator.engine;

import java.time.Instant;

/** What the engine asks of the scheduler: wake a run later, without holding a thread meanwhile. */
public interface EngineScheduler {

    /** Start a run already stored as PENDING, on whichever server picks the job up. */
    void startSoon(String runId);

    /** Complete a waiting node at a time. */
    void wakeAt(String runId, String nodeId, int attempt, Instant at);

    /** Try a failed node again at a time. */
    void retryAt(String runId, String nodeId, int attempt, Instant at);

    /** Forget the wake-ups and retries of a run that ended. */
    void forget(String runId);
}
