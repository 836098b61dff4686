package io.orchestrator.workflow;

import static io.orchestrator.platform.Jsonp.JSON;

import io.orchestrator.nodes.NodeType;
import io.orchestrator.nodes.form.FieldType;
import io.orchestrator.nodes.form.FormField;
import io.orchestrator.platform.FieldErrors;
import io.orchestrator.platform.JsonText;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * A workflow as a file: its name, description, settings, nodes and edges, without ids, timestamps,
 * run data or secrets, so that exporting a workflow imported from a file gives that file again.
 * Edges name their nodes by node name (unique in a workflow). Nodes come in graph order (a node
 * after those that feed it, ties by name) and edges sorted, so that the file depends only on the
 * workflow's content, never on the order rows were written in.
 *
 * <pre>
 * format: workflow-orchestrator/workflow
 * format_version: 1
 * name: ..., description: ..., settings: {...}
 * nodes: [{name, node_type, position: {x, y}, form_values, disabled,
 *          retry: {max_attempts, delay_ms, backoff_multiplier}, timeout_ms, pinned_output?, pinned_route?}]
 * edges: [{source, source_handle, target, target_handle}]
 * notes: [{text, position: {x, y}, width, height, color}]   (sticky notes, added by WorkflowFiles)
 * </pre>
 */
final class WorkflowDocument {

    static final String FORMAT = "workflow-orchestrator/workflow";
    static final int FORMAT_VERSION = 1;

    private WorkflowDocument() {}

    static JsonObject export(
            Workflow workflow,
            List<WorkflowNode> nodes,
            List<WorkflowGraph.Edge> edges,
            Function<String, NodeType> types) {
        Map<String, String> namesById = new HashMap<>();
        nodes.forEach(node -> namesById.put(node.id(), node.name()));
        JsonArrayBuilder nodeList = JSON.createArrayBuilder();
        for (WorkflowNode node : inGraphOrder(nodes, edges)) {
            nodeList.add(node(node, types.apply(node.nodeType())));
        }
        JsonArrayBuilder edgeList = JSON.createArrayBuilder();
        edges.stream()
                .map(edge -> JSON.createObjectBuilder()
                        .add("source", namesById.get(edge.source()))
                        .add("source_handle", edge.sourceHandle())
                        .add("target", namesById.get(edge.target()))
                        .add("target_handle", edge.targetHandle())
                        .build())
                .sorted(Comparator.comparing(JsonObject::toString))
                .forEach(edgeList::add);
        return JSON.createObjectBuilder()
                .add("format", FORMAT)
                .add("format_version", FORMAT_VERSION)
                .add("name", workflow.name())
                .add("description", workflow.description())
                .add("settings", JsonText.parseObject(workflow.settings()))
                .add("nodes", nodeList)
                .add("edges", edgeList)
                .build();
    }

    private static JsonObject node(WorkflowNode node, NodeType type) {
        NodeSettings settings = node.settings();
        JsonObject formValues = JsonText.parseObject(node.formValues());
        JsonObjectBuilder json = JSON.createObjectBuilder()
                .add("name", node.name())
                .add("node_type", node.nodeType())
                .add("position", WorkflowJson.position(node.position()))
                .add("form_values", type == null ? formValues : withoutSecrets(type, formValues))
                .add("disabled", settings.disabled())
                .add(
                        "retry",
                        JSON.createObjectBuilder()
                                .add("max_attempts", settings.maxAttempts())
                                .add("delay_ms", settings.retryDelayMs())
                                .add("backoff_multiplier", settings.backoffMultiplier()))
                .add(
                        "timeout_ms",
                        settings.timeoutMs() == null ? JsonValue.NULL : JSON.createValue(settings.timeoutMs()));
        // Only when pinned, so that the files of workflows without pins stay as they were.
        PinnedOutput pin = node.pin();
        if (pin != null) {
            json.add("pinned_output", pin.outputJson()).add("pinned_route", pin.route());
        }
        return json.build();
    }

    /** A file is shared and kept: secret fields are left out, to be filled in after an import. */
    private static JsonObject withoutSecrets(NodeType type, JsonObject formValues) {
        JsonObjectBuilder kept = null;
        for (FormField field : type.form().fields()) {
            if (field.type() == FieldType.SECRET && formValues.containsKey(field.name())) {
                kept = kept == null ? JSON.createObjectBuilder(formValues) : kept;
                kept.remove(field.name());
            }
        }
        return kept == null ? formValues : kept.build();
    }

    /** Kahn's order with names breaking ties; nodes on a cycle (which the graph rules forbid) come last by name. */
    private static List<WorkflowNode> inGraphOrder(List<WorkflowNode> nodes, List<WorkflowGraph.Edge> edges) {
        Map<String, Integer> incoming = new HashMap<>();
        Map<String, List<String>> targets = new HashMap<>();
        Map<String, WorkflowNode> byId = new HashMap<>();
        nodes.forEach(node -> {
            byId.put(node.id(), node);
            incoming.put(node.id(), 0);
        });
        for (WorkflowGraph.Edge edge : edges) {
            if (byId.containsKey(edge.source()) && byId.containsKey(edge.target())) {
                targets.computeIfAbsent(edge.source(), id -> new ArrayList<>()).add(edge.target());
                incoming.merge(edge.target(), 1, Integer::sum);
            }
        }
        PriorityQueue<WorkflowNode> ready = new PriorityQueue<>(Comparator.comparing(WorkflowNode::name));
        nodes.stream().filter(node -> incoming.get(node.id()) == 0).forEach(ready::add);
        List<WorkflowNode> ordered = new ArrayList<>(nodes.size());
        Set<String> placed = new HashSet<>();
        while (!ready.isEmpty()) {
            WorkflowNode node = ready.poll();
            ordered.add(node);
            placed.add(node.id());
            for (String target : targets.getOrDefault(node.id(), List.of())) {
                if (incoming.merge(target, -1, Integer::sum) == 0) {
                    ready.add(byId.get(target));
                }
            }
        }
        nodes.stream()
                .filter(node -> !placed.contains(node.id()))
                .sorted(Comparator.comparing(WorkflowNode::name))
                .forEach(ordered::add);
        return ordered;
    }

    /** The workflow's own fields, as {@code POST /api/workflow/} takes them. */
    static JsonObject workflowRequest(JsonObject document, String workspace) {
        JsonObjectBuilder request = JSON.createObjectBuilder();
        if (workspace != null) {
            request.add("workspace", workspace);
        }
        for (String field : List.of("name", "description", "settings")) {
            if (document.containsKey(field)) {
                request.add(field, document.get(field));
            }
        }
        return request.build();
    }

    /** A canvas replacement, and the names of the nodes by the ids it gives them. */
    record CanvasRequest(JsonObject body, Map<String, String> namesById) {}

    /**
     * The document's graph as a canvas replacement of a new workflow's version 1: each node gets a
     * fresh id from {@code newIds} (unused UUIDs, which the replacement keeps), and edges name nodes
     * by those ids. Problems of shape are recorded under the file's own paths.
     */
    static CanvasRequest canvasRequest(JsonObject document, Supplier<String> newIds, FieldErrors errors) {
        JsonArray nodes = arrayField(document, "nodes", errors);
        JsonArray edges = arrayField(document, "edges", errors);
        Map<String, String> clientIds = new HashMap<>();
        Map<String, String> namesById = new HashMap<>();
        JsonArrayBuilder nodeList = JSON.createArrayBuilder();
        for (int i = 0; i < nodes.size(); i++) {
            String clientId = newIds.get();
            if (nodes.get(i) instanceof JsonObject node) {
                if (node.get("name") instanceof JsonString name) {
                    clientIds.putIfAbsent(name.getString().trim(), clientId);
                    namesById.put(clientId, name.getString().trim());
                }
                JsonObjectBuilder request = JSON.createObjectBuilder(node).add("id", clientId);
                nodeList.add(request);
            } else {
                nodeList.add(nodes.get(i));
            }
        }
        JsonArrayBuilder edgeList = JSON.createArrayBuilder();
        for (int i = 0; i < edges.size(); i++) {
            if (!(edges.get(i) instanceof JsonObject edge)) {
                edgeList.add(edges.get(i));
                continue;
            }
            JsonObjectBuilder request = JSON.createObjectBuilder(edge);
            for (String end : List.of("source", "target")) {
                if (edge.get(end) instanceof JsonString name) {
                    String clientId = clientIds.get(name.getString().trim());
                    if (clientId == null) {
                        errors.nested("edges[" + i + "]")
                                .add(end, "No node in this file is named '" + name.getString() + "'.");
                    } else {
                        request.add(end, clientId);
                    }
                }
            }
            edgeList.add(request);
        }
        return new CanvasRequest(
                JSON.createObjectBuilder()
                        .add("version", 1)
                        .add("nodes", nodeList)
                        .add("edges", edgeList)
                        .build(),
                namesById);
    }

    /** The format fields, when given, must be this server's: a later format version is not guessed at. */
    static void checkFormat(JsonObject document, FieldErrors errors) {
        JsonValue format = document.get("format");
        if (format != null
                && !(format instanceof JsonString text && text.getString().equals(FORMAT))) {
            errors.add("format", "Must be '" + FORMAT + "'.");
        }
        JsonValue version = document.get("format_version");
        if (version != null && !JSON.createValue(FORMAT_VERSION).equals(version)) {
            errors.add("format_version", "This server reads format version " + FORMAT_VERSION + ".");
        }
    }

    private static JsonArray arrayField(JsonObject document, String field, FieldErrors errors) {
        JsonValue value = document.get(field);
        if (value == null || value == JsonValue.NULL) {
            return JsonValue.EMPTY_JSON_ARRAY;
        }
        if (value instanceof JsonArray array) {
            return array;
        }
        errors.add(field, "Must be a list.");
        return JsonValue.EMPTY_JSON_ARRAY;
    }
}
