package io.orchestrator.runs;

import io.orchestrator.workflow.WorkflowChanged;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

/**
 * A deleted workflow takes its runs with it: their node executions, the runs, and the graphs they
 * ran (workflow_snapshot). The tables have no foreign keys (the engine must never fail a write
 * because a workflow went), so this is done here, in the transaction that deletes the workflow:
 * if that rolls back, the history stays.
 */
@ApplicationScoped
public class WorkflowRunsCleanup {

    @Inject
    RunRepository runs;

    @Inject
    RunDeletion deletion;

    void onWorkflowChanged(@Observes WorkflowChanged changed) {
        if (!changed.deleted()) {
            return;
        }
        // Runs under way are stopped first, or their next step would write their rows back.
        runs.idsUnderWayOfWorkflow(changed.workflowId()).forEach(deletion::stopAndSettle);
        runs.deleteAllOfWorkflow(changed.workflowId());
    }
}
