package io.orchestrator.platform;

import static io.orchestrator.testing.JsonLiterals.object;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class FieldErrorsTest {

    private final FieldErrors errors = new FieldErrors();

    @Test
    void keepsEveryMessageOfAFieldInOrder() {
        errors.add("name", "Too long.").add("name", "Taken.");
        assertEquals(object("{'name': ['Too long.', 'Taken.']}"), errors.toJson());
    }

    @Test
    void listsFieldsInTheOrderTheyWereFirstReported() {
        errors.add("url", "a").add("method", "b").add("url", "c");
        assertEquals(List.of("url", "method"), List.copyOf(errors.toJson().keySet()));
    }

    @Test
    void nestsPartsUnderTheirKeys() {
        errors.nested("nodes[0]").nested("form_values").add("url", "Must be a string.");
        assertEquals(object("{'nodes[0]': {'form_values': {'url': ['Must be a string.']}}}"), errors.toJson());
    }

    @Test
    void nestedReturnsTheSamePartForTheSameKey() {
        FieldErrors first = errors.nested("edges[1]");
        assertSame(first, errors.nested("edges[1]"));
        first.add("source", "a");
        errors.nested("edges[1]").add("target", "b");
        assertEquals(object("{'edges[1]': {'source': ['a'], 'target': ['b']}}"), errors.toJson());
    }

    @Test
    void aNestedPartKeepsThePlaceWhereItWasFirstAsked() {
        FieldErrors node = errors.nested("node");
        errors.add("name", "x");
        node.add("url", "y");
        assertEquals(List.of("node", "name"), List.copyOf(errors.toJson().keySet()));
    }

    @Test
    void isEmptyWhenNew() {
        assertTrue(errors.isEmpty());
        assertEquals(object("{}"), errors.toJson());
    }

    @Test
    void isEmptyWhenItsOnlyPartsAreEmpty() {
        errors.nested("a").nested("b");
        errors.nested("c");
        assertTrue(errors.isEmpty());
    }

    @Test
    void isNotEmptyWithAMessageDeepDown() {
        errors.nested("a");
        errors.nested("b").nested("c").add("d", "x");
        assertFalse(errors.isEmpty());
    }

    @Test
    void leavesEmptyPartsOutOfItsJson() {
        errors.nested("nodes[0]");
        errors.nested("nodes[1]").nested("form_values");
        errors.add("name", "x");
        assertEquals(object("{'name': ['x']}"), errors.toJson());
    }

    @Test
    void throwIfAnyDoesNothingWithoutMessages() {
        errors.nested("quiet");
        assertDoesNotThrow(() -> errors.throwIfAny("Bad"));
    }

    @Test
    void throwIfAnyThrowsAValidationErrorWithTheMessagesAsDetails() {
        errors.nested("node").add("url", "Must be a string.");
        ApiException thrown = assertThrows(ApiException.class, () -> errors.throwIfAny("The node is not valid"));
        assertEquals(ErrorCode.VALIDATION_ERROR, thrown.code());
        assertEquals("The node is not valid", thrown.getMessage());
        assertEquals(object("{'node': {'url': ['Must be a string.']}}"), thrown.details());
    }

    @Test
    void listsTheFirstHundredMessagesAndCountsTheRest() {
        FieldErrors errors = new FieldErrors();
        FieldErrors node = errors.nested("nodes[0]");
        for (int i = 0; i < 50_000; i++) {
            (i % 2 == 0 ? errors : node).add("key" + i, "Unknown field.");
        }

        assertEquals(50_000, errors.count());
        assertEquals(25_000, node.count());
        var json = errors.toJson();
        assertEquals(
                "49900 more problems, not listed: fix these first.",
                json.getJsonArray(FieldErrors.NOT_LISTED).getString(0));
        assertEquals(100 + 2, json.size() + json.getJsonObject("nodes[0]").size(), json::toString);
    }
}
