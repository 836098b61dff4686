package io.orchestrator.nodes.form;

import io.orchestrator.engine.expressions.ExpressionSyntax;
import io.orchestrator.platform.FieldErrors;
import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Checks form values against a form: unknown fields, types, choices, ranges. Missing required
 * fields are a separate check ({@link #checkRequired}) because a node on the canvas is often saved
 * half-configured; a run refuses it, a save does not.
 *
 * <p>A field of any scalar kind may hold a template ({@code ${...}}) instead of its type: its value is
 * then known only when the node runs.
 */
public final class FormValidator {

    static final int MAX_TEXT = 100_000;
    static final int MAX_KEY = 200;

    private FormValidator() {}

    public static FieldErrors validate(Form form, JsonObject values) {
        FieldErrors errors = new FieldErrors();
        validate(form, values, errors);
        return errors;
    }

    public static void validate(Form form, JsonObject values, FieldErrors errors) {
        validate(form, values, errors, "");
    }

    public static boolean isTemplate(JsonValue value) {
        return value instanceof JsonString string && string.getString().contains("${");
    }

    public static void checkRequired(Form form, JsonObject values, FieldErrors errors) {
        for (FormField field : form.fields()) {
            if (field.isRequired() && isBlank(values.get(field.name()))) {
                errors.add(field.name(), "This field is required.");
            }
        }
    }

    private static boolean isBlank(JsonValue value) {
        return value == null
                || value.getValueType() == JsonValue.ValueType.NULL
                || value instanceof JsonString string && string.getString().isBlank();
    }

    private static void validate(Form form, JsonObject values, FieldErrors errors, String prefix) {
        for (var entry : values.entrySet()) {
            String path = prefix + entry.getKey();
            var field = form.field(entry.getKey());
            if (field.isEmpty()) {
                errors.add(
                        path,
                        "Unknown field. Known fields: "
                                + form.fields().stream().map(FormField::name).collect(Collectors.joining(", ")) + ".");
                continue;
            }
            if (entry.getValue().getValueType() != JsonValue.ValueType.NULL) {
                int before = errors.count();
                checkValue(field.get(), entry.getValue(), errors, path);
                if (errors.count() == before) {
                    checkExpressions(field.get(), entry.getValue(), errors, path);
                }
            }
        }
    }

    private static void checkValue(FormField field, JsonValue value, FieldErrors errors, String path) {
        switch (field.type()) {
            case TEXT, TEXTAREA, SECRET, EXPRESSION, CRON -> {
                if (!(value instanceof JsonString string)) {
                    errors.add(path, "Must be a string.");
                } else if (string.getString().length() > MAX_TEXT) {
                    errors.add(path, "Must be at most " + MAX_TEXT + " characters.");
                }
            }
            case NUMBER, INTEGER -> checkNumber(field, value, errors, path);
            case BOOLEAN -> {
                if (value.getValueType() != JsonValue.ValueType.TRUE
                        && value.getValueType() != JsonValue.ValueType.FALSE
                        && !isTemplate(value)) {
                    errors.add(path, "Must be true or false.");
                }
            }
            case CHOICE -> {
                if (!(value instanceof JsonString string)
                        || !field.options().contains(string.getString()) && !isTemplate(value)) {
                    errors.add(path, "Must be one of: " + String.join(", ", field.options()) + ".");
                }
            }
            case JSON -> checkTextLengths(value, errors, path);
            case KEY_VALUE -> {
                checkKeyValue(value, errors, path);
                checkTextLengths(value, errors, path);
            }
            case STRING_LIST -> {
                checkScalarList(value, errors, path);
                checkTextLengths(value, errors, path);
            }
            case LIST -> checkObjectList(field, value, errors, path);
            default -> throw new IllegalStateException("Unhandled field type " + field.type());
        }
    }

    /**
     * Templates and expressions that can never run (syntax, method calls, unknown names) are
     * refused at save time, with the first problem of the field. Secrets and cron text are not
     * templates; switch cases and list items are checked by their own fields.
     */
    private static void checkExpressions(FormField field, JsonValue value, FieldErrors errors, String path) {
        Optional<String> problem = switch (field.type()) {
            case EXPRESSION -> ExpressionSyntax.expressionProblem(((JsonString) value).getString());
            case SECRET, CRON, STRING_LIST, LIST -> Optional.empty();
            default -> templateProblem(value);
        };
        problem.ifPresent(message -> errors.add(path, message));
    }

    private static Optional<String> templateProblem(JsonValue value) {
        if (value instanceof JsonString string) {
            return ExpressionSyntax.templateProblem(string.getString());
        }
        Iterable<JsonValue> items = value instanceof JsonObject object
                ? object.values()
                : value instanceof JsonArray array ? array : List.of();
        for (JsonValue item : items) {
            Optional<String> problem = templateProblem(item);
            if (problem.isPresent()) {
                return problem;
            }
        }
        return Optional.empty();
    }

    private static void checkNumber(FormField field, JsonValue value, FieldErrors errors, String path) {
        if (isTemplate(value)) {
            return;
        }
        if (!(value instanceof JsonNumber number)) {
            errors.add(path, field.type() == FieldType.INTEGER ? "Must be a whole number." : "Must be a number.");
            return;
        }
        if (field.type() == FieldType.INTEGER && !number.isIntegral()) {
            errors.add(path, "Must be a whole number.");
            return;
        }
        double amount = number.doubleValue();
        if (field.min() != null && amount < field.min() || field.max() != null && amount > field.max()) {
            errors.add(path, "Must be between " + plain(field.min()) + " and " + plain(field.max()) + ".");
        }
    }

    /** Any JSON value, but each text in it as long as a text field may be (each one may be a template). */
    private static void checkTextLengths(JsonValue value, FieldErrors errors, String path) {
        if (value instanceof JsonString string) {
            if (string.getString().length() > MAX_TEXT) {
                errors.add(path, "Each text must be at most " + MAX_TEXT + " characters.");
            }
            return;
        }
        Iterable<JsonValue> items = value instanceof JsonObject object
                ? object.values()
                : value instanceof JsonArray array ? array : List.of();
        for (JsonValue item : items) {
            int before = errors.count();
            checkTextLengths(item, errors, path);
            if (errors.count() > before) {
                return;
            }
        }
    }

    private static void checkKeyValue(JsonValue value, FieldErrors errors, String path) {
        if (isTemplate(value)) {
            return;
        }
        if (!(value instanceof JsonObject object)) {
            errors.add(path, "Must be an object of name to value.");
            return;
        }
        for (String key : object.keySet()) {
            if (key.isBlank() || key.length() > MAX_KEY) {
                errors.add(path, "Names must be 1 to " + MAX_KEY + " characters.");
                return;
            }
        }
    }

    private static void checkScalarList(JsonValue value, FieldErrors errors, String path) {
        if (!(value instanceof JsonArray array)) {
            errors.add(path, "Must be a list.");
            return;
        }
        for (int i = 0; i < array.size(); i++) {
            JsonValue item = array.get(i);
            if (item instanceof JsonObject
                    || item instanceof JsonArray
                    || item.getValueType() == JsonValue.ValueType.NULL) {
                errors.add(path + "[" + i + "]", "Must be a string, number or boolean.");
            }
        }
    }

    private static void checkObjectList(FormField field, JsonValue value, FieldErrors errors, String path) {
        if (!(value instanceof JsonArray array)) {
            errors.add(path, "Must be a list.");
            return;
        }
        Form itemForm = new Form(field.itemFields().toArray(FormField[]::new));
        for (int i = 0; i < array.size(); i++) {
            String itemPath = path + "[" + i + "]";
            if (!(array.get(i) instanceof JsonObject item)) {
                errors.add(itemPath, "Must be an object.");
                continue;
            }
            validate(itemForm, item, errors, itemPath + ".");
            for (FormField itemField : itemForm.fields()) {
                if (itemField.isRequired() && isBlank(item.get(itemField.name()))) {
                    errors.add(itemPath + "." + itemField.name(), "This field is required.");
                }
            }
        }
    }

    /** Values of a list field that appear more than once, for types whose entries must be unique. */
    public static Set<String> duplicates(Iterable<String> values) {
        Set<String> seen = new HashSet<>();
        Set<String> repeated = new HashSet<>();
        for (String value : values) {
            if (!seen.add(value)) {
                repeated.add(value);
            }
        }
        return repeated;
    }

    private static String plain(Double value) {
        if (value == null) {
            return "any";
        }
        return value == Math.rint(value) ? Long.toString(value.longValue()) : value.toString();
    }
}
