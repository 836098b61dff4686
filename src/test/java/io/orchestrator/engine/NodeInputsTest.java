package io.orchestrator.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.orchestrator.platform.JsonText;
import jakarta.json.JsonValue;
import java.util.List;
import org.junit.jupiter.api.Test;

class NodeInputsTest {

    private static final JsonValue ENTRY = JsonText.parse("{\"amount\":5}");
    private static final NodeInputs.Source A = new NodeInputs.Source("A", JsonText.parse("{\"a\":1}"));
    private static final NodeInputs.Source B = new NodeInputs.Source("B", JsonText.parse("[2]"));

    @Test
    void aNodeWithoutSourcesGetsTheEntryInput() {
        assertEquals(ENTRY, NodeInputs.of(ENTRY, List.of(), false));
        assertEquals(ENTRY, NodeInputs.of(ENTRY, List.of(), true));
    }

    @Test
    void oneSourceIsPassedAsItIs() {
        assertEquals(A.output(), NodeInputs.of(ENTRY, List.of(A), false));
    }

    @Test
    void aJoinGetsItsOneSourceByName() {
        assertEquals(JsonText.parse("{\"A\":{\"a\":1}}"), NodeInputs.of(ENTRY, List.of(A), true));
    }

    @Test
    void severalSourcesAreKeyedByNameInOrder() {
        assertEquals(
                "{\"B\":[2],\"A\":{\"a\":1}}",
                NodeInputs.of(ENTRY, List.of(B, A), false).toString());
    }
}
