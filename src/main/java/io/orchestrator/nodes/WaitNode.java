package io.orchestrator.nodes;

import io.orchestrator.nodes.form.FieldType;
import io.orchestrator.nodes.form.Form;
import io.orchestrator.nodes.form.FormField;
import jakarta.enterprise.context.ApplicationScoped;
import io.orchestrator.nodes.form.FormValidator;
import io.orchestrator.platform.FieldErrors;
import io.orchestrator.platform.Timestamps;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

/** Pauses the run for a time, holding no thread; its output is its input. */
@ApplicationScoped
public class WaitNode implements NodeType {

    private static final Form FORM = new Form(
            FormField.of("seconds", FieldType.NUMBER).range(0, 31_536_000).help("How long to wait."),
            FormField.of("until", FieldType.TEXT).help("Or: an ISO-8601 instant to wait for, such as 2030-01-01T09:00:00Z."));

    @Override
    public String key() {
        return "wait";
    }

    @Override
    public String displayName() {
        return "Wait";
    }

    @Override
    public NodeCategory category() {
        return NodeCategory.LOGIC;
    }

    @Override
    public String description() {
        return "Pauses the run for a duration or until a time.";
    }

    @Override
    public Form form() {
        return FORM;
    }

    @Override
    public void checkValues(JsonObject values, FieldErrors errors) {
        boolean hasSeconds = values.containsKey("seconds") && values.get("seconds").getValueType() != JsonValue.ValueType.NULL;
        boolean hasUntil = values.get("until") instanceof JsonString until && !until.getString().isBlank();
        if (hasSeconds && hasUntil) {
            errors.add("until", "Set seconds or until, not both.");
        }
        if (hasUntil && !FormValidator.isTemplate(values.get("until"))
                && Timestamps.parse(values.getString("until")).isEmpty()) {
            errors.add("until", "Must be an ISO-8601 instant such as 2030-01-01T09:00:00Z.");
        }
    }
}
