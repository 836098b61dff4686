package io.orchestrator.nodes;

import static io.orchestrator.testing.JsonLiterals.json;
import static io.orchestrator.testing.JsonLiterals.object;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class SetSessionNodeTest {

    private final SetSessionNode type = new SetSessionNode();

    @Test
    void writesResolvedValuesOverTheSessionAndPassesTheInputOn() throws Exception {
        TestNodeCall call = TestNodeCall.of(
                type, "{'values': {'token': '${input.token}', 'count': '${session.count + 1}'}}", "{'token': 't-1'}");
        call.session().putVariables(object("{'count': 1, 'kept': true}"));

        NodeOutcome outcome = call.run();

        assertEquals(json("{'token': 't-1'}"), outcome.output());
        assertEquals(
                object("{'count': 2, 'kept': true, 'token': 't-1'}"),
                call.session().variables());
    }

    @Test
    void valuesMustBeAnObject() {
        NodeFailure failure = assertThrows(
                NodeFailure.class,
                () -> TestNodeCall.of(type, "{'values': '${input}'}", "'text'").run());
        assertEquals(ErrorType.VALIDATION, failure.errorType());
    }
}
