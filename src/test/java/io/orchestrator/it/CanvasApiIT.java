package io.orchestrator.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.orchestrator.it.support.Api;
import io.orchestrator.it.support.MariaDb;
import io.orchestrator.it.support.SharedServer;
import io.orchestrator.it.support.TestWorkflow;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** {@code /api/workflow/{id}/canvas_data/}: the whole graph read at once and replaced at once, or not at all. */
class CanvasApiIT {

    private static final String DB = SharedServer.DATABASE;

    private final Api api = SharedServer.admin();

    @Test
    void theCanvasCarriesEveryNodeWithItsFormRoutesAndData() {
        TestWorkflow workflow = TestWorkflow.create(api, "Canvas");
        String trigger = workflow.addNodeId("manual-trigger", "Start");
        String check = workflow.addNodeId("condition", "Check");
        String edge = workflow.connect(trigger, check).getString("id");
        MariaDb.update(
                DB,
                "UPDATE workflow_node SET input_data = ?, output_data = ? WHERE id = ?",
                "{\"in\":1}",
                "{\"out\":2}",
                check);

        JsonObject canvas = workflow.canvas();

        assertEquals(workflow.id(), canvas.getString("id"));
        assertEquals(workflow.name(), canvas.getString("name"));
        assertEquals(4, canvas.getInt("version"), "created, two nodes, one edge");
        assertEquals(2, canvas.getJsonArray("nodes").size());
        JsonObject node = nodesByName(canvas).get("Check");
        assertEquals(check, node.getString("id"));
        assertEquals("condition", node.getString("node_type"));
        assertEquals(List.of("true", "false"), Api.strings(node.getJsonArray("routes")));
        assertTrue(node.containsKey("form_values") && node.containsKey("position"), node.toString());
        assertEquals(Api.parse("{\"in\":1}"), node.get("input_data"));
        assertEquals(Api.parse("{\"out\":2}"), node.get("output_data"));
        assertEquals(JsonValue.NULL, nodesByName(canvas).get("Start").get("output_data"));
        JsonObject storedEdge = canvas.getJsonArray("edges").getJsonObject(0);
        assertEquals(
                Map.of(
                        "id",
                        edge,
                        "source",
                        trigger,
                        "target",
                        check,
                        "source_handle",
                        "default",
                        "target_handle",
                        "default"),
                Map.of(
                        "id",
                        storedEdge.getString("id"),
                        "source",
                        storedEdge.getString("source"),
                        "target",
                        storedEdge.getString("target"),
                        "source_handle",
                        storedEdge.getString("source_handle"),
                        "target_handle",
                        storedEdge.getString("target_handle")));
        api.get("/api/workflow/" + UUID.randomUUID() + "/canvas_data/").error(404, "NOT_FOUND");
    }

    @Test
    void putReplacesTheGraphAndMapsTheClientsTemporaryIds() {
        TestWorkflow workflow = TestWorkflow.create(api, "Replace");
        String dropped = workflow.addNodeId("transform", "Dropped");
        long version = workflow.version();

        JsonObject replaced =
                api.put(workflow.path("canvas_data/"), """
                {"version": %d,
                 "nodes": [
                   {"id": "n1", "node_type": "manual-trigger", "name": "Start", "position": {"x": 0, "y": 0}},
                   {"id": "n2", "node_type": "http-request", "name": "Call", "position": {"x": 200, "y": 0},
                    "form_values": {"url": "https://example.com/", "method": "POST"}},
                   {"id": "n3", "nodeTemplate": "condition", "name": "Check", "position": {"x": 400, "y": 0}}
                 ],
                 "edges": [
                   {"source": "n1", "target": "n2"},
                   {"source": "n2", "source_handle": "error", "target": "n3"}
                 ]}
                """.formatted(version)).object(200);

        JsonObject idMap = replaced.getJsonObject("id_map");
        assertEquals(Set.of("n1", "n2", "n3"), idMap.keySet());
        Map<String, JsonObject> nodes = nodesByName(replaced);
        assertEquals(Set.of("Start", "Call", "Check"), nodes.keySet(), "the node not sent is gone");
        assertEquals(idMap.getString("n1"), nodes.get("Start").getString("id"));
        UUID.fromString(idMap.getString("n2"));
        assertEquals("POST", nodes.get("Call").getJsonObject("form_values").getString("method"));
        assertEquals(
                30000, nodes.get("Call").getJsonObject("form_values").getInt("timeout_ms"), "new nodes get defaults");
        Set<String> edges = replaced.getJsonArray("edges").getValuesAs(JsonObject.class).stream()
                .map(edge -> edge.getString("source") + " " + edge.getString("source_handle") + " "
                        + edge.getString("target"))
                .collect(Collectors.toSet());
        assertEquals(
                Set.of(
                        idMap.getString("n1") + " default " + idMap.getString("n2"),
                        idMap.getString("n2") + " error " + idMap.getString("n3")),
                edges);
        assertEquals(version + 1, replaced.getJsonNumber("version").longValue());

        assertEquals(
                replaced.getJsonArray("nodes"),
                workflow.canvas().getJsonArray("nodes"),
                "what PUT answers is what GET reads");
        assertEquals(3, workflow.storedNodes());
        assertEquals(2, workflow.storedEdges());
        assertEquals(0, MariaDb.count(DB, "SELECT COUNT(*) FROM workflow_node WHERE id = ?", dropped));
    }

    @Test
    void putKeepsExistingIdsAndTheirDataAndLetsTwoNodesSwapNames() {
        TestWorkflow workflow = TestWorkflow.create(api, "Swap");
        String first = workflow.addNodeId("transform", "First");
        String second = workflow.addNodeId("transform", "Second");
        MariaDb.update(DB, "UPDATE workflow_node SET output_data = ? WHERE id = ?", "{\"kept\":true}", first);
        long version = workflow.version();

        JsonObject replaced = api.put(
                        workflow.path("canvas_data/"), """
                {"version": %d,
                 "nodes": [
                   {"id": "%s", "node_type": "transform", "name": "Second", "position": {"x": 10, "y": 20}},
                   {"id": "%s", "node_type": "transform", "name": "First"}
                 ],
                 "edges": [{"source": "%s", "target": "%s"}]}
                """.formatted(version, first, second, first, second))
                .object(200);

        assertEquals(JsonValue.EMPTY_JSON_OBJECT, replaced.get("id_map"), "known ids need no mapping");
        Map<String, JsonObject> nodes = nodesByName(replaced);
        assertEquals(first, nodes.get("Second").getString("id"));
        assertEquals(second, nodes.get("First").getString("id"));
        assertEquals(
                Api.parse("{\"kept\":true}"),
                nodes.get("Second").get("output_data"),
                "a kept node keeps its last output");
        assertEquals("Second", MariaDb.queryValue(DB, "SELECT name FROM workflow_node WHERE id = ?", first));
        assertEquals("First", MariaDb.queryValue(DB, "SELECT name FROM workflow_node WHERE id = ?", second));
        assertEquals(1, workflow.storedEdges());
    }

    @Test
    void putCannotTakeOverANodeOfAnotherWorkflow() {
        TestWorkflow theirs = TestWorkflow.create(api, "Theirs");
        String theirNode = theirs.addNodeId("transform", "Their node");
        TestWorkflow mine = TestWorkflow.create(api, "Mine");

        JsonObject replaced = api.put(mine.path("canvas_data/"), """
                {"version": %d, "nodes": [{"id": "%s", "node_type": "transform", "name": "Taken?"}], "edges": []}
                """.formatted(mine.version(), theirNode))
                .object(200);

        String mapped = replaced.getJsonObject("id_map").getString(theirNode);
        assertNotEquals(theirNode, mapped, "an id in use elsewhere gets a new one");
        assertEquals(mapped, replaced.getJsonArray("nodes").getJsonObject(0).getString("id"));
        assertEquals("Their node", MariaDb.queryValue(DB, "SELECT name FROM workflow_node WHERE id = ?", theirNode));
        assertEquals(
                theirs.id(), MariaDb.queryValue(DB, "SELECT workflow_id FROM workflow_node WHERE id = ?", theirNode));
    }

    @Test
    void aStaleOrMissingVersionChangesNothing() {
        TestWorkflow workflow = TestWorkflow.create(api, "Stale");
        workflow.addNode("transform", "Only");
        JsonObject before = workflow.canvas();
        long version = before.getJsonNumber("version").longValue();

        JsonObject conflict = api.put(
                        workflow.path("canvas_data/"),
                        "{\"version\": " + (version - 1) + ", \"nodes\": [], \"edges\": []}")
                .error(409, "CONFLICT");
        assertEquals(version, conflict.getJsonNumber("current_version").longValue());
        JsonObject missing = api.put(workflow.path("canvas_data/"), "{\"nodes\": [], \"edges\": []}")
                .error(422, "VALIDATION_ERROR");
        assertTrue(missing.containsKey("version"), missing.toString());

        assertEquals(before, workflow.canvas());
        assertEquals(1, workflow.storedNodes());
    }

    @Test
    void anInvalidGraphIsRefusedWithDetailsPerItemAndChangesNothing() {
        TestWorkflow workflow = TestWorkflow.create(api, "Atomic");
        String a = workflow.addNodeId("transform", "A");
        String b = workflow.addNodeId("transform", "B");
        workflow.connect(a, b);
        JsonObject before = workflow.canvas();
        long version = before.getJsonNumber("version").longValue();

        JsonObject cycle = refusedCanvas(workflow, version, """
                [{"id": "%s", "node_type": "transform", "name": "A"}, {"id": "%s", "node_type": "transform", "name": "B"},
                 {"id": "n3", "node_type": "transform", "name": "C"}]""".formatted(a, b), """
                [{"source": "%s", "target": "%s"}, {"source": "%s", "target": "n3"}, {"source": "n3", "target": "%s"}]""".formatted(a, b, b, a));
        assertTrue(
                cycle.getJsonObject("edges[2]")
                        .getJsonArray("edge")
                        .getString(0)
                        .contains("cycle"),
                cycle.toString());
        assertFalse(cycle.containsKey("edges[0]"), "only the edge that closes the cycle is wrong: " + cycle);

        JsonObject unknownType = refusedCanvas(workflow, version, """
                [{"id": "n1", "node_type": "transform", "name": "Fine"}, {"id": "n2", "node_type": "teleport"}]""", "[]");
        assertTrue(unknownType.getJsonObject("nodes[1]").containsKey("node_type"), unknownType.toString());

        JsonObject badEdge = refusedCanvas(workflow, version, """
                [{"id": "n1", "node_type": "webhook", "name": "Hook"}, {"id": "n2", "node_type": "transform", "name": "T"}]""", """
                [{"source": "nowhere", "target": "n2"}, {"source": "n2", "target": "n1"}]""");
        assertTrue(badEdge.getJsonObject("edges[0]").containsKey("source"), badEdge.toString());
        assertTrue(badEdge.getJsonObject("edges[1]").containsKey("target"), "into a trigger: " + badEdge);

        JsonObject badNodes = refusedCanvas(workflow, version, """
                [{"id": "n1", "node_type": "http-request", "name": "Same", "form_values": {"timeout_ms": "abc"}},
                 {"id": "n2", "node_type": "transform", "name": "Same"}, "not a node",
                 {"id": "n4", "node_type": "transform", "form_values": "not an object"}]""", "[]");
        assertTrue(
                badNodes.getJsonObject("nodes[0]").getJsonObject("form_values").containsKey("timeout_ms"),
                badNodes.toString());
        assertTrue(badNodes.getJsonObject("nodes[1]").containsKey("name"), badNodes.toString());
        assertTrue(badNodes.containsKey("nodes[2]"), badNodes.toString());
        assertTrue(badNodes.getJsonObject("nodes[3]").containsKey("form_values"), badNodes.toString());

        assertEquals(before, workflow.canvas(), "nothing changed");
        assertEquals(2, workflow.storedNodes());
        assertEquals(1, workflow.storedEdges());
        assertEquals(version, MariaDb.count(DB, "SELECT version FROM workflow WHERE id = ?", workflow.id()));
    }

    private JsonObject refusedCanvas(TestWorkflow workflow, long version, String nodes, String edges) {
        String body = "{\"version\": " + version + ", \"nodes\": " + nodes + ", \"edges\": " + edges + "}";
        return api.put(workflow.path("canvas_data/"), body).error(422, "VALIDATION_ERROR");
    }

    private static Map<String, JsonObject> nodesByName(JsonObject canvas) {
        return canvas.getJsonArray("nodes").getValuesAs(JsonObject.class).stream()
                .collect(Collectors.toMap(node -> node.getString("name"), node -> node));
    }
}
