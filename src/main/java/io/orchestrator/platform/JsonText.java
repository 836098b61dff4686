package io.orchestrator.platform;

import static io.orchestrator.platform.Jsonp.JSON;

import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import java.io.StringReader;

/** JSON documents stored as text (form values, settings, node data) read back with JSON-P, exactly. */
public final class JsonText {

    private JsonText() {}

    public static JsonValue parse(String text) {
        if (text == null) {
            return JsonValue.NULL;
        }
        try (JsonReader reader = JSON.createReader(new StringReader(text))) {
            return reader.readValue();
        }
    }

    public static JsonObject parseObject(String text) {
        JsonValue value = parse(text);
        return value instanceof JsonObject object ? object : JsonValue.EMPTY_JSON_OBJECT;
    }

    public static String write(JsonValue value) {
        return value == null || value.getValueType() == JsonValue.ValueType.NULL ? null : value.toString();
    }
}
