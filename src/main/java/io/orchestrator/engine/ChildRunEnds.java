package io.orchestrator.engine;

import io.orchestrator.engine.journal.RunRow;
import io.orchestrator.platform.JsonText;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Tells a parent run that a sub-workflow run it waits for has ended, so that its waiting step
 * completes (see {@link ChildRunWaits}). A live child tells its parent once its end is durable; an
 * end whose telling a crash cut off is found by the recovery sweep.
 */
@ApplicationScoped
public class ChildRunEnds {

    private static final Logger LOG = Logger.getLogger(ChildRunEnds.class.getName());

    @Inject
    RunLoader loader;

    @Inject
    RunEngine engine;

    @Inject
    RunRecords records;

    /** Loading the parent reads the database: not on the journal writer's thread that completes the child. */
    @Resource
    ManagedExecutorService executor;

    /** Once the child run's end is durable, its parent's step waiting for it is answered. */
    void watch(LiveRun child) {
        String parentRunId = child.parentRunId();
        child.whenFinished()
                .thenAcceptAsync(
                        ended -> answer(
                                parentRunId,
                                ended.id(),
                                ChildRunWaits.resultOf(ended.id(), ended.status(), ended.lastOutput(), ended.error())),
                        executor)
                .exceptionally(failed -> {
                    // The recovery sweep answers the parent later.
                    LOG.log(
                            Level.WARNING,
                            "Could not tell run " + parentRunId + " that run " + child.id() + " ended",
                            failed);
                    return null;
                });
    }

    /** Sub-workflow runs that ended while their parent, out of memory, still waits for them: the parent is answered. */
    public void answerMissed() {
        for (RunRow child : records.endedChildrenAwaited()) {
            LOG.info("Sub-workflow run " + child.id() + " ended unanswered; its parent run " + child.parentRunId()
                    + " goes on");
            answer(
                    child.parentRunId(),
                    child.id(),
                    ChildRunWaits.resultOf(
                            child.id(),
                            child.status(),
                            child.output() == null ? null : JsonText.parse(child.output()),
                            child.error()));
        }
    }

    private void answer(String parentRunId, String childRunId, AttemptResult result) {
        loader.obtain(parentRunId)
                .ifPresent(parent -> engine.decide(
                        parent, state -> engine.childRuns().childEnded(state, childRunId, result, Instant.now())));
    }
}
