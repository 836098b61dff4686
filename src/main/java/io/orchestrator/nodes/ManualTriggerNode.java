package io.orchestrator.nodes;

import static io.orchestrator.platform.Jsonp.JSON;

import io.orchestrator.nodes.form.FieldType;
import io.orchestrator.nodes.form.Form;
import io.orchestrator.nodes.form.FormField;
import io.orchestrator.nodes.form.FormValidator;
import io.orchestrator.platform.FieldErrors;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** Starts a run by hand or through the API, with typed inputs checked at start. */
@ApplicationScoped
public class ManualTriggerNode implements NodeType {

    public static final String KEY = "manual-trigger";

    private static final Pattern INPUT_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,99}");

    private static final Form FORM = new Form(FormField.of("inputs", FieldType.LIST)
            .help("The run's input: each entry is checked when a run starts and the whole becomes this node's output.")
            .defaultValue(JsonValue.EMPTY_JSON_ARRAY)
            .items(
                    FormField.of("name", FieldType.TEXT).required(),
                    FormField.of("type", FieldType.CHOICE)
                            .options("text", "number", "boolean", "choice", "json")
                            .defaultValue("text"),
                    FormField.of("required", FieldType.BOOLEAN).defaultValue(false),
                    FormField.of("default", FieldType.JSON),
                    FormField.of("options", FieldType.STRING_LIST).help("The allowed values of a choice input."),
                    FormField.of("description", FieldType.TEXT)));

    @Override
    public String key() {
        return KEY;
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
                errors.add(
                        "inputs[" + i + "].name", "Must start with a letter or _ and hold only letters, digits and _.");
            }
            if ("choice".equals(input.getString("type", "text"))
                    && (!(input.get("options") instanceof JsonArray options) || options.isEmpty())) {
                errors.add("inputs[" + i + "].options", "A choice input needs at least one option.");
            }
        }
        FormValidator.duplicates(names)
                .forEach(name -> errors.add("inputs", "The input name '" + name + "' is used twice."));
    }

    /** The run's input, already checked by {@link #validatedInput} when the run started. */
    @Override
    public NodeOutcome execute(NodeCall call) {
        return NodeOutcome.of(call.input());
    }

    /**
     * The run's input checked against the declared inputs, with defaults filled in: problems are
     * reported per input name. Text "42" for a number input and "true"/"false" for a boolean one
     * are converted, since forms and query strings send text; keys not declared are kept as given.
     */
    public JsonObject validatedInput(JsonObject formValues, JsonValue given, FieldErrors errors) {
        JsonObject values;
        if (given == null || given.getValueType() == JsonValue.ValueType.NULL) {
            values = JsonValue.EMPTY_JSON_OBJECT;
        } else if (given instanceof JsonObject object) {
            values = object;
        } else {
            errors.add("input", "Must be an object of input name to value.");
            return JsonValue.EMPTY_JSON_OBJECT;
        }
        JsonObjectBuilder result = JSON.createObjectBuilder(values);
        if (formValues.get("inputs") instanceof JsonArray inputs) {
            for (JsonValue declared : inputs) {
                if (declared instanceof JsonObject input && input.get("name") instanceof JsonString name) {
                    checkInput(input, name.getString(), values.get(name.getString()), result, errors);
                }
            }
        }
        return result.build();
    }

    private static void checkInput(
            JsonObject input, String name, JsonValue value, JsonObjectBuilder result, FieldErrors errors) {
        if (isMissing(value)) {
            JsonValue fallback = input.get("default");
            if (fallback != null && fallback.getValueType() != JsonValue.ValueType.NULL) {
                result.add(name, fallback);
            } else if (input.getBoolean("required", false)) {
                errors.add(name, "This input is required.");
            }
            return;
        }
        String type = input.getString("type", "text");
        JsonValue checked;
        try {
            checked = checkedValue(type, value, input);
        } catch (ArithmeticException outOfRange) {
            errors.add(name, "This input holds " + outOfRange.getMessage() + ".");
            return;
        }
        if (checked == null) {
            errors.add(
                    name,
                    switch (type) {
                        case "number" -> "Must be a number.";
                        case "boolean" -> "Must be true or false.";
                        case "choice" -> "Must be one of: " + optionsText(input.get("options")) + ".";
                        default -> "Must be text.";
                    });
        } else {
            result.add(name, checked);
        }
    }

    /** The value as the input's type takes it, or null when it is not of that type. */
    private static JsonValue checkedValue(String type, JsonValue value, JsonObject input) {
        return switch (type) {
            case "number" ->
                ResolvedFields.numberIn(value).map(JSON::createValue).orElse(null);
            case "boolean" ->
                ResolvedFields.booleanIn(value)
                        .map(yes -> yes ? JsonValue.TRUE : JsonValue.FALSE)
                        .orElse(null);
            case "choice" -> isOneOf(value, input.get("options")) ? value : null;
            case "json" -> value;
            default -> value instanceof JsonString ? value : null;
        };
    }

    private static boolean isMissing(JsonValue value) {
        return value == null
                || value.getValueType() == JsonValue.ValueType.NULL
                || value instanceof JsonString text && text.getString().isEmpty();
    }

    /** Options may be written as text or as numbers and booleans; a value matches an option by its text. */
    private static boolean isOneOf(JsonValue value, JsonValue options) {
        if (!(options instanceof JsonArray list) || value instanceof JsonObject || value instanceof JsonArray) {
            return false;
        }
        String text = textOf(value);
        return list.stream().anyMatch(option -> textOf(option).equals(text));
    }

    private static String optionsText(JsonValue options) {
        if (!(options instanceof JsonArray list)) {
            return "";
        }
        return String.join(", ", list.stream().map(ManualTriggerNode::textOf).toList());
    }

    private static String textOf(JsonValue value) {
        return value instanceof JsonString text ? text.getString() : value.toString();
    }
}
