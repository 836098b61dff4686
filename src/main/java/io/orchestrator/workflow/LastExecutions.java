package io.orchestrator.workflow;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A node's last execution, whichever came last: the one development mode kept on the node or the
 * latest in the workflow's recent runs ({@link RunHistory#RECENT_RUNS}). Read when asked, so that
 * runs never write their results onto nodes.
 */
@ApplicationScoped
public class LastExecutions {

    @Inject
    RunHistory runs;

    /** For the nodes of one workflow, with one query of the run history for all of them. */
    public Map<String, LastExecution> ofWorkflow(String workflowId, List<WorkflowNode> nodes) {
        return newest(nodes, runs.recentExecutions(workflowId));
    }

    /** For a few nodes of one workflow, such as one node and its sources. */
    public Map<String, LastExecution> of(List<WorkflowNode> nodes) {
        if (nodes.isEmpty()) {
            return Map.of();
        }
        String workflowId = nodes.get(0).workflowId();
        return newest(
                nodes,
                runs.recentExecutions(
                        workflowId, nodes.stream().map(WorkflowNode::id).toList()));
    }

    public LastExecution of(WorkflowNode node) {
        return of(List.of(node)).get(node.id());
    }

    private static Map<String, LastExecution> newest(List<WorkflowNode> nodes, List<LastExecution> fromRuns) {
        Map<String, LastExecution> last = new HashMap<>();
        for (WorkflowNode node : nodes) {
            last.put(node.id(), node.developmentExecution());
        }
        for (LastExecution execution : fromRuns) {
            last.merge(execution.nodeId(), execution, LastExecution::newer);
        }
        return last;
    }
}
