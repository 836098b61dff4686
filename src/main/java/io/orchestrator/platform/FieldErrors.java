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

    /** A message about a field; it replaces what was found inside the field, since the field itself is wrong. */
    public FieldErrors add(String field, String message) {
        Object existing = entries.get(field);
        @SuppressWarnings("unchecked")
        List<String> messages = existing instanceof List<?> list ? (List<String>) list : new ArrayList<>();
        messages.add(message);
        entries.put(field, messages);
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
        return count() == 0;
    }

    /** How many messages there are, nested parts included. */
    public int count() {
        int count = 0;
        for (Object value : entries.values()) {
            count += value instanceof FieldErrors nested ? nested.count() : ((List<?>) value).size();
        }
        return count;
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
