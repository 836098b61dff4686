package io.orchestrator.testing;

import io.orchestrator.platform.JsonText;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

/** JSON written in tests with single quotes instead of double ones, so that it reads as it is. */
public final class JsonLiterals {

    private JsonLiterals() {}

    public static JsonValue json(String singleQuoted) {
        return JsonText.parse(singleQuoted.replace('\'', '"'));
    }

    public static JsonObject object(String singleQuoted) {
        return json(singleQuoted).asJsonObject();
    }
}
