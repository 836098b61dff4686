package io.orchestrator.platform;

import static io.orchestrator.testing.JsonLiterals.json;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import jakarta.json.Json;
import jakarta.json.JsonValue;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The reader's limits as a webhook meets them: bytes as sent, then JSON or text. */
class BodyReaderTest {

    private static final int LIMIT = 100;
    private static final int DEPTH = 3;
    /** 0xC3 starts a two-byte character; '(' cannot continue one. */
    private static final byte[] NOT_UTF8 = {'"', (byte) 0xC3, '(', '"'};

    private final BodyReader reader = BodyReader.withLimits(LIMIT, DEPTH);

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static JsonValue text(String text) {
        return Json.createValue(text);
    }

    private JsonValue undeclared(String body) {
        return reader.jsonOrText(utf8(body), false);
    }

    private static void assertRefused(ErrorCode code, String message, ApiException thrown) {
        assertEquals(code, thrown.code());
        assertEquals(message, thrown.getMessage());
    }

    @Test
    void bytesAreTheBodyAsSent() {
        byte[] body = {1, 2, (byte) 0xFF};
        assertArrayEquals(body, reader.bytes(new ByteArrayInputStream(body), null));
    }

    @Test
    void bytesPastTheLimitAre413WhetherDeclaredOrCounted() {
        String tooLarge = "The request body is larger than 100 bytes (ORCHESTRATOR_MAX_BODY_BYTES)";
        assertRefused(
                ErrorCode.PAYLOAD_TOO_LARGE,
                tooLarge,
                assertThrows(ApiException.class, () -> reader.bytes(new ByteArrayInputStream(new byte[1]), "101")));
        assertRefused(
                ErrorCode.PAYLOAD_TOO_LARGE,
                tooLarge,
                assertThrows(
                        ApiException.class, () -> reader.bytes(new ByteArrayInputStream(new byte[LIMIT + 1]), null)));
        assertEquals(LIMIT, reader.bytes(new ByteArrayInputStream(new byte[LIMIT]), null).length);
    }

    @Test
    void anEmptyBodyIsNull() {
        assertEquals(JsonValue.NULL, reader.jsonOrText(new byte[0], true));
    }

    @Test
    void aBodyDeclaredJsonIsJsonOfAnyKind() {
        assertEquals(json("{'n': 1}"), reader.jsonOrText(utf8("{\"n\": 1}"), true));
        assertEquals(json("42"), reader.jsonOrText(utf8("42"), true));
    }

    @Test
    void anUndeclaredBodyIsJsonOnlyWhenItStartsLikeAnObjectOrAnArray() {
        assertEquals(json("[1, {'a': true}]"), undeclared("  [1, {\"a\": true}]"));
        assertEquals(text("42"), undeclared("42"));
        assertEquals(text("hello"), undeclared("hello"));
    }

    @Test
    void anUndeclaredBodyThatOnlyLooksLikeJsonIsText() {
        assertEquals(text("{not json"), undeclared("{not json"));
        assertEquals(text("{} {}"), undeclared("{} {}"));
    }

    @Test
    void aBodyDeclaredJsonThatIsNotIs400SayingWhere() {
        assertRefused(
                ErrorCode.INVALID_REQUEST,
                "Malformed JSON at line 1, column 3",
                assertThrows(ApiException.class, () -> reader.jsonOrText(utf8("{not json"), true)));
    }

    @Test
    void bytesThatAreNotUtf8Are400WhateverTheBodySays() {
        for (boolean declaredJson : new boolean[] {true, false}) {
            assertRefused(
                    ErrorCode.INVALID_REQUEST,
                    "The request body is not UTF-8 text",
                    assertThrows(ApiException.class, () -> reader.jsonOrText(NOT_UTF8, declaredJson)));
        }
        assertEquals(text("caf\u00e9"), undeclared("caf\u00e9"));
    }

    @Test
    void nestingPastTheDepthLimitIs400EvenWhenTheBodyDidNotSayJson() {
        for (boolean declaredJson : new boolean[] {true, false}) {
            assertRefused(
                    ErrorCode.INVALID_REQUEST,
                    "The JSON document is nested deeper than 3 levels",
                    assertThrows(ApiException.class, () -> reader.jsonOrText(utf8("[[[[1]]]]"), declaredJson)));
        }
        assertEquals(json("[[[1]]]"), undeclared("[[[1]]]"));
    }

    @Test
    void integersPastTheRangeOfALongAreKeptAsWritten() {
        assertEquals(
                "{\"n\":100000000000000000000}",
                undeclared("{\"n\": 100000000000000000000}").toString());
    }

    @Test
    void numbersTheParserCannotHoldAre400SayingWhereNot500() {
        for (String number : new String[] {"1" + "0".repeat(10_000), "0.1e99999999999999999999", "1e-2147483648"}) {
            assertRefused(
                    ErrorCode.INVALID_REQUEST,
                    "A number ending at line 1, column " + (7 + number.length()) + " is too long or too large to read",
                    assertThrows(ApiException.class, () -> reader.jsonOrText(utf8("{\"n\": " + number + "}"), true)));
        }
        assertEquals(
                text("{\"n\": 0.1e99999999999999999999}"),
                undeclared("{\"n\": 0.1e99999999999999999999}"),
                "a body that did not say JSON and is none is text");
    }
}
