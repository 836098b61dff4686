package io.orchestrator.nodes.form;

import static io.orchestrator.platform.Jsonp.JSON;

import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import java.util.List;

/**
 * One field of a node type's form: what the canvas shows and what {@link FormValidator} checks.
 * Built with {@link #of(String, FieldType)} and the {@code with...} methods.
 */
public record FormField(
        String name,
        FieldType type,
        String label,
        boolean isRequired,
        JsonValue defaultValue,
        List<String> options,
        String help,
        Double min,
        Double max,
        List<FormField> itemFields) {

    public static FormField of(String name, FieldType type) {
        return new FormField(name, type, labelFor(name), false, null, List.of(), null, null, null, List.of());
    }

    public FormField label(String text) {
        return new FormField(name, type, text, isRequired, defaultValue, options, help, min, max, itemFields);
    }

    public FormField required() {
        return new FormField(name, type, label, true, defaultValue, options, help, min, max, itemFields);
    }

    public FormField defaultValue(JsonValue value) {
        return new FormField(name, type, label, isRequired, value, options, help, min, max, itemFields);
    }

    public FormField defaultValue(String value) {
        return defaultValue(JSON.createValue(value));
    }

    public FormField defaultValue(long value) {
        return defaultValue(JSON.createValue(value));
    }

    public FormField defaultValue(boolean value) {
        return defaultValue(value ? JsonValue.TRUE : JsonValue.FALSE);
    }

    public FormField options(String... values) {
        return new FormField(name, type, label, isRequired, defaultValue, List.of(values), help, min, max, itemFields);
    }

    public FormField help(String text) {
        return new FormField(name, type, label, isRequired, defaultValue, options, text, min, max, itemFields);
    }

    public FormField range(double low, double high) {
        return new FormField(name, type, label, isRequired, defaultValue, options, help, low, high, itemFields);
    }

    public FormField items(FormField... fields) {
        return new FormField(name, type, label, isRequired, defaultValue, options, help, min, max, List.of(fields));
    }

    public JsonObject toJson() {
        JsonObjectBuilder json = JSON.createObjectBuilder()
                .add("name", name)
                .add("type", type.apiName())
                .add("label", label)
                .add("required", isRequired)
                .add("default", defaultValue == null ? JsonValue.NULL : defaultValue);
        if (!options.isEmpty()) {
            JsonArrayBuilder list = JSON.createArrayBuilder();
            options.forEach(list::add);
            json.add("options", list);
        }
        if (help != null) {
            json.add("help", help);
        }
        if (min != null) {
            json.add("min", min);
        }
        if (max != null) {
            json.add("max", max);
        }
        if (!itemFields.isEmpty()) {
            JsonArrayBuilder items = JSON.createArrayBuilder();
            itemFields.forEach(field -> items.add(field.toJson()));
            json.add("item_fields", items);
        }
        return json.build();
    }

    private static String labelFor(String name) {
        String spaced = name.replace('_', ' ');
        return Character.toUpperCase(spaced.charAt(0)) + spaced.substring(1);
    }
}
