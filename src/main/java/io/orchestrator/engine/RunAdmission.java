package io.orchestrator.engine;

import io.orchestrator.platform.ApiException;
import io.orchestrator.platform.ErrorCode;
import io.orchestrator.platform.Jsonp;
import io.orchestrator.platform.OrchestratorConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.concurrent.locks.LockSupport;

/**
 * Holds back a start from outside whose answer does not wait for the run (a webhook that answers
 * on receipt) while this server already holds {@code ORCHESTRATOR_MAX_RUNS_IN_MEMORY} runs in
 * memory. Without it a burst of such calls is accepted faster than the engine runs them: 10,000
 * webhook calls from 16 clients left up to 6,000 runs stored as started but not yet run, about 50 MB
 * of heap, and a bigger burst would exhaust the heap. The caller waits instead, which slows its
 * client down to the engine's pace; after {@link #patience} it is refused with 503 and nothing is stored.
 */
@ApplicationScoped
public class RunAdmission {

    /** How long a start waits for room before it is refused. */
    Duration patience = Duration.ofSeconds(10);

    private static final long POLL_NANOS = Duration.ofMillis(5).toNanos();

    @Inject
    RunEngine engine;

    @Inject
    OrchestratorConfig config;

    /** Returns once the engine has room for one more run; a 503 when it had none for {@link #patience}. */
    public void awaitRoom() {
        int limit = config.maxRunsInMemory();
        if (engine.liveRuns().size() < limit) {
            return;
        }
        long until = System.nanoTime() + patience.toNanos();
        while (engine.liveRuns().size() >= limit) {
            if (System.nanoTime() - until > 0 || Thread.currentThread().isInterrupted()) {
                throw new ApiException(
                        ErrorCode.SERVICE_UNAVAILABLE,
                        "The server is busy: it has held " + limit + " runs under way for " + patience.toSeconds()
                                + " s (ORCHESTRATOR_MAX_RUNS_IN_MEMORY); nothing was started, send the call again later",
                        Jsonp.JSON
                                .createObjectBuilder()
                                .add("runs_in_memory", engine.liveRuns().size())
                                .add("limit", limit)
                                .build());
            }
            LockSupport.parkNanos(POLL_NANOS);
        }
    }
}
