package io.orchestrator.nodes;

import io.orchestrator.nodes.form.FieldType;
import io.orchestrator.nodes.form.Form;
import io.orchestrator.nodes.form.FormField;
import jakarta.enterprise.context.ApplicationScoped;
import io.orchestrator.nodes.form.FormValidator;
import io.orchestrator.platform.FieldErrors;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** Starts a run by hand or through the API, with typed inputs checked at start. */
@ApplicationScoped
public class ManualTriggerNode implements NodeType {

    private static final Pattern INPUT_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,99}");

    private static final Form FORM = new Form(
            FormField.of("inputs", FieldType.LIST)
                    .help("The run's input: each entry is checked when a run starts and the whole becomes this node's output.")
                    .defaultValue(JsonValue.EMPTY_JSON_ARRAY)
                    .items(
                            FormField.of("name", FieldType.TEXT).required(),
                            FormField.of("type", FieldType.CHOICE).options("text", "number", "boolean", "choice", "json")
                                    .defaultValue("text"),
                            FormField.of("required", FieldType.BOOLEAN).defaultValue(false),
                            FormField.of("default", FieldType.JSON),
                            FormField.of("options", FieldType.STRING_LIST).help("The allowed values of a choice input."),
                            FormField.of("description", FieldType.TEXT)));

    @Override
    public String key() {
        return "manual-trigger";
    }

    @Override
    public String displayName() {
        return "Manual Trigger";
    }

    @Override
    public NodeCategory category() {
        return NodeCategory.TRIGGER;
    }

    @Override
    public String description() {
        return "Starts a run from the Run button or the API, with typed inputs.";
    }

    @Override
    public Form form() {
        return FORM;
    }

    @Override
    public void checkValues(JsonObject values, FieldErrors errors) {
        if (!(values.get("inputs") instanceof JsonArray inputs)) {
            return;
        }
        List<String> names = new ArrayList<>();
        for (int i = 0; i < inputs.size(); i++) {
            JsonObject input = inputs.getJsonObject(i);
            String name = input.getString("name", "");
            names.add(name);
            if (!INPUT_NAME.matcher(name).matches()) {
                errors.add("inputs[" + i + "].name", "Must start with a letter or _ and hold only letters, digits and _.");
            }
            if ("choice".equals(input.getString("type", "text"))
                    && (!(input.get("options") instanceof JsonArray options) || options.isEmpty())) {
                errors.add("inputs[" + i + "].options", "A choice input needs at least one option.");
            }
        }
        FormValidator.duplicates(names).forEach(name -> errors.add("inputs", "The input name '" + name + "' is used twice."));
    }
}
