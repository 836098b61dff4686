package io.orchestrator.platform;

import static io.orchestrator.testing.JsonLiterals.object;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class RequestBodyTest {

    private static RequestBody body(String json) {
        return RequestBody.of(object(json));
    }

    private static JsonObject errorsOf(RequestBody body) {
        return body.errors().toJson();
    }

    /** The one field of {@code json}, read by {@code read}, is refused with this message and nothing else. */
    private static void assertRefused(String json, Function<RequestBody, Optional<?>> read, String message) {
        RequestBody body = body(json);
        String field = object(json).keySet().iterator().next();
        assertEquals(Optional.empty(), read.apply(body));
        assertEquals(reported(field, message), errorsOf(body));
    }

    private static JsonObject reported(String field, String message) {
        return object("{'" + field + "': ['" + message + "']}");
    }

    @Test
    void refusesAMissingBody() {
        ApiException thrown = assertThrows(ApiException.class, () -> RequestBody.of(null));
        assertEquals(ErrorCode.INVALID_REQUEST, thrown.code());
        assertEquals("The request needs a JSON object body", thrown.getMessage());
    }

    @Test
    void knowsWhichFieldsArePresent() {
        RequestBody body = body("{'a': null}");
        assertTrue(body.has("a"));
        assertEquals(false, body.has("b"));
    }

    // text

    @Test
    void textReturnsTheStringAsSent() {
        RequestBody body = body("{'name': ' Flow '}");
        assertEquals(Optional.of(" Flow "), body.text("name", 10));
        assertTrue(body.errors().isEmpty());
    }

    @Test
    void textOfAnAbsentOrNullFieldIsEmptyWithoutError() {
        RequestBody body = body("{'name': null}");
        assertEquals(Optional.empty(), body.text("name", 10));
        assertEquals(Optional.empty(), body.text("description", 10));
        assertTrue(body.errors().isEmpty());
    }

    @Test
    void textRefusesANonString() {
        assertRefused("{'name': 5}", body -> body.text("name", 10), "Must be a string.");
    }

    @Test
    void textAcceptsTheMaximumLengthAndRefusesOneMore() {
        assertEquals(Optional.of("12345"), body("{'name': '12345'}").text("name", 5));
        assertRefused("{'name': '123456'}", body -> body.text("name", 5), "Must be at most 5 characters.");
    }

    // requiredText

    @Test
    void requiredTextTrims() {
        assertEquals("Flow", body("{'name': '  Flow '}").requiredText("name", 10));
    }

    @Test
    void requiredTextReportsAnAbsentOrNullField() {
        RequestBody body = body("{'name': null}");
        assertNull(body.requiredText("name", 10));
        assertNull(body.requiredText("title", 10));
        assertEquals(
                object("{'name': ['This field is required.'], 'title': ['This field is required.']}"), errorsOf(body));
    }

    @Test
    void requiredTextReportsABlankString() {
        RequestBody body = body("{'name': ' \\t '}");
        assertNull(body.requiredText("name", 10));
        assertEquals(reported("name", "This field may not be blank."), errorsOf(body));
    }

    @Test
    void requiredTextReportsOnlyTheTypeOfANonString() {
        RequestBody body = body("{'name': ['Flow']}");
        assertNull(body.requiredText("name", 10));
        assertEquals(reported("name", "Must be a string."), errorsOf(body));
    }

    // bool

    @Test
    void boolReadsTrueAndFalse() {
        RequestBody body = body("{'a': true, 'b': false}");
        assertEquals(Optional.of(true), body.bool("a"));
        assertEquals(Optional.of(false), body.bool("b"));
        assertEquals(Optional.empty(), body.bool("c"));
    }

    @Test
    void boolRefusesTheTextTrue() {
        assertRefused("{'active': 'true'}", body -> body.bool("active"), "Must be true or false.");
    }

    // integer and number

    @Test
    void integerReadsAWholeNumberInRange() {
        assertEquals(Optional.of(50L), body("{'limit': 50}").integer("limit", 1, 100));
    }

    @Test
    void integerAcceptsBothEndsOfItsRange() {
        RequestBody body = body("{'low': 1, 'high': 100}");
        assertEquals(Optional.of(1L), body.integer("low", 1, 100));
        assertEquals(Optional.of(100L), body.integer("high", 1, 100));
    }

    @Test
    void integerRefusesAFraction() {
        assertRefused("{'limit': 2.5}", body -> body.integer("limit", 1, 100), "Must be a whole number.");
    }

    @Test
    void integerReportsOnlyTheRangeOfAnOutOfRangeNumber() {
        assertRefused("{'limit': 101}", body -> body.integer("limit", 1, 100), "Must be between 1 and 100.");
    }

    @Test
    void integerReadsTheLargestLong() {
        assertEquals(
                Optional.of(Long.MAX_VALUE),
                body("{'version': 9223372036854775807}").integer("version", 0, Long.MAX_VALUE));
    }

    @Test
    void integerRefusesOnePastTheLargestLongInsteadOfWrappingIt() {
        // 2^63: as a double it equals Long.MAX_VALUE, as a long it wraps to Long.MIN_VALUE.
        assertRefused(
                "{'version': 9223372036854775808}",
                body -> body.integer("version", 0, Long.MAX_VALUE),
                "Must be between 0 and 9223372036854775807.");
    }

    @Test
    void integerRefusesANumberThatWouldWrapIntoItsRange() {
        // 2^64 + 5 keeps only 5 in the low 64 bits of a long.
        assertRefused(
                "{'limit': 18446744073709551621}", body -> body.integer("limit", 1, 100), "Must be between 1 and 100.");
    }

    @Test
    void integerRefusesText() {
        assertRefused("{'limit': '5'}", body -> body.integer("limit", 1, 100), "Must be a number.");
    }

    @Test
    void numberReadsAFraction() {
        assertEquals(Optional.of(1.5), body("{'backoff': 1.5}").number("backoff", 1, 10));
    }

    @Test
    void numberRangeMessageKeepsFractionalBounds() {
        assertRefused("{'backoff': 0.25}", body -> body.number("backoff", 0.5, 2.5), "Must be between 0.5 and 2.5.");
    }

    @Test
    void numberRefusesABoolean() {
        assertRefused("{'x': true}", body -> body.number("x", 0, 1), "Must be a number.");
    }

    // object and array

    @Test
    void objectReadsAnObject() {
        assertEquals(
                Optional.of(object("{'x': 1}")), body("{'position': {'x': 1}}").object("position"));
    }

    @Test
    void objectRefusesAnArray() {
        assertRefused("{'position': [1, 2]}", body -> body.object("position"), "Must be a JSON object.");
    }

    @Test
    void arrayReadsAnArray() {
        assertEquals(2, body("{'nodes': [1, 2]}").array("nodes").orElseThrow().size());
    }

    @Test
    void arrayRefusesAnObject() {
        assertRefused("{'nodes': {}}", body -> body.array("nodes"), "Must be a JSON array.");
    }

    // validate

    @Test
    void validatePassesWhenEveryFieldWasFine() {
        RequestBody body = body("{'name': 'Flow', 'limit': 5}");
        body.requiredText("name", 10);
        body.integer("limit", 1, 10);
        assertDoesNotThrow(body::validate);
    }

    @Test
    void validateThrowsOneValidationErrorListingEveryProblem() {
        RequestBody body = body("{'name': '', 'limit': 0, 'active': 1}");
        body.requiredText("name", 10);
        body.integer("limit", 1, 10);
        body.bool("active");
        ApiException thrown = assertThrows(ApiException.class, body::validate);
        assertEquals(ErrorCode.VALIDATION_ERROR, thrown.code());
        assertEquals(422, thrown.code().status());
        assertEquals("The request has invalid fields", thrown.getMessage());
        assertEquals(
                object("{'name': ['This field may not be blank.'], 'limit': ['Must be between 1 and 10.'],"
                        + " 'active': ['Must be true or false.']}"),
                thrown.details());
    }

    @Test
    void aPartReportsIntoTheErrorsItIsGiven() {
        FieldErrors errors = new FieldErrors();
        RequestBody.part(object("{'x': 'a'}"), errors.nested("position")).number("x", 0, 10);
        assertEquals(object("{'position': {'x': ['Must be a number.']}}"), errors.toJson());
    }
}
