package io.orchestrator.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.orchestrator.it.support.Api;
import io.orchestrator.it.support.SharedServer;
import io.orchestrator.it.support.TestWorkflow;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import org.junit.jupiter.api.Test;

/** Development mode gives a node the input a run would give it. */
class DevelopmentModeApiIT {

    private final Api api = SharedServer.admin();

    @Test
    void aMergeInListModeWithOneSourceGivesTheSameListInARunAndInDevelopmentMode() {
        TestWorkflow workflow = TestWorkflow.create(api, "merge one source");
        String start = workflow.addNodeId("manual-trigger", "Start");
        String pick = workflow.addNode("transform", "Pick", json("{\"fields\": {\"v\": \"${input.n}\"}}"))
                .getString("id");
        String join =
                workflow.addNode("merge", "Join", json("{\"mode\": \"list\"}")).getString("id");
        workflow.connect(start, pick);
        workflow.connect(pick, join);

        JsonObject run = workflow.runToEnd(json("{\"n\": 3}"));
        JsonValue pickedInRun = TestWorkflow.lastExecution(run, pick).get("output");
        JsonValue joinedInRun = TestWorkflow.lastExecution(run, join).get("output");
        assertEquals(
                Json.createArrayBuilder().add(pickedInRun).build(),
                joinedInRun,
                "in a run: a list holding the one source's output");

        JsonObject picked = execute(
                workflow,
                Json.createObjectBuilder()
                        .add("node_id", pick)
                        .add("input_data", json("{\"n\": 3}"))
                        .build());
        assertEquals(pickedInRun, picked.get("output"));
        JsonObject joined = execute(
                workflow, Json.createObjectBuilder().add("node_id", join).build());
        assertEquals(
                Json.createObjectBuilder().add("Pick", pickedInRun).build(),
                joined.get("input_data"),
                "a join gets its one source by name, as in a run");
        assertEquals(joinedInRun, joined.get("output"), "development mode: the same list as the run");
        assertEquals(
                joined.get("input_data"),
                api.get(workflow.nodePath(join, "input/")).object(200).get("input_data"),
                "input/ answers what development mode gives the node");
    }

    private JsonObject execute(TestWorkflow workflow, JsonObject request) {
        JsonObject answer =
                api.post(workflow.path("execute_and_save_node/"), request).object(200);
        assertTrue(answer.getBoolean("success"), answer::toString);
        return answer;
    }

    private static JsonObject json(String text) {
        return (JsonObject) Api.parse(text);
    }
}
