package io.orchestrator.realtime;

import io.orchestrator.artifacts.ArtifactCreated;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import java.time.Clock;

/** Tells the workflow's watchers of each artifact kept for its runs ({@code artifact_created}), once it is stored. */
@ApplicationScoped
public class ArtifactAnnouncer {

    @Inject
    WorkflowWatchers watchers;

    private final Clock clock = Clock.systemUTC();

    void onCreated(@Observes(during = TransactionPhase.AFTER_SUCCESS) ArtifactCreated created) {
        watchers.publish(
                created.workflowId(),
                () -> SocketMessages.artifactCreated(
                        created.workflowId(), created.runId(), created.nodeId(), created.artifact(), clock.instant()));
    }
}
