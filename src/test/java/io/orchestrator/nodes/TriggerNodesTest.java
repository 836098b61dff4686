package io.orchestrator.nodes;

import static io.orchestrator.testing.JsonLiterals.json;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Triggers pass the input the engine built for the run on as their output. */
class TriggerNodesTest {

    @Test
    void everyTriggerOutputsItsInput() throws Exception {
        for (NodeType trigger : new NodeType[] {new ManualTriggerNode(), new WebhookNode(), new ScheduleNode()}) {
            NodeOutcome outcome =
                    TestNodeCall.of(trigger, "{}", "{'body': {'a': 1}}").run();
            assertEquals(json("{'body': {'a': 1}}"), outcome.output(), trigger.key());
            assertEquals(Routes.DEFAULT, outcome.route(), trigger.key());
        }
    }
}
