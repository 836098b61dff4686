package io.orchestrator.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.orchestrator.it.support.Api;
import io.orchestrator.it.support.MariaDb;
import io.orchestrator.it.support.SharedServer;
import io.orchestrator.it.support.TestWorkflow;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import org.junit.jupiter.api.Test;

/**
 * Pinned data: {@code POST/DELETE …/nodes/{id}/pin/}; development mode and development runs use a
 * pinned node's output instead of executing it, production runs never do.
 */
class PinnedDataApiIT {

    private static final JsonObject PINNED = json("{\"pinned\": 42}");

    private final Api api = SharedServer.admin();

    /** Start → Check (n > 5) → true: Yes, false: No; Check pinned with {pinned: 42} on false. */
    private record Graph(TestWorkflow workflow, String start, String check, String yes, String no) {}

    private Graph pinnedGraph(String name) {
        TestWorkflow workflow = TestWorkflow.create(api, name);
        String start = workflow.addNodeId("manual-trigger", "Start");
        String check = workflow.addNode("condition", "Check", json("{\"expression\": \"${input.n > 5}\"}"))
                .getString("id");
        String yes = workflow.addNode("transform", "Yes", json("{\"fields\": {\"v\": \"${input.n}\"}}"))
                .getString("id");
        String no = workflow.addNode("transform", "No", json("{\"fields\": {\"got\": \"${input.pinned}\"}}"))
                .getString("id");
        workflow.connect(start, check);
        workflow.connect(check, "true", yes);
        workflow.connect(check, "false", no);
        long before = workflow.version();
        JsonObject pinned = api.post(
                        workflow.nodePath(check, "pin/"), json("{\"output\": {\"pinned\": 42}, \"route\": \"false\"}"))
                .object(200);
        assertEquals(PINNED, pinned.get("pinned_output"));
        assertEquals("false", pinned.getString("pinned_route"));
        assertTrue(pinned.getJsonNumber("workflow_version").longValue() > before, "a pin is a change of the graph");
        return new Graph(workflow, start, check, yes, no);
    }

    @Test
    void aPinIsStoredOnTheNodeAndShownInTheCanvasAndUnpinningClearsIt() {
        Graph graph = pinnedGraph("pin and unpin");

        JsonObject node = node(graph.workflow().canvas(), graph.check());
        assertEquals(PINNED, node.get("pinned_output"));
        assertEquals("false", node.getString("pinned_route"));
        assertEquals(
                JsonValue.NULL, node(graph.workflow().canvas(), graph.yes()).get("pinned_output"));
        assertEquals(1, pinnedRows(graph.check()));

        JsonObject unpinned =
                api.delete(graph.workflow().nodePath(graph.check(), "pin/")).object(200);
        assertEquals(JsonValue.NULL, unpinned.get("pinned_output"));
        assertEquals(JsonValue.NULL, unpinned.get("pinned_route"));
        assertEquals(0, pinnedRows(graph.check()));
    }

    @Test
    void developmentModeGivesADownstreamNodeThePinnedOutputAsItsInput() {
        Graph graph = pinnedGraph("pin in development mode");
        TestWorkflow workflow = graph.workflow();

        assertEquals(
                PINNED,
                api.get(workflow.nodePath(graph.no(), "input/")).object(200).get("input_data"));
        JsonObject executed = api.post(
                        workflow.path("execute_and_save_node/"), json("{\"node_id\": \"" + graph.no() + "\"}"))
                .object(200);
        assertTrue(executed.getBoolean("success"), executed::toString);
        assertEquals(PINNED, executed.get("input_data"));
        assertEquals(json("{\"got\": 42}"), executed.get("output"));
    }

    @Test
    void aDevelopmentRunUsesThePinAndAProductionRunIgnoresIt() {
        Graph graph = pinnedGraph("pin in runs");
        TestWorkflow workflow = graph.workflow();

        JsonObject development = workflow.runToEnd(json("{\"input\": {\"n\": 10}, \"mode\": \"development\"}"));
        assertEquals("SUCCESS", development.getString("status"), development::toString);
        assertEquals("development", development.getString("trigger"));
        JsonObject check = TestWorkflow.lastExecution(development, graph.check());
        assertEquals(PINNED, check.get("output"), "the pinned node's output is its pin");
        assertEquals("false", check.getString("route"), "and it takes the pinned route, not the one n = 10 gives");
        assertEquals(
                json("{\"got\": 42}"),
                TestWorkflow.lastExecution(development, graph.no()).get("output"));
        assertEquals(
                "SKIPPED", TestWorkflow.lastExecution(development, graph.yes()).getString("status"));

        JsonObject production = workflow.runToEnd(json("{\"input\": {\"n\": 10}}"));
        assertEquals("SUCCESS", production.getString("status"), production::toString);
        assertEquals("manual", production.getString("trigger"));
        assertEquals(
                "true", TestWorkflow.lastExecution(production, graph.check()).getString("route"));
        assertEquals(
                json("{\"v\": 10}"),
                TestWorkflow.lastExecution(production, graph.yes()).get("output"));
        assertEquals(
                "SKIPPED", TestWorkflow.lastExecution(production, graph.no()).getString("status"));
    }

    @Test
    void anExportedFileCarriesThePinAndAnImportKeepsIt() {
        Graph graph = pinnedGraph("pin in a file");
        String exported = api.get(graph.workflow().path("export/")).text();

        JsonObject created = api.send("POST", "/api/workflow/import/", exported, "application/json")
                .object(201);

        JsonObject canvas = api.get("/api/workflow/" + created.getString("id") + "/canvas_data/")
                .object(200);
        JsonObject check = canvas.getJsonArray("nodes").getValuesAs(JsonObject.class).stream()
                .filter(node -> node.getString("name").equals("Check"))
                .findFirst()
                .orElseThrow();
        assertEquals(PINNED, check.get("pinned_output"));
        assertEquals("false", check.getString("pinned_route"));
    }

    @Test
    void badPinsAreRefusedWithTheirReason() {
        Graph graph = pinnedGraph("bad pins");
        TestWorkflow workflow = graph.workflow();

        api.post(workflow.nodePath("00000000-0000-0000-0000-000000000000", "pin/"), PINNED.toString())
                .error(404, "NOT_FOUND");
        JsonObject route = api.post(
                        workflow.nodePath(graph.check(), "pin/"), json("{\"output\": {}, \"route\": \"maybe\"}"))
                .error(422, "VALIDATION_ERROR");
        assertTrue(route.containsKey("route"), route::toString);
        JsonObject nothing = api.post(workflow.nodePath(graph.yes(), "pin/"), json("{\"output\": null}"))
                .error(422, "VALIDATION_ERROR");
        assertTrue(nothing.containsKey("output"), nothing::toString);
        api.post(workflow.nodePath(graph.check(), "pin/"), "{\"output\": ").error(400, "INVALID_REQUEST");
        api.post(workflow.nodePath(graph.check(), "pin/"), "[1, 2]").error(400, "INVALID_REQUEST");
        String huge = "{\"output\": \"" + "x".repeat(2_200_000) + "\"}";
        api.post(workflow.nodePath(graph.check(), "pin/"), huge).error(413, "PAYLOAD_TOO_LARGE");
        JsonObject mode = api.post(workflow.path("start_execution/"), json("{\"input\": {}, \"mode\": \"fast\"}"))
                .error(422, "VALIDATION_ERROR");
        assertTrue(mode.containsKey("mode"), mode::toString);
        assertEquals(PINNED, node(workflow.canvas(), graph.check()).get("pinned_output"), "the pin is unchanged");
    }

    private static long pinnedRows(String nodeId) {
        return MariaDb.count(
                SharedServer.DATABASE,
                "SELECT COUNT(*) FROM workflow_node WHERE id = ? AND pinned_output IS NOT NULL AND pinned_route IS NOT NULL",
                nodeId);
    }

    private static JsonObject node(JsonObject canvas, String id) {
        return canvas.getJsonArray("nodes").getValuesAs(JsonObject.class).stream()
                .filter(node -> node.getString("id").equals(id))
                .findFirst()
                .orElseThrow();
    }

    private static JsonObject json(String text) {
        return (JsonObject) Api.parse(text);
    }
}
