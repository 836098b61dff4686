package io.orchestrator.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.orchestrator.it.support.Api;
import io.orchestrator.it.support.MariaDb;
import io.orchestrator.it.support.SharedServer;
import io.orchestrator.it.support.TestWorkflow;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** {@code /api/workflow/{id}/edges/...}: connecting nodes under the graph rules (known routes, no self loop, no cycle). */
class EdgeApiIT {

    private static final String DB = SharedServer.DATABASE;

    private final Api api = SharedServer.admin();

    @Test
    void addingAnEdgeAnswers201AndTheHandlesDefaultToDefault() {
        TestWorkflow workflow = TestWorkflow.create(api, "Edge");
        String source = workflow.addNodeId("manual-trigger");
        String target = workflow.addNodeId("transform");

        JsonObject edge = api.post(
                        workflow.path("edges/add/"), "{\"source\":\"" + source + "\",\"target\":\"" + target + "\"}")
                .object(201);

        UUID.fromString(edge.getString("id"));
        assertEquals(source, edge.getString("source"));
        assertEquals(target, edge.getString("target"));
        assertEquals("default", edge.getString("source_handle"));
        assertEquals("default", edge.getString("target_handle"));
        assertEquals(
                1,
                MariaDb.count(
                        DB,
                        "SELECT COUNT(*) FROM workflow_edge WHERE id = ? AND workflow_id = ?"
                                + " AND source_node_id = ? AND source_handle = 'default' AND target_node_id = ?",
                        edge.getString("id"),
                        workflow.id(),
                        source,
                        target));
        assertEquals(
                edge.getString("id"),
                workflow.canvas().getJsonArray("edges").getJsonObject(0).getString("id"));
    }

    @Test
    void unknownOrMissingNodesAre422() {
        TestWorkflow workflow = TestWorkflow.create(api, "Unknown ends");
        String node = workflow.addNodeId("transform");
        String elsewhere = TestWorkflow.create(api, "Elsewhere").addNodeId("transform");

        assertTrue(
                refused(workflow, UUID.randomUUID().toString(), "default", node).containsKey("source"));
        assertTrue(
                refused(workflow, node, "default", UUID.randomUUID().toString()).containsKey("target"));
        assertTrue(refused(workflow, elsewhere, "default", node).containsKey("source"), "a node of another workflow");
        JsonObject missing = api.post(workflow.path("edges/add/"), "{\"source_handle\":\"default\"}")
                .error(422, "VALIDATION_ERROR");
        assertTrue(missing.containsKey("source") && missing.containsKey("target"), missing.toString());
        assertEquals(0, workflow.storedEdges());
    }

    @Test
    void anEdgeMustLeaveFromARouteOfItsSource() {
        TestWorkflow workflow = TestWorkflow.create(api, "Routes");
        String condition = workflow.addNodeId("condition");
        String target = workflow.addNodeId("transform");
        String call = workflow.addNodeId("http-request");

        JsonObject details = refused(workflow, condition, "maybe", target);
        assertTrue(details.getJsonArray("source_handle").getString(0).contains("true"), details.toString());
        refused(workflow, condition, "default", target);
        refused(workflow, target, "error", call);

        assertEquals("true", workflow.connect(condition, "true", target).getString("source_handle"));
        assertEquals("false", workflow.connect(condition, "false", call).getString("source_handle"));
        assertEquals("error", workflow.connect(call, "error", target).getString("source_handle"));
        assertEquals(3, workflow.storedEdges());
    }

    @Test
    void selfLoopsAndCyclesAre422() {
        TestWorkflow workflow = TestWorkflow.create(api, "Cycles");
        String a = workflow.addNodeId("transform", "Alpha");
        String b = workflow.addNodeId("transform", "Beta");
        String c = workflow.addNodeId("transform", "Gamma");

        assertTrue(refused(workflow, a, "default", a).containsKey("target"), "self loop");
        workflow.connect(a, b);
        workflow.connect(b, c);
        JsonObject cycle = refused(workflow, c, "default", a);
        String message = cycle.getJsonArray("edge").getString(0);
        assertTrue(message.contains("cycle") && message.contains("Alpha") && message.contains("Gamma"), message);
        refused(workflow, b, "default", a);
        assertEquals(2, workflow.storedEdges());
    }

    @Test
    void triggersTakeNoIncomingEdge() {
        TestWorkflow workflow = TestWorkflow.create(api, "Triggers");
        String source = workflow.addNodeId("transform");
        String webhook = workflow.addNodeId("webhook");
        String manual = workflow.addNodeId("manual-trigger");
        String schedule = workflow.addNodeId("schedule");

        for (String trigger : new String[] {webhook, manual, schedule}) {
            assertTrue(refused(workflow, source, "default", trigger)
                    .getJsonArray("target")
                    .getString(0)
                    .contains("trigger"));
        }
        workflow.connect(webhook, source);
        assertEquals(1, workflow.storedEdges());
    }

    @Test
    void duplicatesAndOtherTargetHandlesAre422() {
        TestWorkflow workflow = TestWorkflow.create(api, "Duplicates");
        String a = workflow.addNodeId("transform");
        String b = workflow.addNodeId("transform");
        workflow.connect(a, b);

        assertTrue(refused(workflow, a, "default", b).containsKey("edge"), "the same edge twice");
        JsonObject handle = api.post(
                        workflow.path("edges/add/"),
                        Json.createObjectBuilder(TestWorkflow.edge(b, "default", a))
                                .add("target_handle", "second")
                                .build())
                .error(422, "VALIDATION_ERROR");
        assertTrue(handle.containsKey("target_handle"), handle.toString());
        api.post(workflow.path("edges/add/"), "{\"source\":1,\"target\":[]}").error(422, "VALIDATION_ERROR");
        assertEquals(1, workflow.storedEdges());
    }

    @Test
    void removingAnEdgeAnswers200AndUnknownEdgesAre404() {
        TestWorkflow workflow = TestWorkflow.create(api, "Remove edge");
        String a = workflow.addNodeId("transform");
        String b = workflow.addNodeId("transform");
        String edge = workflow.connect(a, b).getString("id");
        TestWorkflow other = TestWorkflow.create(api, "Other");
        String otherEdge = other.connect(other.addNodeId("transform"), other.addNodeId("transform"))
                .getString("id");

        api.delete(workflow.path("edges/" + otherEdge + "/remove/")).error(404, "NOT_FOUND");
        assertEquals(1, other.storedEdges(), "an edge of another workflow is out of reach");

        JsonObject removed =
                api.delete(workflow.path("edges/" + edge + "/remove/")).object(200);
        assertEquals(edge, removed.getString("id"));
        assertEquals(0, workflow.storedEdges());
        assertEquals(2, workflow.storedNodes(), "its nodes stay");
        api.delete(workflow.path("edges/" + edge + "/remove/")).error(404, "NOT_FOUND");
        api.delete(workflow.path("edges/" + UUID.randomUUID() + "/remove/")).error(404, "NOT_FOUND");
        api.delete(workflow.path("edges/garbage/remove/")).error(404, "NOT_FOUND");
        workflow.connect(a, b);
    }

    private JsonObject refused(TestWorkflow workflow, String source, String handle, String target) {
        return api.post(workflow.path("edges/add/"), TestWorkflow.edge(source, handle, target))
                .error(422, "VALIDATION_ERROR");
    }
}
