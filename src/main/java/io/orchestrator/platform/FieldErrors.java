package io.orchestrator.platform;

import static io.orchestrator.platform.Jsonp.JSON;

import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Validation messages per field, possibly nested (per node, then per field), in the order they were
 * found. Becomes the {@code details} of a {@code VALIDATION_ERROR}.
 */
public final class FieldErrors {

    private final Map<String, Object> entries = new LinkedHashMap<>();

    public FieldErrors add(String field, String message) {
        @SuppressWarnings("unchecked")
        List<String> messages = (List<String>) entries.computeIfAbsent(field, key -> new ArrayList<String>());
        messages.add(message);
        return this;
    }

    /** The errors of a part (a node, an edge, a list item), reported under its key when not empty. */
    public FieldErrors nested(String key) {
        Object existing = entries.get(key);
        if (existing instanceof FieldErrors nested) {
            return nested;
        }
        if (existing != null) {
            // The part itself is already wrong (not an object, say): its message must stand, so what
            // is found inside it goes nowhere rather than replacing that message with nothing.
            return new FieldErrors();
        }
        FieldErrors nested = new FieldErrors();
        entries.put(key, nested);
        return nested;
    }

    public boolean isEmpty() {
        return entries.values().stream().allMatch(value -> value instanceof FieldErrors nested ? nested.isEmpty() : false);
    }

    public void throwIfAny(String message) {
        if (!isEmpty()) {
            throw ApiException.validation(message, this);
        }
    }

    public JsonObject toJson() {
        JsonObjectBuilder builder = JSON.createObjectBuilder();
        entries.forEach((key, value) -> {
            if (value instanceof FieldErrors nested) {
                if (!nested.isEmpty()) {
                    builder.add(key, nested.toJson());
                }
            } else {
                JsonArrayBuilder messages = JSON.createArrayBuilder();
                @SuppressWarnings("unchecked")
                List<String> list = (List<String>) value;
                list.forEach(messages::add);
                builder.add(key, messages);
            }
        });
        return builder.build();
    }
}
