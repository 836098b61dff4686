package io.orchestrator.nodes;

import static io.orchestrator.testing.JsonLiterals.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import org.junit.jupiter.api.Test;

class TransformNodeTest {

    private final TransformNode type = new TransformNode();

    @Test
    void buildsItsOutputFromTheFieldsKeepingTypesOfSingleExpressions() throws Exception {
        NodeOutcome outcome = TestNodeCall.of(
                        type,
                        "{'fields': {'total': '${input.price * input.qty}',"
                                + " 'label': 'Order ${input.id}', 'flags': {'big': '${input.qty > 2}'}, 'fixed': 7}}",
                        "{'id': 'A7', 'price': 2.5, 'qty': 3}")
                .run();
        assertEquals(json("{'total': 7.5, 'label': 'Order A7', 'flags': {'big': true}, 'fixed': 7}"), outcome.output());
        assertEquals(Routes.DEFAULT, outcome.route());
    }

    @Test
    void readsEarlierNodesByName() throws Exception {
        JsonObject values = Json.createObjectBuilder()
                .add("fields", Json.createObjectBuilder().add("user", "${nodes['Get User'].output.name}"))
                .build();
        NodeOutcome outcome = new TestNodeCall(type, values, JsonValue.EMPTY_JSON_OBJECT)
                .withNodeOutput("Get User", json("{'name': 'Ada'}"))
                .run();
        assertEquals(json("{'user': 'Ada'}"), outcome.output());
    }

    @Test
    void keepInputSetsTheFieldsOverTheInput() throws Exception {
        NodeOutcome outcome = TestNodeCall.of(
                        type, "{'keep_input': true, 'fields': {'b': '${input.b + 1}', 'c': 'new'}}", "{'a': 1, 'b': 2}")
                .run();
        assertEquals(json("{'a': 1, 'b': 3, 'c': 'new'}"), outcome.output());
    }

    @Test
    void withoutKeepInputTheInputIsDropped() throws Exception {
        assertEquals(
                json("{'c': 'new'}"),
                TestNodeCall.of(type, "{'fields': {'c': 'new'}}", "{'a': 1}")
                        .run()
                        .output());
    }

    @Test
    void keepInputWithAnInputThatIsNotAnObjectGivesTheFields() throws Exception {
        assertEquals(
                json("{'c': 3}"),
                TestNodeCall.of(type, "{'keep_input': true, 'fields': {'c': '${length(input)}'}}", "[1, 2, 3]")
                        .run()
                        .output());
    }

    @Test
    void aBrokenExpressionFailsTheNodeNamingTheField() {
        NodeFailure failure = assertThrows(
                NodeFailure.class,
                () -> TestNodeCall.of(type, "{'fields': {'x': '${inptu.a}'}}", "{'a': 1}")
                        .run());
        assertEquals(ErrorType.EXPRESSION, failure.errorType());
        assertTrue(
                failure.getMessage().contains("'fields'")
                        && failure.getMessage().contains("Unknown name 'inptu'"),
                failure.getMessage());
    }

    @Test
    void fieldsFromATemplateMustBeAnObject() {
        NodeFailure failure = assertThrows(
                NodeFailure.class,
                () -> TestNodeCall.of(type, "{'fields': '${input.list}'}", "{'list': [1]}")
                        .run());
        assertEquals("The field 'fields' must be an object of name to value, but is a list.", failure.getMessage());
    }
}
