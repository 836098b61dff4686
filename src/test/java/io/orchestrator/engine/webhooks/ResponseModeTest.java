package io.orchestrator.engine.webhooks;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.orchestrator.nodes.WebhookNode;
import io.orchestrator.nodes.form.FormField;
import jakarta.json.Json;
import jakarta.json.JsonValue;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The node types may not depend on the engine, so the webhook node spells the modes itself: they must agree. */
class ResponseModeTest {

    private final FormField field =
            new WebhookNode().form().field("response_mode").orElseThrow();

    @Test
    void theWireValuesAreTheWebhookNodesChoices() {
        assertEquals(
                field.options(),
                Arrays.stream(ResponseMode.values())
                        .map(ResponseMode::wireValue)
                        .toList());
    }

    @Test
    void aNodeThatChoosesNoModeGetsTheFormsDefault() {
        assertEquals(
                field.defaultValue(),
                Json.createValue(ResponseMode.of(JsonValue.EMPTY_JSON_OBJECT).wireValue()));
    }
}
