package io.orchestrator.engine;

import io.orchestrator.engine.journal.RunJournal;
import io.orchestrator.engine.journal.RunRow;
import io.orchestrator.platform.ApiException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** Stopping runs and reading their status, for the workflow's execution endpoints. */
@ApplicationScoped
public class RunControl {

    @Inject
    RunEngine engine;

    @Inject
    RunLoader loader;

    @Inject
    RunRecords records;

    @Inject
    RunJournal journal;

    @Inject
    EngineScheduler scheduler;

    @Inject
    RunRequests requests;

    /** The workflow's latest run's id and status; 404 when it never ran. */
    public RunRow latest(String workflowId) {
        return records.latestOf(workflowId).orElseThrow(() -> ApiException.notFound("Run of workflow", workflowId));
    }

    /**
     * Stops the workflow's latest run under way (waiting up to 5 s for the stop to be durable);
     * when none is under way, answers with the latest run as it ended.
     */
    public RunRow stopLatest(String workflowId) {
        Optional<RunRow> underWay = records.latestUnderWay(workflowId);
        if (underWay.isEmpty()) {
            return latest(workflowId);
        }
        return stop(underWay.get().id());
    }

    public RunRow stop(String runId) {
        RunRow row = records.run(runId).orElseThrow(() -> ApiException.notFound("Run", runId));
        Optional<String> owner = requests.heldElsewhere(row);
        if (row.status() == RunStatus.PENDING && records.revokePending(runId, journal.dialect())) {
            scheduler.forget(runId);
        } else if (owner.isPresent()) {
            return requests.askAndAwait(
                    row,
                    owner.get(),
                    RunRequests.Action.STOP,
                    stored -> stored.status().isFinal(),
                    Duration.ofSeconds(5));
        } else {
            loader.obtain(runId).ifPresent(run -> {
                engine.stop(run);
                try {
                    run.whenFinished().toCompletableFuture().get(5, TimeUnit.SECONDS);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                } catch (Exception notYet) {
                    // Answered with what is stored; the stop is already under way.
                }
            });
        }
        return records.run(runId).orElseThrow(() -> ApiException.notFound("Run", runId));
    }
}
