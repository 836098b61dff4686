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
     * How many of a workflow's latest runs are searched: a node that none of them executed shows
     * what development mode kept, or nothing. Bounded so that reading a canvas costs the same
     * whatever the length of its history, with no index (and so no write) added to each node
     * execution for it.
     */
    int RECENT_RUNS = 25;

    /**
     * The finished executions (succeeded or failed; a skipped or revoked node did not execute) of
     * the workflow's nodes in its {@value #RECENT_RUNS} latest runs, a node possibly several times.
     */
    List<LastExecution> recentExecutions(String workflowId);

    /** The same for these nodes of the workflow only. */
    List<LastExecution> recentExecutions(String workflowId, Collection<String> nodeIds);
}
