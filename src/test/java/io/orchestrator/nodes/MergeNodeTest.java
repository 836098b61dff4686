package io.orchestrator.nodes;

import static io.orchestrator.testing.JsonLiterals.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class MergeNodeTest {

    private final MergeNode type = new MergeNode();

    @Test
    void byNameGivesTheInputKeyedBySource() throws Exception {
        assertEquals(
                json("{'A': {'x': 1}, 'B': [2]}"),
                TestNodeCall.of(type, "{}", "{'A': {'x': 1}, 'B': [2]}").run().output());
    }

    @Test
    void listGivesTheSourcesOutputsInOrder() throws Exception {
        assertEquals(
                json("[{'x': 1}, [2]]"),
                TestNodeCall.of(type, "{'mode': 'list'}", "{'A': {'x': 1}, 'B': [2]}")
                        .run()
                        .output());
    }

    @Test
    void listOfAnInputThatIsNotAnObjectIsAListOfOne() throws Exception {
        assertEquals(
                json("['only']"),
                TestNodeCall.of(type, "{'mode': 'list'}", "'only'").run().output());
    }

    @Test
    void anUnknownModeFromATemplateFails() {
        NodeFailure failure = assertThrows(
                NodeFailure.class,
                () -> TestNodeCall.of(type, "{'mode': '${input.m}'}", "{'m': 'zip'}")
                        .run());
        assertEquals("The field 'mode' must be by_name or list, but is 'zip'.", failure.getMessage());
    }
}
