package io.orchestrator.workflow;

import static io.orchestrator.platform.Jsonp.JSON;

import io.orchestrator.nodes.NodeType;
import io.orchestrator.nodes.NodeTypeRegistry;
import io.orchestrator.nodes.form.SecretValues;
import io.orchestrator.platform.ApiException;
import io.orchestrator.platform.FieldErrors;
import io.orchestrator.platform.JsonMergePatch;
import io.orchestrator.platform.JsonText;
import io.orchestrator.security.Secrets;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.transaction.Transactional;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Changes to a workflow's graph, one node or edge at a time. Each change locks the workflow, checks
 * the graph rules against what is stored, writes, and bumps the workflow's version.
 */
@ApplicationScoped
@Transactional
public class CanvasService {

    @Inject
    WorkflowChanges versions;

    @Inject
    WorkflowRepository workflows;

    @Inject
    NodeTypeRegistry types;

    @Inject
    LastExecutions lastExecutions;

    @Inject
    Secrets secrets;

    @Inject
    NoteService notes;

    public JsonObject canvas(String workflowId) {
        Workflow workflow = workflows.require(workflowId);
        List<WorkflowNode> nodes = workflows.nodes(workflowId);
        return WorkflowJson.canvas(
                        workflow,
                        nodes,
                        lastExecutions.ofWorkflow(workflowId, nodes),
                        workflows.edges(workflowId),
                        this::typeOrNull)
                .add("notes", NoteJson.list(notes.notes(workflowId)))
                .build();
    }

    public JsonObject addNode(String workflowId, String typeKey, NodeChanges changes) {
        Workflow workflow = workflows.lock(workflowId);
        FieldErrors errors = new FieldErrors();
        NodeType type = types.find(typeKey).orElse(null);
        if (type == null) {
            errors.add("nodeTemplate", unknownTypeMessage(typeKey));
            errors.throwIfAny("Unknown node type");
        }
        JsonObject formValues = type.initialValues(changes.formValues().orElse(JsonValue.EMPTY_JSON_OBJECT));
        formValues = checkedForStorage(type, formValues, errors.nested("form_values"));
        // A name the server picks is free by construction (the workflow is locked): only a given one needs asking.
        String name = changes.name().orElseGet(() -> freeName(workflowId, type.displayName()));
        if (changes.name().isPresent() && workflows.nameTaken(workflowId, name, null)) {
            errors.add("name", "Another node of this workflow is already named '" + name + "'.");
        }
        errors.throwIfAny("The node is not valid");

        WorkflowNode node = new WorkflowNode(
                UUID.randomUUID().toString(),
                workflowId,
                type.key(),
                name,
                changes.position().orElse(Position.ORIGIN),
                formValues.toString(),
                changes.applyTo(NodeSettings.DEFAULTS));
        workflows.add(node);
        versions.record(workflow);
        return WorkflowJson.node(node, type, formValues, null)
                .add("workflow_version", workflow.version())
                .build();
    }

    public JsonObject updateNode(String workflowId, String nodeId, NodeChanges changes) {
        Workflow workflow = workflows.lock(workflowId);
        WorkflowNode node = workflows.requireNode(workflowId, nodeId);
        NodeType type = requireKnownType(node);
        FieldErrors errors = new FieldErrors();
        List<String> removedEdges = new ArrayList<>();

        if (changes.name().isPresent() && !changes.name().get().equals(node.name())) {
            if (workflows.nameTaken(workflowId, changes.name().get(), nodeId)) {
                errors.add(
                        "name",
                        "Another node of this workflow is already named '"
                                + changes.name().get() + "'.");
            }
        }
        JsonObject formValues = null;
        if (changes.formValues().isPresent()) {
            JsonObject stored = JsonText.parseObject(node.formValues());
            formValues = JsonMergePatch.apply(
                    stored,
                    SecretValues.keepMasked(type.form(), changes.formValues().get(), stored));
            formValues = checkedForStorage(type, formValues, errors.nested("form_values"));
        }
        errors.throwIfAny("The node is not valid");

        changes.name().ifPresent(node::rename);
        changes.position().ifPresent(node::moveTo);
        if (formValues != null) {
            node.replaceFormValues(formValues.toString());
            removedEdges = removeEdgesOnVanishedRoutes(node, type.routes(formValues));
        }
        node.apply(changes.applyTo(node.settings()));
        versions.record(workflow);
        return WorkflowJson.node(node, type, lastExecutions.of(node))
                .add("removed_edges", WorkflowJson.ids(removedEdges))
                .add("workflow_version", workflow.version())
                .build();
    }

    public JsonObject moveNode(String workflowId, String nodeId, Position position) {
        Workflow workflow = workflows.lock(workflowId);
        if (!workflows.move(workflowId, nodeId, position)) {
            throw ApiException.notFound("Node", nodeId);
        }
        versions.record(workflow);
        return JSON.createObjectBuilder()
                .add("id", nodeId)
                .add("position", WorkflowJson.position(position))
                .add("workflow_version", workflow.version())
                .build();
    }

    public JsonObject removeNode(String workflowId, String nodeId) {
        Workflow workflow = workflows.lock(workflowId);
        WorkflowNode node = workflows.requireNode(workflowId, nodeId);
        List<String> removedEdges = new ArrayList<>();
        for (WorkflowEdge edge : workflows.edgesTouching(nodeId)) {
            removedEdges.add(edge.id());
            workflows.remove(edge);
        }
        workflows.remove(node);
        versions.record(workflow);
        return JSON.createObjectBuilder()
                .add("message", "Node removed successfully")
                .add("id", nodeId)
                .add("removed_edges", WorkflowJson.ids(removedEdges))
                .add("workflow_version", workflow.version())
                .build();
    }

    public JsonObject addEdge(String workflowId, WorkflowGraph.Edge requested) {
        Workflow workflow = workflows.lock(workflowId);
        WorkflowGraph graph = storedGraph(workflowId);
        FieldErrors errors = new FieldErrors();
        graph.check(requested, errors);
        errors.throwIfAny("The edge is not allowed");
        WorkflowEdge edge = new WorkflowEdge(workflowId, requested);
        workflows.add(edge);
        versions.record(workflow);
        return JSON.createObjectBuilder(WorkflowJson.edge(edge.toGraphEdge()))
                .add("workflow_version", workflow.version())
                .build();
    }

    public JsonObject removeEdge(String workflowId, String edgeId) {
        Workflow workflow = workflows.lock(workflowId);
        workflows.remove(workflows.requireEdge(workflowId, edgeId));
        versions.record(workflow);
        return JSON.createObjectBuilder()
                .add("message", "Edge removed successfully")
                .add("id", edgeId)
                .add("workflow_version", workflow.version())
                .build();
    }

    /** The output of the node's last execution, in a run or in development mode; null before any. */
    public JsonValue nodeOutput(String workflowId, String nodeId) {
        return LastExecution.outputOf(lastExecutions.of(workflows.requireNode(workflowId, nodeId)));
    }

    public JsonObject node(String workflowId, String nodeId) {
        WorkflowNode node = workflows.requireNode(workflowId, nodeId);
        return WorkflowJson.node(node, typeOrNull(node.nodeType()), lastExecutions.of(node))
                .build();
    }

    /**
     * The form values checked against the node's type, with their secrets sealed as they are to be
     * stored: every way a node's values are saved passes here, so none stores a secret in clear.
     */
    JsonObject checkedForStorage(NodeType type, JsonObject formValues, FieldErrors errors) {
        types.check(type, formValues, errors);
        return SecretValues.withSecrets(type.form(), formValues, secrets::sealIfClear);
    }

    String unknownTypeMessage(String typeKey) {
        return "Unknown node type '" + typeKey + "'. Known types: "
                + types.all().stream().map(NodeType::key).collect(Collectors.joining(", ")) + ".";
    }

    NodeType typeOrNull(String key) {
        return types.find(key).orElse(null);
    }

    /** The graph as stored, for checking one more edge: outlines only, not each node's last input and output. */
    private WorkflowGraph storedGraph(String workflowId) {
        List<WorkflowGraph.Node> nodes = new ArrayList<>();
        for (WorkflowRepository.NodeOutline node : workflows.nodeOutlines(workflowId)) {
            NodeType type = typeOrNull(node.nodeType());
            List<String> routes = type == null
                    ? List.of()
                    : type.routes(
                            type.routesFromField() == null
                                    ? JsonValue.EMPTY_JSON_OBJECT
                                    : JsonText.parseObject(node.formValues()));
            nodes.add(new WorkflowGraph.Node(node.id(), node.name(), type != null && type.isTrigger(), routes));
        }
        return new WorkflowGraph(nodes, workflows.edges(workflowId));
    }

    private List<String> removeEdgesOnVanishedRoutes(WorkflowNode node, List<String> routes) {
        List<String> removed = new ArrayList<>();
        Set<String> allowed = new HashSet<>(routes);
        for (WorkflowEdge edge : workflows.edgesTouching(node.id())) {
            if (edge.sourceNodeId().equals(node.id()) && !allowed.contains(edge.sourceHandle())) {
                removed.add(edge.id());
                workflows.remove(edge);
            }
        }
        return removed;
    }

    private NodeType requireKnownType(WorkflowNode node) {
        return types.find(node.nodeType())
                .orElseThrow(() -> new ApiException(
                        io.orchestrator.platform.ErrorCode.CONFLICT,
                        "Node " + node.id() + " has the type '" + node.nodeType()
                                + "', which this server does not know"));
    }

    private String freeName(String workflowId, String base) {
        Set<String> taken = new HashSet<>(workflows.namesStartingWith(workflowId, base));
        if (!taken.contains(base)) {
            return base;
        }
        for (int n = 2; ; n++) {
            String candidate = base + " " + n;
            if (!taken.contains(candidate)) {
                return candidate;
            }
        }
    }
}
