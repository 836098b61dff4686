package io.orchestrator.nodes;

import static io.orchestrator.testing.JsonLiterals.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class RespondWebhookNodeTest {

    private final RespondWebhookNode type = new RespondWebhookNode();

    @Test
    void answersWithStatusHeadersAndTheResolvedBody() throws Exception {
        NodeOutcome outcome = TestNodeCall.of(
                        type,
                        "{'status': '${input.ok ? 201 : 400}',"
                                + " 'headers': {'X-Order': '${input.id}', 'X-Count': 3},"
                                + " 'body': {'id': '${input.id}', 'items': '${input.items}'}}",
                        "{'ok': true, 'id': 'A7', 'items': [1, 2]}")
                .run();
        assertEquals(
                json("{'status': 201, 'headers': {'X-Order': 'A7', 'X-Count': '3'},"
                        + " 'body': {'id': 'A7', 'items': [1, 2]}}"),
                outcome.webhookAnswer());
        assertEquals(json("{'ok': true, 'id': 'A7', 'items': [1, 2]}"), outcome.output());
    }

    @Test
    void defaultsTo200WithNoHeadersAndANullBody() throws Exception {
        assertEquals(
                json("{'status': 200, 'headers': {}, 'body': null}"),
                TestNodeCall.of(type, "{}", "{}").run().webhookAnswer());
    }

    @Test
    void aStatusOutOfRangeFails() {
        NodeFailure failure = assertThrows(
                NodeFailure.class,
                () -> TestNodeCall.of(type, "{'status': '${input.s}'}", "{'s': 99}")
                        .run());
        assertEquals("The field 'status' must be a whole number between 100 and 599, but is 99.", failure.getMessage());
    }
}
