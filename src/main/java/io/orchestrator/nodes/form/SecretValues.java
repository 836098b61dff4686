package io.orchestrator.nodes.form;

import static io.orchestrator.platform.Jsonp.JSON;

import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;

/**
 * Secret fields never leave the server in clear: the API shows a mask instead, and a client that
 * sends the mask back (as a settings panel does) keeps the stored secret.
 */
public final class SecretValues {

    public static final String MASK = "********";

    private SecretValues() {}

    public static JsonObject mask(Form form, JsonObject values) {
        JsonObjectBuilder masked = null;
        for (FormField field : form.fields()) {
            if (field.type() == FieldType.SECRET
                    && values.get(field.name()) instanceof JsonString secret
                    && !secret.getString().isEmpty()) {
                masked = masked == null ? JSON.createObjectBuilder(values) : masked;
                masked.add(field.name(), MASK);
            }
        }
        return masked == null ? values : masked.build();
    }

    /** The incoming values, with every masked secret replaced by the stored one. */
    public static JsonObject keepMasked(Form form, JsonObject incoming, JsonObject stored) {
        JsonObjectBuilder result = null;
        for (FormField field : form.fields()) {
            if (field.type() == FieldType.SECRET
                    && incoming.get(field.name()) instanceof JsonString value
                    && MASK.equals(value.getString())) {
                result = result == null ? JSON.createObjectBuilder(incoming) : result;
                if (stored.containsKey(field.name())) {
                    result.add(field.name(), stored.get(field.name()));
                } else {
                    result.remove(field.name());
                }
            }
        }
        return result == null ? incoming : result.build();
    }
}
