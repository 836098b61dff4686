package io.orchestrator.nodes;

import static io.orchestrator.testing.JsonLiterals.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;

class ConditionNodeTest {

    private final ConditionNode type = new ConditionNode();

    private NodeOutcome run(String expression, String input) throws NodeFailure {
        return TestNodeCall.of(type, "{'expression': '" + expression + "'}", input)
                .run();
    }

    @Test
    void takesTheTrueRouteWithTheInputAsOutput() throws Exception {
        NodeOutcome outcome = run("${input.amount > 100}", "{'amount': 150}");
        assertEquals(Routes.TRUE, outcome.route());
        assertEquals(json("{'amount': 150}"), outcome.output());
    }

    @Test
    void takesTheFalseRoute() throws Exception {
        assertEquals(Routes.FALSE, run("${input.amount > 100}", "{'amount': 5}").route());
    }

    @Test
    void acceptsAnExpressionWithoutDollarBraces() throws Exception {
        JsonObject values = Json.createObjectBuilder()
                .add("expression", "input.kind == 'vip' && !empty input.tags")
                .build();
        assertEquals(
                Routes.TRUE,
                new TestNodeCall(type, values, json("{'kind': 'vip', 'tags': ['x']}"))
                        .run()
                        .route());
    }

    @Test
    void failsWhenTheExpressionIsNotBoolean() {
        NodeFailure failure = assertThrows(NodeFailure.class, () -> run("${input.amount}", "{'amount': 5}"));
        assertEquals(ErrorType.EXPRESSION, failure.errorType());
        assertTrue(
                failure.getMessage().contains("must give true or false, but gave the number 5"), failure.getMessage());
    }
}
