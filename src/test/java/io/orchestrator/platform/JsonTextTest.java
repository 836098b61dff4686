package io.orchestrator.platform;

import static io.orchestrator.testing.JsonLiterals.object;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

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
}
