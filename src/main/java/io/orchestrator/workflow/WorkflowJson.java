package io.orchestrator.workflow;

import static io.orchestrator.platform.Jsonp.JSON;

import io.orchestrator.nodes.NodeType;
import io.orchestrator.nodes.form.SecretValues;
import io.orchestrator.platform.JsonText;
import io.orchestrator.platform.Timestamps;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** How workflows, nodes and edges look in the API. */
final class WorkflowJson {

    private WorkflowJson() {}

    static JsonObject workflow(Workflow workflow) {
        return JSON.createObjectBuilder()
                .add("id", workflow.id())
                .add("name", workflow.name())
                .add("description", workflow.description())
                .add("workspace", workflow.workspace())
                .add("active", workflow.active())
                .add("version", workflow.version())
                .add("settings", JsonText.parseObject(workflow.settings()))
                .add("created_at", Timestamps.json(workflow.createdAt()))
                .add("updated_at", Timestamps.json(workflow.updatedAt()))
                .build();
    }

    /** The node with the input and output of its last execution, null when it has none. */
    static JsonObjectBuilder node(WorkflowNode node, NodeType type, LastExecution last) {
        return node(node, type, JsonText.parseObject(node.formValues()), last);
    }

    /** The node with its form values already parsed, for a caller that has them at hand. */
    static JsonObjectBuilder node(WorkflowNode node, NodeType type, JsonObject formValues, LastExecution last) {
        NodeSettings settings = node.settings();
        PinnedOutput pin = node.pin();
        JsonArrayBuilder routes = JSON.createArrayBuilder();
        if (type != null) {
            type.routes(formValues).forEach(routes::add);
        }
        return JSON.createObjectBuilder()
                .add("id", node.id())
                .add("node_type", node.nodeType())
                .add("name", node.name())
                .add("position", position(node.position()))
                .add("form_values", type == null ? formValues : SecretValues.mask(type.form(), formValues))
                .add("routes", routes)
                .add("disabled", settings.disabled())
                .add(
                        "retry",
                        JSON.createObjectBuilder()
                                .add("max_attempts", settings.maxAttempts())
                                .add("delay_ms", settings.retryDelayMs())
                                .add("backoff_multiplier", settings.backoffMultiplier()))
                .add(
                        "timeout_ms",
                        settings.timeoutMs() == null ? JsonValue.NULL : JSON.createValue(settings.timeoutMs()))
                .add("input_data", last == null ? JsonValue.NULL : JsonText.parse(last.input()))
                .add("output_data", last == null ? JsonValue.NULL : JsonText.parse(last.output()))
                .add("pinned_output", pin == null ? JsonValue.NULL : pin.outputJson())
                .add("pinned_route", pin == null ? JsonValue.NULL : JSON.createValue(pin.route()))
                .add("created_at", Timestamps.json(node.createdAt()))
                .add("updated_at", Timestamps.json(node.updatedAt()));
    }

    static JsonObject position(Position position) {
        return JSON.createObjectBuilder()
                .add("x", position.x())
                .add("y", position.y())
                .build();
    }

    static JsonObject edge(WorkflowGraph.Edge edge) {
        return JSON.createObjectBuilder()
                .add("id", edge.id())
                .add("source", edge.source())
                .add("source_handle", edge.sourceHandle())
                .add("target", edge.target())
                .add("target_handle", edge.targetHandle())
                .build();
    }

    static JsonObjectBuilder canvas(
            Workflow workflow,
            List<WorkflowNode> nodes,
            Map<String, LastExecution> last,
            List<WorkflowGraph.Edge> edges,
            Function<String, NodeType> types) {
        JsonArrayBuilder nodeList = JSON.createArrayBuilder();
        nodes.forEach(node -> nodeList.add(node(node, types.apply(node.nodeType()), last.get(node.id()))));
        JsonArrayBuilder edgeList = JSON.createArrayBuilder();
        edges.forEach(edge -> edgeList.add(edge(edge)));
        return JSON.createObjectBuilder()
                .add("id", workflow.id())
                .add("name", workflow.name())
                .add("version", workflow.version())
                .add("active", workflow.active())
                .add("nodes", nodeList)
                .add("edges", edgeList);
    }

    static JsonArrayBuilder ids(Collection<String> ids) {
        JsonArrayBuilder list = JSON.createArrayBuilder();
        ids.forEach(list::add);
        return list;
    }

    static JsonObjectBuilder idMap(Map<String, String> map) {
        JsonObjectBuilder json = JSON.createObjectBuilder();
        map.forEach(json::add);
        return json;
    }
}
