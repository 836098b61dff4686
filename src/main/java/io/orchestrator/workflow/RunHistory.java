package io.orchestrator.workflow;

import java.util.Collection;
import java.util.List;

/**
 * The last execution of nodes in the runs of their workflow. The runs package implements it: it
 * reads the runs and depends on this package, so this package asks through this interface instead
 * of depending on it in turn.
 */
public interface RunHistory {

    /**
     * The latest finished execution (it succeeded or failed; a skipped or revoked node did not
     * execute) of each node of the workflow that any run still in the history executed. A node may
     * appear twice when two executions finished at the same instant (a fork copies them).
     */
    List<LastExecution> lastExecutionsInWorkflow(String workflowId);

    /** The same for these nodes only. */
    List<LastExecution> lastExecutionsOf(Collection<String> nodeIds);
}
