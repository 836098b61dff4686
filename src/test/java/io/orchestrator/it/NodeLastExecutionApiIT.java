package io.orchestrator.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.orchestrator.it.support.Api;
import io.orchestrator.it.support.SharedServer;
import io.orchestrator.it.support.TestWorkflow;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A node's input and output are those of its last execution, in a run or in development mode,
 * whichever came last: in {@code nodes/{id}/output/}, in the node itself and in {@code canvas_data}.
 */
class NodeLastExecutionApiIT {

    private final Api api = SharedServer.admin();

    /** Start (manual trigger) → Double → Label. */
    private record Chain(TestWorkflow workflow, String start, String doubled, String label) {

        List<String> nodes() {
            return List.of(start, doubled, label);
        }
    }

    private Chain chain() {
        TestWorkflow workflow = TestWorkflow.create(api, "last execution");
        String start = workflow.addNodeId("manual-trigger", "Start");
        String doubled = workflow.addNode("transform", "Double", json("{\"fields\": {\"x\": \"${input.n * 2}\"}}"))
                .getString("id");
        String label = workflow.addNode("transform", "Label", json("{\"fields\": {\"label\": \"x is ${input.x}\"}}"))
                .getString("id");
        workflow.connect(start, doubled);
        workflow.connect(doubled, label);
        return new Chain(workflow, start, doubled, label);
    }

    @Test
    void afterARunEachNodeHasTheRunsInputAndOutputUntilDevelopmentModeExecutesItAgain() {
        Chain chain = chain();
        JsonObject run = chain.workflow().runToEnd(json("{\"n\": 4}"));
        assertEquals("SUCCESS", run.getString("status"), run::toString);
        for (String node : chain.nodes()) {
            JsonObject execution = TestWorkflow.lastExecution(run, node);
            assertNodeData(chain.workflow(), node, execution.get("input"), execution.get("output"));
            // A node's input/ is what it would get now: its source's last output (the run's), or for
            // the trigger, which has no source, its own last input (the run's input).
            assertEquals(execution.get("input"), inputNow(chain.workflow(), node), "input/ of " + node);
        }
        assertEquals(json("{\"label\": \"x is 8\"}"), outputOf(chain.workflow(), chain.label()));

        JsonObject developed = api.post(
                        chain.workflow().path("execute_and_save_node/"),
                        Json.createObjectBuilder()
                                .add("node_id", chain.label())
                                .add("input_data", json("{\"x\": 100}"))
                                .build())
                .object(200);
        assertTrue(developed.getBoolean("success"), developed::toString);

        assertNodeData(chain.workflow(), chain.label(), json("{\"x\": 100}"), json("{\"label\": \"x is 100\"}"));
        assertEquals(
                TestWorkflow.lastExecution(run, chain.doubled()).get("output"),
                inputNow(chain.workflow(), chain.label()),
                "input/ is what the node would get now from its source, not the input it was last given");
        for (String node : List.of(chain.start(), chain.doubled())) {
            JsonObject execution = TestWorkflow.lastExecution(run, node);
            assertNodeData(chain.workflow(), node, execution.get("input"), execution.get("output"));
        }

        JsonObject second = chain.workflow().runToEnd(json("{\"n\": 5}"));
        for (String node : chain.nodes()) {
            JsonObject execution = TestWorkflow.lastExecution(second, node);
            assertNodeData(chain.workflow(), node, execution.get("input"), execution.get("output"));
        }
        assertEquals(
                json("{\"label\": \"x is 10\"}"),
                outputOf(chain.workflow(), chain.label()),
                "a run after development mode is the newer execution");
    }

    @Test
    void aNodeSkippedInARunKeepsItsEarlierData() {
        TestWorkflow workflow = TestWorkflow.create(api, "skipped keeps data");
        String start = workflow.addNodeId("manual-trigger", "Start");
        String check = workflow.addNode("condition", "Check", json("{\"expression\": \"${input.n > 5}\"}"))
                .getString("id");
        String big = workflow.addNode("transform", "Big", json("{\"fields\": {\"size\": \"big\"}}"))
                .getString("id");
        workflow.connect(start, check);
        workflow.connect(check, "true", big);
        JsonObject developed = api.post(
                        workflow.path("execute_and_save_node/"),
                        Json.createObjectBuilder()
                                .add("node_id", big)
                                .add("input_data", json("{\"n\": 9}"))
                                .build())
                .object(200);
        assertTrue(developed.getBoolean("success"), developed::toString);

        JsonObject run = workflow.runToEnd(json("{\"n\": 1}"));

        assertEquals("SKIPPED", TestWorkflow.lastExecution(run, big).getString("status"), run::toString);
        assertNodeData(workflow, big, json("{\"n\": 9}"), json("{\"size\": \"big\"}"));
        JsonObject checked = TestWorkflow.lastExecution(run, check);
        assertNodeData(workflow, check, checked.get("input"), checked.get("output"));
    }

    @Test
    void aNodeALaterRunSkippedKeepsTheDataOfTheEarlierRunThatExecutedIt() {
        TestWorkflow workflow = TestWorkflow.create(api, "earlier run keeps data");
        String start = workflow.addNodeId("manual-trigger", "Start");
        String check = workflow.addNode("condition", "Check", json("{\"expression\": \"${input.n > 5}\"}"))
                .getString("id");
        String big = workflow.addNode("transform", "Big", json("{\"fields\": {\"n\": \"${input.n}\"}}"))
                .getString("id");
        workflow.connect(start, check);
        workflow.connect(check, "true", big);

        JsonObject executed = workflow.runToEnd(json("{\"n\": 9}"));
        JsonObject skipped = workflow.runToEnd(json("{\"n\": 1}"));

        assertEquals("SUCCESS", TestWorkflow.lastExecution(executed, big).getString("status"), executed::toString);
        assertEquals("SKIPPED", TestWorkflow.lastExecution(skipped, big).getString("status"), skipped::toString);
        assertNodeData(workflow, big, json("{\"n\": 9}"), json("{\"n\": 9}"));
        assertNodeData(workflow, check, json("{\"n\": 1}"), json("{\"n\": 1}"));
    }

    /** The node's data as its output/, as the node itself and as one node of the canvas. */
    private void assertNodeData(TestWorkflow workflow, String nodeId, JsonValue input, JsonValue output) {
        assertEquals(output, outputOf(workflow, nodeId), "output/ of " + nodeId);
        JsonObject node = api.get(workflow.nodePath(nodeId, "")).object(200);
        assertEquals(input, node.get("input_data"), "input_data of " + node);
        assertEquals(output, node.get("output_data"), "output_data of " + node);
        JsonObject inCanvas = workflow.canvas().getJsonArray("nodes").getValuesAs(JsonObject.class).stream()
                .filter(candidate -> candidate.getString("id").equals(nodeId))
                .findFirst()
                .orElseThrow();
        assertEquals(input, inCanvas.get("input_data"), "canvas input_data of " + inCanvas);
        assertEquals(output, inCanvas.get("output_data"), "canvas output_data of " + inCanvas);
    }

    private JsonValue outputOf(TestWorkflow workflow, String nodeId) {
        return api.get(workflow.nodePath(nodeId, "output/")).object(200).get("output_data");
    }

    private JsonValue inputNow(TestWorkflow workflow, String nodeId) {
        return api.get(workflow.nodePath(nodeId, "input/")).object(200).get("input_data");
    }

    private static JsonObject json(String text) {
        return (JsonObject) Api.parse(text);
    }
}
