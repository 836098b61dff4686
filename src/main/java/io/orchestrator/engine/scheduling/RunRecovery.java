package io.orchestrator.engine.scheduling;

import io.orchestrator.engine.ChildRunEnds;
import io.orchestrator.engine.EngineInstance;
import io.orchestrator.engine.RunLoader;
import io.orchestrator.engine.RunRecords;
import io.orchestrator.engine.journal.RunRow;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.logging.Logger;

/**
 * Takes over runs whose server died mid-run: a run STARTED by a server whose Quartz instance
 * stopped checking in (three check-in intervals) is claimed and resumed here. Waiting runs need
 * no sweep: their wake-up is a Quartz trigger, which the cluster recovers by itself; but a waiting
 * parent whose sub-workflow run ended without telling it (a crash in between) is answered here.
 */
@ApplicationScoped
public class RunRecovery {

    private static final Logger LOG = Logger.getLogger(RunRecovery.class.getName());

    @Inject
    RunRecords records;

    @Inject
    RunLoader loader;

    @Inject
    EngineInstance instance;

    @Inject
    ChildRunEnds childRuns;

    void sweep() {
        Instant deadBefore = Instant.now().minusMillis(3 * QuartzEngineScheduler.CHECKIN_INTERVAL_MS);
        for (RunRow orphan : records.orphans(instance.id(), deadBefore)) {
            if (loader.obtain(orphan.id()).isPresent()) {
                LOG.info("Resumed run " + orphan.id() + " of workflow " + orphan.workflowId() + " (its server "
                        + orphan.owner() + " stopped)");
            }
        }
        childRuns.answerMissed();
    }
}
