package io.orchestrator.workflow;

import io.orchestrator.platform.JsonText;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.transaction.Transactional;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What development mode reads of a workflow to execute one node, and what it keeps of that
 * execution on the node. A pinned node's output is its pinned one, as its sources' outputs and as
 * what expressions see under {@code nodes}. Each method is one transaction; the node runs between the two, outside
 * any, since it may take minutes (an HTTP call) and must hold neither a connection nor the
 * workflow's lock meanwhile.
 */
@ApplicationScoped
@Transactional
public class DevelopmentRecords {

    @Inject
    CanvasService canvas;

    @Inject
    WorkflowRepository workflows;

    @Inject
    LastExecutions lastExecutions;

    /** Saves the given form values on the node first, as a PATCH of them would, then reads it with its context. */
    public NodeInContext read(String workflowId, String nodeId, Optional<JsonObject> formValues) {
        formValues.ifPresent(values -> canvas.updateNode(workflowId, nodeId, NodeChanges.ofFormValues(values)));
        WorkflowNode node = workflows.requireNode(workflowId, nodeId);
        List<WorkflowNode> nodes = workflows.nodes(workflowId);
        Map<String, LastExecution> last = lastExecutions.ofWorkflow(workflowId, nodes);
        Map<String, JsonValue> outputsByName = new LinkedHashMap<>();
        for (WorkflowNode each : nodes) {
            JsonValue output = outputOf(each, last);
            if (output != JsonValue.NULL) {
                outputsByName.put(each.name(), output);
            }
        }
        return new NodeInContext(
                nodeId,
                node.name(),
                JsonText.parseObject(node.formValues()),
                sources(node, sourceNodes(node), last),
                outputsByName);
    }

    public NodeSources sources(String workflowId, String nodeId) {
        WorkflowNode node = workflows.requireNode(workflowId, nodeId);
        List<WorkflowNode> sourceNodes = sourceNodes(node);
        List<WorkflowNode> involved = new ArrayList<>(sourceNodes);
        involved.add(node);
        return sources(node, sourceNodes, lastExecutions.of(involved));
    }

    public void record(String workflowId, String nodeId, JsonValue input, JsonValue output) {
        workflows.requireNode(workflowId, nodeId).recordExecution(JsonText.write(input), JsonText.write(output));
    }

    private static NodeSources sources(
            WorkflowNode node, List<WorkflowNode> sourceNodes, Map<String, LastExecution> last) {
        Map<String, JsonValue> outputs = new LinkedHashMap<>();
        sourceNodes.forEach(source -> outputs.put(source.name(), outputOf(source, last)));
        LastExecution own = last.get(node.id());
        JsonValue lastInput = own == null || own.input() == null ? null : JsonText.parse(own.input());
        return new NodeSources(node.nodeType(), outputs, lastInput);
    }

    /** What development mode takes as a node's output: its pinned output if it has one, else its last. */
    private static JsonValue outputOf(WorkflowNode node, Map<String, LastExecution> last) {
        PinnedOutput pin = node.pin();
        return pin != null ? pin.outputJson() : LastExecution.outputOf(last.get(node.id()));
    }

    /** The nodes at the start of the node's incoming edges, once each, in the order of the edges. */
    private List<WorkflowNode> sourceNodes(WorkflowNode node) {
        Map<String, WorkflowNode> sources = new LinkedHashMap<>();
        for (WorkflowEdge edge : workflows.edgesInto(node.id())) {
            sources.computeIfAbsent(edge.sourceNodeId(), id -> workflows.requireNode(node.workflowId(), id));
        }
        return List.copyOf(sources.values());
    }
}
