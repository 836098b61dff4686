package io.orchestrator.artifacts;

import io.orchestrator.workflow.WorkflowChanged;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

/** A deleted workflow takes its runs' artifacts with it, in the transaction that deletes it. */
@ApplicationScoped
public class WorkflowArtifactsCleanup {

    @Inject
    ArtifactService artifacts;

    void onWorkflowChanged(@Observes WorkflowChanged changed) {
        if (changed.deleted()) {
            artifacts.deleteOfWorkflow(changed.workflowId());
        }
    }
}
