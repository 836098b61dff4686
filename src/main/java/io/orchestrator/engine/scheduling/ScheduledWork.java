package io.orchestrator.engine.scheduling;

import io.orchestrator.engine.RunEngine;
import io.orchestrator.engine.RunLoader;
import io.orchestrator.engine.RunRequests;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.logging.Level;
import java.util.logging.Logger;

/** What the engine's Quartz jobs do when they fire. */
@ApplicationScoped
public class ScheduledWork {

    static final String START = "start";
    static final String WAKE = "wake";
    static final String RETRY = "retry";
    static final String CRON = "cron";
    static final String RECOVER = "recover";
    static final String HOUSEKEEPING = "housekeeping";

    private static final Logger LOG = Logger.getLogger(ScheduledWork.class.getName());

    @Inject
    RunLoader loader;

    @Inject
    RunEngine engine;

    /** Quartz fires on any server; a run another server executes is woken there. */
    @Inject
    RunRequests requests;

    @Inject
    ScheduleTriggers schedules;

    @Inject
    RunRecovery recovery;

    @Inject
    Event<HousekeepingDue> housekeeping;

    void perform(String action, String runId, String nodeId, int attempt, String workflowId) {
        try {
            switch (action) {
                case START -> loader.obtain(runId);
                case WAKE -> {
                    if (!requests.forwarded(runId, RunRequests.Action.WAKE, nodeId, attempt)) {
                        loader.obtain(runId).ifPresent(run -> engine.wake(run, nodeId, attempt));
                    }
                }
                case RETRY -> {
                    if (!requests.forwarded(runId, RunRequests.Action.RETRY, nodeId, attempt)) {
                        loader.obtain(runId).ifPresent(run -> engine.retry(run, nodeId, attempt));
                    }
                }
                case CRON -> schedules.fire(workflowId, nodeId);
                case RECOVER -> recovery.sweep();
                case HOUSEKEEPING -> housekeeping.fire(new HousekeepingDue(Instant.now()));
                default -> LOG.warning("Unknown scheduled action '" + action + "' ignored.");
            }
        } catch (RuntimeException failed) {
            LOG.log(
                    Level.WARNING,
                    "Scheduled " + action + subject(runId, workflowId) + " failed: " + failed.getMessage(),
                    failed);
        }
    }

    /** What the action was about, for the log: the recovery sweep is about no run and no workflow. */
    private static String subject(String runId, String workflowId) {
        if (runId != null) {
            return " of run " + runId;
        }
        return workflowId != null ? " of workflow " + workflowId : "";
    }
}
