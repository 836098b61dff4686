package io.orchestrator.nodes;

import static io.orchestrator.nodes.NodeChecks.problems;
import static io.orchestrator.nodes.NodeChecks.reported;
import static io.orchestrator.testing.JsonLiterals.json;
import static io.orchestrator.testing.JsonLiterals.object;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.orchestrator.platform.FieldErrors;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
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
        assertEquals(
                object("{}"),
                problems(
                        type,
                        "{'inputs': [{'name': 'amount', 'type': 'number'},"
                                + " {'name': '_flag2', 'type': 'boolean'}, {'name': 'colour', 'type': 'choice', 'options': ['red']},"
                                + " {'name': 'Text'}, {'name': 'doc', 'type': 'json'}]}"));
    }

    @Test
    void refusesAnInputNameStartingWithADigit() {
        assertEquals(reported("inputs[0].name", BAD_NAME), problems(type, "{'inputs': [{'name': '1st'}]}"));
    }

    @Test
    void refusesAnInputNameWithASpaceOrADash() {
        assertEquals(
                object("{'inputs[0].name': ['" + BAD_NAME + "'], 'inputs[1].name': ['" + BAD_NAME + "']}"),
                problems(type, "{'inputs': [{'name': 'first name'}, {'name': 'first-name'}]}"));
    }

    @Test
    void acceptsAnInputNameOfAHundredCharactersButNotMore() {
        String hundred = "n".repeat(100);
        assertEquals(object("{}"), problems(type, "{'inputs': [{'name': '" + hundred + "'}]}"));
        assertEquals(
                reported("inputs[0].name", BAD_NAME), problems(type, "{'inputs': [{'name': '" + hundred + "n'}]}"));
    }

    @Test
    void refusesAChoiceInputWithoutOptions() {
        assertEquals(
                reported("inputs[1].options", "A choice input needs at least one option."),
                problems(type, "{'inputs': [{'name': 'a'}, {'name': 'b', 'type': 'choice'}]}"));
    }

    @Test
    void refusesAChoiceInputWithAnEmptyListOfOptions() {
        assertEquals(
                reported("inputs[0].options", "A choice input needs at least one option."),
                problems(type, "{'inputs': [{'name': 'b', 'type': 'choice', 'options': []}]}"));
    }

    @Test
    void refusesAnInputNameUsedTwice() {
        assertEquals(
                reported("inputs", "The input name 'a' is used twice."),
                problems(type, "{'inputs': [{'name': 'a'}, {'name': 'b'}, {'name': 'a', 'type': 'number'}]}"));
    }

    @Test
    void hasNothingToCheckWithoutInputs() {
        assertEquals(object("{}"), problems(type, "{}"));
    }

    // the run's input

    private static final String INPUTS = "{'inputs': [{'name': 'title', 'required': true},"
            + " {'name': 'amount', 'type': 'number', 'default': 10}, {'name': 'urgent', 'type': 'boolean'},"
            + " {'name': 'colour', 'type': 'choice', 'options': ['red', 'blue']}, {'name': 'doc', 'type': 'json'}]}";

    private JsonObject validated(String given, FieldErrors errors) {
        return type.validatedInput(object(INPUTS), json(given), errors);
    }

    @Test
    void acceptsAGoodInputFillingInDefaultsAndKeepingExtraKeys() {
        FieldErrors errors = new FieldErrors();
        JsonObject input =
                validated("{'title': 'Hi', 'urgent': true, 'colour': 'blue', 'doc': {'a': [1]}, 'extra': 1}", errors);
        assertTrue(errors.isEmpty(), errors.toJson().toString());
        assertEquals(
                object(
                        "{'title': 'Hi', 'urgent': true, 'colour': 'blue', 'doc': {'a': [1]}, 'extra': 1, 'amount': 10}"),
                input);
    }

    @Test
    void convertsTextForNumbersAndBooleans() {
        FieldErrors errors = new FieldErrors();
        JsonObject input = validated("{'title': 'Hi', 'amount': '12.5', 'urgent': 'false'}", errors);
        assertTrue(errors.isEmpty(), errors.toJson().toString());
        assertEquals(object("{'title': 'Hi', 'amount': 12.5, 'urgent': false}"), input);
    }

    @Test
    void reportsEachWrongInputByName() {
        FieldErrors errors = new FieldErrors();
        validated("{'amount': 'lots', 'urgent': 'yes', 'colour': 'green', 'title': ''}", errors);
        assertEquals(
                object("{'title': ['This input is required.'], 'amount': ['Must be a number.'],"
                        + " 'urgent': ['Must be true or false.'], 'colour': ['Must be one of: red, blue.']}"),
                errors.toJson());
    }

    @Test
    void textMustBeText() {
        FieldErrors errors = new FieldErrors();
        validated("{'title': 5}", errors);
        assertEquals(reported("title", "Must be text."), errors.toJson());
    }

    @Test
    void noInputAtAllGetsTheDefaultsAndTheRequiredErrors() {
        FieldErrors errors = new FieldErrors();
        JsonObject input = type.validatedInput(object(INPUTS), JsonValue.NULL, errors);
        assertEquals(object("{'amount': 10}"), input);
        assertEquals(reported("title", "This input is required."), errors.toJson());
    }

    @Test
    void anInputThatIsNotAnObjectIsRefused() {
        FieldErrors errors = new FieldErrors();
        type.validatedInput(object(INPUTS), json("[1]"), errors);
        assertEquals(reported("input", "Must be an object of input name to value."), errors.toJson());
    }

    @Test
    void withoutDeclaredInputsAnyObjectPasses() {
        FieldErrors errors = new FieldErrors();
        assertEquals(object("{'a': 1}"), type.validatedInput(object("{}"), json("{'a': 1}"), errors));
        assertTrue(errors.isEmpty());
    }
}
