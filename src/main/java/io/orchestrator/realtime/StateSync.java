package io.orchestrator.realtime;

import io.orchestrator.engine.RunStates;
import io.orchestrator.platform.ErrorCode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.util.logging.Level;
import java.util.logging.Logger;

/** The state_sync message of a workflow: the engine's picture of its latest run. */
@ApplicationScoped
public class StateSync {

    private static final Logger LOG = Logger.getLogger(StateSync.class.getName());

    /** An Instance, not the bean: the application also deploys (and shows "idle") without an engine. */
    @Inject
    Instance<RunStates> runStates;

    String message(String workflowId) {
        try {
            return SocketMessages.stateSync(
                    runStates.isResolvable()
                            ? runStates.get().stateOf(workflowId)
                            : SocketMessages.idleState(workflowId));
        } catch (RuntimeException failed) {
            LOG.log(Level.WARNING, "Could not read the run state of workflow " + workflowId, failed);
            return SocketMessages.error(
                    ErrorCode.INTERNAL_ERROR,
                    "The workflow's state could not be read; " + "send {\"type\":\"request_state\"} to try again");
        }
    }
}
