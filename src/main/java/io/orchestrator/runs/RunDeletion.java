package io.orchestrator.runs;

import io.orchestrator.artifacts.ArtifactService;
import io.orchestrator.engine.RunControl;
import io.orchestrator.engine.journal.RunJournal;
import io.orchestrator.nodes.command.RunDirectories;
import io.orchestrator.platform.ApiException;
import io.orchestrator.platform.OrchestratorConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

/**
 * Deleting runs that may be under way. The engine writes a run's rows as upserts while it runs,
 * so a run deleted under it would come back with its next step: such a run is stopped first, and
 * its rows are deleted only once the stop is in the database.
 */
@ApplicationScoped
public class RunDeletion {

    private static final Logger LOG = Logger.getLogger(RunDeletion.class.getName());
    private static final long STOP_WAIT_SECONDS = 5;

    @Inject
    RunService runs;

    @Inject
    RunControl control;

    @Inject
    RunJournal journal;

    @Inject
    OrchestratorConfig config;

    @Inject
    ArtifactService artifacts;

    /**
     * Stops the run if it is under way, then deletes it with its node executions, its artifacts and
     * its directory (command nodes' files and logs); 404 when unknown.
     */
    public void delete(String runId) {
        if (!runs.status(runId).isFinal()) {
            stopAndSettle(runId);
        }
        runs.deleteStored(runId);
        artifacts.deleteOfRun(runId);
        new RunDirectories(config.dataDirectory()).delete(runId);
    }

    /** Stops a run and waits until what the engine wrote for it so far, the stop included, is stored. */
    void stopAndSettle(String runId) {
        try {
            control.stop(runId);
        } catch (ApiException gone) {
            return; // deleted meanwhile: nothing to stop
        }
        try {
            journal.durable(runId).get(STOP_WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        } catch (Exception notInTime) {
            LOG.warning("The stop of run " + runId + " was not stored within " + STOP_WAIT_SECONDS
                    + " s; deleting its rows anyway: " + notInTime);
        }
    }
}
