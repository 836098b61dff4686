package io.orchestrator.platform;

import static io.orchestrator.testing.JsonLiterals.json;
import static io.orchestrator.testing.JsonLiterals.object;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MultivaluedHashMap;
import jakarta.ws.rs.core.MultivaluedMap;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.lang.annotation.Annotation;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class JsonBodyReaderTest {

    private static final int LIMIT = 100;
    private static final int DEPTH = 3;

    private final JsonBodyReader reader = new JsonBodyReader();
    private final MultivaluedMap<String, String> headers = new MultivaluedHashMap<>();

    JsonBodyReaderTest() {
        reader.bodies = BodyReader.withLimits(LIMIT, DEPTH);
    }

    @SuppressWarnings("unchecked")
    private JsonValue read(Class<? extends JsonValue> type, InputStream body) {
        return reader.readFrom((Class<JsonValue>) type, type, new Annotation[0], null, headers, body);
    }

    private JsonValue read(Class<? extends JsonValue> type, String body) {
        return read(type, new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)));
    }

    private JsonValue readObject(String body) {
        return read(JsonObject.class, body);
    }

    /** Reads the body as a JSON object and returns the error it is refused with. */
    private ApiException refused(String body) {
        return assertThrows(ApiException.class, () -> readObject(body));
    }

    private static void assertInvalidRequest(String message, ApiException thrown) {
        assertEquals(ErrorCode.INVALID_REQUEST, thrown.code());
        assertEquals(400, thrown.code().status());
        assertEquals(message, thrown.getMessage());
    }

    private static void assertTooLarge(ApiException thrown) {
        assertEquals(ErrorCode.PAYLOAD_TOO_LARGE, thrown.code());
        assertEquals(413, thrown.code().status());
        assertEquals("The request body is larger than 100 bytes (ORCHESTRATOR_MAX_BODY_BYTES)", thrown.getMessage());
    }

    /** A body of exactly {@code size} bytes: an object with one string padded to fit. */
    private static String objectOfSize(int size) {
        return "{\"p\":\"" + "x".repeat(size - 8) + "\"}";
    }

    @Test
    void readsEveryKindOfValue() {
        assertEquals(
                object("{'a': [1, 2.5, true, false, null, 'x', {}]}"),
                readObject("{\"a\": [1, 2.5, true, false, null, \"x\", {}]}"));
    }

    @Test
    void keepsLargeAndPreciseNumbers() {
        assertEquals(
                "{\"big\":9007199254740993,\"exact\":0.10}",
                readObject("{\"big\": 9007199254740993, \"exact\": 0.10}").toString());
    }

    @Test
    void keepsIntegersPastTheRangeOfALongAsWritten() {
        // Squeezed into a long, 10^20 would read 7766279631452241920.
        assertEquals(
                "{\"huge\":100000000000000000000,\"below\":-100000000000000000000}",
                readObject("{\"huge\": 100000000000000000000, \"below\": -100000000000000000000}")
                        .toString());
    }

    @Test
    void readsAJsonValueOfAnyKindWhenAskedForOne() {
        assertEquals(json("42"), read(JsonValue.class, "42"));
    }

    @Test
    void takesEveryJsonValueTypeButNothingElse() {
        assertTrue(reader.isReadable(JsonObject.class, JsonObject.class, new Annotation[0], null));
        assertTrue(reader.isReadable(JsonValue.class, JsonValue.class, new Annotation[0], null));
        assertFalse(reader.isReadable(String.class, String.class, new Annotation[0], null));
    }

    // size

    @Test
    void acceptsABodyOfExactlyTheLimit() {
        headers.putSingle(HttpHeaders.CONTENT_LENGTH, Integer.toString(LIMIT));
        assertEquals(
                LIMIT - 8,
                readObject(objectOfSize(LIMIT)).asJsonObject().getString("p").length());
    }

    @Test
    void refusesADeclaredLengthOverTheLimitWithoutReadingTheBody() {
        headers.putSingle(HttpHeaders.CONTENT_LENGTH, Integer.toString(LIMIT + 1));
        InputStream unreadable = new InputStream() {
            @Override
            public int read() {
                throw new AssertionError("the body was read");
            }
        };
        assertTooLarge(assertThrows(ApiException.class, () -> read(JsonObject.class, unreadable)));
    }

    @Test
    void refusesABodyWithoutALengthOnceItPassesTheLimit() {
        assertTooLarge(refused(objectOfSize(LIMIT + 1)));
    }

    @Test
    void refusesAnOversizedBodyWhoseDeclaredLengthIsNotANumber() {
        headers.putSingle(HttpHeaders.CONTENT_LENGTH, "lots");
        assertTooLarge(refused(objectOfSize(10 * LIMIT)));
    }

    @Test
    void countsTrailingWhitespaceTowardsTheLimit() {
        assertTooLarge(refused("{}" + " ".repeat(LIMIT)));
    }

    // depth

    @Test
    void acceptsNestingUpToTheDepthLimit() {
        assertEquals(object("{'a': {'b': [1]}}"), readObject("{\"a\": {\"b\": [1]}}"));
    }

    @Test
    void refusesNestingOneLevelDeeperThanTheLimit() {
        assertInvalidRequest("The JSON document is nested deeper than 3 levels", refused("{\"a\": {\"b\": [[1]]}}"));
    }

    @Test
    void refusesDeepNestingOfArraysAlone() {
        assertInvalidRequest(
                "The JSON document is nested deeper than 3 levels",
                assertThrows(ApiException.class, () -> read(JsonArray.class, "[".repeat(40) + "]".repeat(40))));
    }

    // malformed documents

    @Test
    void saysWhereMalformedJsonStopsAtTheOffendingCharacter() {
        assertInvalidRequest("Malformed JSON at line 2, column 8", refused("{\n  \"a\": ,\n  \"b\": 1\n}"));
    }

    @Test
    void refusesAnEmptyBodySayingItIsEmpty() {
        assertInvalidRequest("The request body is empty; send a JSON document", refused(""));
    }

    @Test
    void refusesTwoDocumentsWhereTheSecondBegins() {
        // Parsson's hasNext() throws on the second document instead of returning true.
        assertInvalidRequest("Malformed JSON at line 1, column 9", refused("{\"a\":1} {\"b\":2}"));
    }

    @Test
    void refusesAnArrayWhenAnObjectIsExpected() {
        assertInvalidRequest("The request body must be a JSON object", refused("[1, 2]"));
    }

    @Test
    void refusesAnObjectWhenAnArrayIsExpected() {
        assertInvalidRequest(
                "The request body must be a JSON array",
                assertThrows(ApiException.class, () -> read(JsonArray.class, "{}")));
    }

    @Test
    void refusesAStringWhenAnObjectIsExpected() {
        assertInvalidRequest("The request body must be a JSON object", refused("\"{}\""));
    }
}
