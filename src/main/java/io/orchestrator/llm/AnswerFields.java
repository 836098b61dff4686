package io.orchestrator.llm;

import io.orchestrator.nodes.ErrorType;
import io.orchestrator.platform.JsonText;
import jakarta.json.JsonArray;
import jakarta.json.JsonException;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

/** Reading a provider's answer by path ({@code "choices", 0, "message", "content"}), absent parts giving null. */
final class AnswerFields {

    private AnswerFields() {}

    static JsonValue at(JsonValue root, Object... path) {
        JsonValue current = root;
        for (Object step : path) {
            if (step instanceof Integer index && current instanceof JsonArray array && index < array.size()) {
                current = array.get(index);
            } else if (step instanceof String name && current instanceof JsonObject object) {
                current = object.get(name);
            } else {
                return null;
            }
        }
        return current;
    }

    static String string(JsonValue root, Object... path) {
        return at(root, path) instanceof JsonString text ? text.getString() : null;
    }

    /** A count the provider reported, or -1 when it reported none. */
    static long count(JsonValue root, Object... path) {
        return at(root, path) instanceof JsonNumber number ? number.longValue() : -1;
    }

    static JsonObject parse(String data) throws ModelFailure {
        try {
            return JsonText.parseOutside(data).asJsonObject();
        } catch (JsonException | ClassCastException malformed) {
            throw malformed("an event's data is not a JSON object: " + ModelHttp.excerpt(data));
        }
    }

    static ModelFailure malformed(String what) {
        return new ModelFailure(ErrorType.HTTP, "malformed answer: " + what);
    }

    static long millisSince(long startNanos) {
        return (System.nanoTime() - startNanos) / 1_000_000;
    }
}
