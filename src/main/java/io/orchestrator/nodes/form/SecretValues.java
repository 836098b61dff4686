package io.orchestrator.nodes.form;

import static io.orchestrator.platform.Jsonp.JSON;

import io.orchestrator.security.SecretMask;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import java.util.function.UnaryOperator;

/**
 * The one place that knows which form values are secrets (the fields of type {@code SECRET}).
 * They never leave the server in clear: the API shows a mask instead, and a client that sends the
 * mask back (as a settings panel does) keeps the stored secret. They are stored sealed, opened only
 * where the server uses them, and left out of exported definitions.
 */
public final class SecretValues {

    private SecretValues() {}

    public static JsonObject mask(Form form, JsonObject values) {
        JsonObjectBuilder masked = null;
        for (FormField field : form.fields()) {
            if (field.type() == FieldType.SECRET
                    && values.get(field.name()) instanceof JsonString secret
                    && !secret.getString().isEmpty()) {
                masked = masked == null ? JSON.createObjectBuilder(values) : masked;
                masked.add(field.name(), SecretMask.TEXT);
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
                    && SecretMask.TEXT.equals(value.getString())) {
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

    /** The values with every non-empty secret changed (sealed, opened); the same object when none is. */
    public static JsonObject withSecrets(Form form, JsonObject values, UnaryOperator<String> change) {
        JsonObjectBuilder changed = null;
        for (FormField field : form.fields()) {
            if (field.type() == FieldType.SECRET
                    && values.get(field.name()) instanceof JsonString secret
                    && !secret.getString().isEmpty()) {
                String result = change.apply(secret.getString());
                if (!result.equals(secret.getString())) {
                    changed = changed == null ? JSON.createObjectBuilder(values) : changed;
                    changed.add(field.name(), result);
                }
            }
        }
        return changed == null ? values : changed.build();
    }

    /** The values without their secrets, for a definition that leaves the server (an export). */
    public static JsonObject withoutSecrets(Form form, JsonObject values) {
        JsonObjectBuilder kept = null;
        for (FormField field : form.fields()) {
            if (field.type() == FieldType.SECRET && values.containsKey(field.name())) {
                kept = kept == null ? JSON.createObjectBuilder(values) : kept;
                kept.remove(field.name());
            }
        }
        return kept == null ? values : kept.build();
    }

    public static boolean hasSecrets(Form form) {
        return form.fields().stream().anyMatch(field -> field.type() == FieldType.SECRET);
    }
}
