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
 * found. Becomes the {@code details} of a {@code VALIDATION_ERROR}. The first {@value #MAX_LISTED}
 * messages are listed and the rest counted: a body of 50,000 unknown keys answered 5 MB of
 * messages, and counting them one by one at every check took quadratic time.
 */
public final class FieldErrors {

    static final int MAX_LISTED = 100;
    static final String NOT_LISTED = "_not_listed";

    private final Map<String, Object> entries = new LinkedHashMap<>();
    /** Null for the whole; the part this one is nested in otherwise, whose count includes this one's. */
    private final FieldErrors parent;
    /** Messages still to list, shared by the whole and its parts. */
    private final int[] listable;

    private int count;

    public FieldErrors() {
        this(null, new int[] {MAX_LISTED});
    }

    private FieldErrors(FieldErrors parent, int[] listable) {
        this.parent = parent;
        this.listable = listable;
    }

    /** A message about a field; it replaces what was found inside the field, since the field itself is wrong. */
    public FieldErrors add(String field, String message) {
        for (FieldErrors part = this; part != null; part = part.parent) {
            part.count++;
        }
        if (listable[0] == 0) {
            return this;
        }
        listable[0]--;
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
        FieldErrors nested = new FieldErrors(this, listable);
        entries.put(key, nested);
        return nested;
    }

    public boolean isEmpty() {
        return count() == 0;
    }

    /** How many messages there are, nested parts included. */
    public int count() {
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
        if (parent == null && count > MAX_LISTED) {
            builder.add(
                    NOT_LISTED,
                    JSON.createArrayBuilder()
                            .add((count - MAX_LISTED) + " more problems, not listed: fix these first."));
        }
        return builder.build();
    }
}
