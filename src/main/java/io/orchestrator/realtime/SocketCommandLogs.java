package io.orchestrator.realtime;

import io.orchestrator.nodes.command.CommandLogs;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;

/** Command nodes' live logs, to the WebSocket clients watching the workflow ({@link CoalescedLog}). */
@ApplicationScoped
public class SocketCommandLogs implements CommandLogs {

    @Inject
    WorkflowWatchers watchers;

    @Inject
    StreamTimer timer;

    private final Clock clock = Clock.systemUTC();

    @Override
    public LiveLog open(String workflowId, String taskId, String nodeId) {
        return new CoalescedLog(watchers, clock, timer, workflowId, taskId, nodeId);
    }
}
