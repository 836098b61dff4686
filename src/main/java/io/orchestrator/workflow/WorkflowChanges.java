package io.orchestrator.workflow;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;

/** Bumps a workflow's version and tells the engine's rooms (webhooks, schedules, caches). */
@ApplicationScoped
public class WorkflowChanges {

    @Inject
    Event<WorkflowChanged> changed;

    public void record(Workflow workflow) {
        workflow.changed();
        changed.fire(new WorkflowChanged(workflow.id(), false));
    }

    public void deleted(String workflowId) {
        changed.fire(new WorkflowChanged(workflowId, true));
    }
}
