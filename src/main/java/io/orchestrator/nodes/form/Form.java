package io.orchestrator.nodes.form;

import static io.orchestrator.platform.Jsonp.JSON;

import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The ordered fields of a node type's settings panel. */
public final class Form {

    private final Map<String, FormField> fields = new LinkedHashMap<>();

    public Form(FormField... fields) {
        for (FormField field : fields) {
            this.fields.put(field.name(), field);
        }
    }

    public List<FormField> fields() {
        return List.copyOf(fields.values());
    }

    public Optional<FormField> field(String name) {
        return Optional.ofNullable(fields.get(name));
    }

    /** The given values with every absent field that has a default filled in. */
    public JsonObject withDefaults(JsonObject values) {
        JsonObjectBuilder result = JSON.createObjectBuilder();
        for (FormField field : fields.values()) {
            if (values.containsKey(field.name())) {
                result.add(field.name(), values.get(field.name()));
            } else if (field.defaultValue() != null) {
                result.add(field.name(), field.defaultValue());
            }
        }
        values.forEach((name, value) -> {
            if (!fields.containsKey(name)) {
                result.add(name, value);
            }
        });
        return result.build();
    }

    public JsonArray toJson() {
        JsonArrayBuilder list = JSON.createArrayBuilder();
        fields.values().forEach(field -> list.add(field.toJson()));
        return list.build();
    }
}
