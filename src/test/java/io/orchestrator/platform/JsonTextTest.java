package io.orchestrator.platform;

import static io.orchestrator.testing.JsonLiterals.object;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonValue;
import org.junit.jupiter.api.Test;

class JsonTextTest {

    @Test
    void parsesAnyJsonValue() {
        assertEquals(Json.createValue("x"), JsonText.parse("\"x\""));
        assertEquals(JsonValue.TRUE, JsonText.parse("true"));
        assertEquals(object("{'a': [1]}"), JsonText.parse("{\"a\": [1]}"));
    }

    @Test
    void parsesNoTextAsJsonNull() {
        assertEquals(JsonValue.NULL, JsonText.parse(null));
    }

    @Test
    void keepsNumbersExactlyAsWritten() {
        assertEquals(
                "{\"price\":1.10,\"big\":12345678901234567890}",
                JsonText.write(JsonText.parse("{\"price\": 1.10, \"big\": 12345678901234567890}")));
    }

    @Test
    void throwsOnMalformedText() {
        assertThrows(JsonException.class, () -> JsonText.parse("{\"a\":"));
    }

    @Test
    void parseObjectTakesAnythingButAnObjectAsEmpty() {
        assertEquals(JsonValue.EMPTY_JSON_OBJECT, JsonText.parseObject("[1, 2]"));
        assertEquals(JsonValue.EMPTY_JSON_OBJECT, JsonText.parseObject(null));
        assertEquals(object("{'a': 1}"), JsonText.parseObject("{\"a\": 1}"));
    }

    @Test
    void writesNullAndJsonNullAsNoText() {
        assertNull(JsonText.write(null));
        assertNull(JsonText.write(JsonValue.NULL));
    }

    @Test
    void writesCompactJson() {
        assertEquals("{\"a\":[1,\"b\"]}", JsonText.write(object("{'a': [1, 'b']}")));
    }

    @Test
    void jsonFromOutsideIsReadWithinTheBodyLimits() {
        assertEquals(Json.createArrayBuilder().add(1).build(), JsonText.parseOutside("[1]"));
        String deepest = "[".repeat(JsonText.MAX_OUTSIDE_DEPTH) + "]".repeat(JsonText.MAX_OUTSIDE_DEPTH);
        assertEquals(
                JsonText.MAX_OUTSIDE_DEPTH * 2,
                JsonText.parseOutside(deepest).toString().length());

        String tooDeep = "[" + deepest + "]";
        assertTrue(assertThrows(JsonException.class, () -> JsonText.parseOutside(tooDeep))
                .getMessage()
                .contains("deeper than 64"));
        String tooLong = "\"" + "x".repeat(JsonText.MAX_OUTSIDE_CHARS) + "\"";
        assertTrue(assertThrows(JsonException.class, () -> JsonText.parseOutside(tooLong))
                .getMessage()
                .contains("more than the 2000000"));
        assertThrows(
                jakarta.json.stream.JsonParsingException.class,
                () -> JsonText.parseOutside("[" + "1".repeat(5000) + "]"),
                "Parsson's refusal of long numbers is malformed JSON, not an unexpected exception");
    }
}
