package io.orchestrator.workflow;

import static io.orchestrator.testing.JsonLiterals.object;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.orchestrator.nodes.NodeType;
import io.orchestrator.nodes.TransformNode;
import io.orchestrator.nodes.WebhookNode;
import io.orchestrator.platform.FieldErrors;
import jakarta.json.JsonObject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WorkflowDocumentTest {

    private static final Map<String, NodeType> TYPES =
            Map.of("webhook", new WebhookNode(), "transform", new TransformNode());

    private static WorkflowNode node(String id, String type, String name, String formValues) {
        return new WorkflowNode(
                id, "w", type, name, new Position(10, 20.5), formValues, new NodeSettings(true, 3, 500, 1.5, 9000L));
    }

    /** Single-quoted JSON in which {@code \\'} stands for an apostrophe inside a string. */
    private static JsonObject apostrophes(String singleQuoted) {
        return io.orchestrator.platform.JsonText.parseObject(
                singleQuoted.replace("\\'", "\u0000").replace('\'', '"').replace('\u0000', '\''));
    }

    @Test
    void theExportHasNoIdsNoTimesNoSecretsAndEdgesByName() {
        Workflow workflow = new Workflow("default", "Orders", "Takes orders", "{\"concurrency_limit\":10}");
        List<WorkflowNode> nodes = List.of(
                node("id-b", "transform", "Shape", "{\"fields\":{\"a\":\"${input.body}\"}}"),
                node("id-a", "webhook", "Hook", "{\"path\":\"orders\",\"secret\":\"s3cret\"}"));
        List<WorkflowGraph.Edge> edges = List.of(new WorkflowGraph.Edge("e1", "id-a", "default", "id-b", "default"));

        JsonObject document = WorkflowDocument.export(workflow, nodes, edges, TYPES::get);

        assertEquals(
                object(
                        "{'format': 'workflow-orchestrator/workflow', 'format_version': 1, 'name': 'Orders',"
                                + " 'description': 'Takes orders', 'settings': {'concurrency_limit': 10},"
                                + " 'nodes': ["
                                + "  {'name': 'Hook', 'node_type': 'webhook', 'position': {'x': 10.0, 'y': 20.5},"
                                + "   'form_values': {'path': 'orders'}, 'disabled': true,"
                                + "   'retry': {'max_attempts': 3, 'delay_ms': 500, 'backoff_multiplier': 1.5}, 'timeout_ms': 9000},"
                                + "  {'name': 'Shape', 'node_type': 'transform', 'position': {'x': 10.0, 'y': 20.5},"
                                + "   'form_values': {'fields': {'a': '${input.body}'}}, 'disabled': true,"
                                + "   'retry': {'max_attempts': 3, 'delay_ms': 500, 'backoff_multiplier': 1.5}, 'timeout_ms': 9000}],"
                                + " 'edges': [{'source': 'Hook', 'source_handle': 'default', 'target': 'Shape', 'target_handle': 'default'}]}"),
                document);
        assertTrue(!document.toString().contains("s3cret"));
    }

    @Test
    void nodesComeInGraphOrderWithNamesBreakingTies() {
        Workflow workflow = new Workflow("default", "W", "", "{}");
        List<WorkflowNode> nodes = List.of(
                node("4", "transform", "d", "{}"),
                node("3", "transform", "c", "{}"),
                node("2", "transform", "b", "{}"),
                node("1", "transform", "z-first", "{}"));
        List<WorkflowGraph.Edge> edges = List.of(
                new WorkflowGraph.Edge("e1", "1", "default", "4", "default"),
                new WorkflowGraph.Edge("e2", "4", "default", "2", "default"),
                new WorkflowGraph.Edge("e3", "1", "default", "3", "default"));

        JsonObject document = WorkflowDocument.export(workflow, nodes, edges, TYPES::get);

        assertEquals(
                List.of("z-first", "c", "d", "b"),
                document.getJsonArray("nodes").getValuesAs(JsonObject.class).stream()
                        .map(node -> node.getString("name"))
                        .toList());
        assertEquals(
                List.of("d>b", "z-first>c", "z-first>d"),
                document.getJsonArray("edges").getValuesAs(JsonObject.class).stream()
                        .map(edge -> edge.getString("source") + ">" + edge.getString("target"))
                        .toList(),
                "edges sorted, whatever order they were stored in");
    }

    @Test
    void aFileBecomesACanvasReplacementWithClientIds() {
        FieldErrors errors = new FieldErrors();
        int[] next = {0};
        WorkflowDocument.CanvasRequest request = WorkflowDocument.canvasRequest(
                object("{'nodes': [{'name': 'A', 'node_type': 'transform'}, {'name': 'B', 'node_type': 'transform'}],"
                        + " 'edges': [{'source': 'A', 'target': 'B'}]}"),
                () -> "file-node-" + next[0]++,
                errors);

        assertTrue(errors.isEmpty());
        assertEquals(
                object("{'version': 1, 'nodes': [{'name': 'A', 'node_type': 'transform', 'id': 'file-node-0'},"
                        + " {'name': 'B', 'node_type': 'transform', 'id': 'file-node-1'}],"
                        + " 'edges': [{'source': 'file-node-0', 'target': 'file-node-1'}]}"),
                request.body());
        assertEquals(java.util.Map.of("file-node-0", "A", "file-node-1", "B"), request.namesById());
    }

    @Test
    void edgesToUnknownNamesAndWrongShapesAreReportedUnderTheFilesPaths() {
        FieldErrors errors = new FieldErrors();
        WorkflowDocument.canvasRequest(
                object("{'nodes': [{'name': 'A'}], 'edges': [{'source': 'A', 'target': 'Nope'}]}"), () -> "id", errors);
        WorkflowDocument.checkFormat(object("{'format': 'other', 'format_version': 2}"), errors);
        WorkflowDocument.canvasRequest(object("{'nodes': {}, 'edges': 'x'}"), () -> "id", errors);

        assertEquals(
                apostrophes("{'edges[0]': {'target': ['No node in this file is named \\'Nope\\'.']},"
                        + " 'format': ['Must be \\'workflow-orchestrator/workflow\\'.'],"
                        + " 'format_version': ['This server reads format version 1.'],"
                        + " 'nodes': ['Must be a list.'], 'edges': ['Must be a list.']}"),
                errors.toJson());
    }
}
