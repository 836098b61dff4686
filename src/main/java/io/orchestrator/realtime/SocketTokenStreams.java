package io.orchestrator.realtime;

import io.orchestrator.llm.TokenStreams;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;

/** The llm node's token streams, to the WebSocket clients watching the workflow, each candidate's coalesced. */
@ApplicationScoped
public class SocketTokenStreams implements TokenStreams {

    @Inject
    WorkflowWatchers watchers;

    @Inject
    StreamTimer timer;

    private final Clock clock = Clock.systemUTC();

    @Override
    public CandidateStream open(String workflowId, String taskId, String nodeId, int candidate, String model) {
        return new CoalescedStream(watchers, clock, timer, workflowId, taskId, nodeId, candidate, model);
    }

    @Override
    public void complete(String workflowId, String taskId, String nodeId, int totalResponses, double totalTimeSeconds) {
        watchers.publish(
                workflowId,
                () -> SocketMessages.streamComplete(
                        workflowId, taskId, nodeId, totalResponses, totalTimeSeconds, clock.instant()));
    }
}
