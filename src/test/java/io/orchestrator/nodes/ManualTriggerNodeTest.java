package io.orchestrator.nodes;

import static io.orchestrator.nodes.NodeChecks.problems;
import static io.orchestrator.nodes.NodeChecks.reported;
import static io.orchestrator.testing.JsonLiterals.object;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ManualTriggerNodeTest {

    private static final String BAD_NAME = "Must start with a letter or _ and hold only letters, digits and _.";

    private final ManualTriggerNode type = new ManualTriggerNode();

    @Test
    void startsWithNoInputs() {
        assertEquals(object("{'inputs': []}"), type.initialValues(object("{}")));
    }

    @Test
    void acceptsWellNamedInputsOfEveryType() {
        assertEquals(object("{}"), problems(type, "{'inputs': [{'name': 'amount', 'type': 'number'},"
                + " {'name': '_flag2', 'type': 'boolean'}, {'name': 'colour', 'type': 'choice', 'options': ['red']},"
                + " {'name': 'Text'}, {'name': 'doc', 'type': 'json'}]}"));
    }

    @Test
    void refusesAnInputNameStartingWithADigit() {
        assertEquals(reported("inputs[0].name", BAD_NAME), problems(type, "{'inputs': [{'name': '1st'}]}"));
    }

    @Test
    void refusesAnInputNameWithASpaceOrADash() {
        assertEquals(object("{'inputs[0].name': ['" + BAD_NAME + "'], 'inputs[1].name': ['" + BAD_NAME + "']}"),
                problems(type, "{'inputs': [{'name': 'first name'}, {'name': 'first-name'}]}"));
    }

    @Test
    void acceptsAnInputNameOfAHundredCharactersButNotMore() {
        String hundred = "n".repeat(100);
        assertEquals(object("{}"), problems(type, "{'inputs': [{'name': '" + hundred + "'}]}"));
        assertEquals(reported("inputs[0].name", BAD_NAME), problems(type, "{'inputs': [{'name': '" + hundred + "n'}]}"));
    }

    @Test
    void refusesAChoiceInputWithoutOptions() {
        assertEquals(reported("inputs[1].options", "A choice input needs at least one option."),
                problems(type, "{'inputs': [{'name': 'a'}, {'name': 'b', 'type': 'choice'}]}"));
    }

    @Test
    void refusesAChoiceInputWithAnEmptyListOfOptions() {
        assertEquals(reported("inputs[0].options", "A choice input needs at least one option."),
                problems(type, "{'inputs': [{'name': 'b', 'type': 'choice', 'options': []}]}"));
    }

    @Test
    void refusesAnInputNameUsedTwice() {
        assertEquals(reported("inputs", "The input name 'a' is used twice."),
                problems(type, "{'inputs': [{'name': 'a'}, {'name': 'b'}, {'name': 'a', 'type': 'number'}]}"));
    }

    @Test
    void hasNothingToCheckWithoutInputs() {
        assertEquals(object("{}"), problems(type, "{}"));
    }
}
