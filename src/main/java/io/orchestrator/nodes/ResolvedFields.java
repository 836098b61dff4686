package io.orchestrator.nodes;

import io.orchestrator.platform.NumberLimits;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.math.BigDecimal;
import java.util.Optional;

/**
 * A node's form fields read at run time, after their templates were evaluated. The form checked
 * the saved values, but a template can give anything, so each value is checked again here and a
 * wrong one fails the node with a message naming the field.
 */
final class ResolvedFields {

    private ResolvedFields() {}

    /** An object field; absent or null is an empty object. */
    static JsonObject object(NodeCall call, String field) throws NodeFailure {
        JsonValue value = call.resolved(field);
        if (isAbsent(value)) {
            return JsonValue.EMPTY_JSON_OBJECT;
        }
        if (value instanceof JsonObject object) {
            return object;
        }
        throw invalid(field, "must be an object of name to value, but is " + kind(value) + ".");
    }

    /** A boolean field; true/false, or the text "true"/"false" a template may give. */
    static boolean bool(NodeCall call, String field, boolean absent) throws NodeFailure {
        JsonValue value = call.resolved(field);
        if (isAbsent(value)) {
            return absent;
        }
        return booleanIn(value).orElseThrow(() -> invalid(field, "must be true or false, but is " + kind(value) + "."));
    }

    /** A number field; a number, or text holding one; empty when absent or blank. */
    static Optional<BigDecimal> number(NodeCall call, String field) throws NodeFailure {
        JsonValue value = call.resolved(field);
        if (isAbsent(value)) {
            return Optional.empty();
        }
        try {
            return Optional.of(
                    numberIn(value).orElseThrow(() -> invalid(field, "must be a number, but is " + kind(value) + ".")));
        } catch (ArithmeticException outOfRange) {
            throw invalid(field, "holds " + outOfRange.getMessage() + ".");
        }
    }

    /**
     * The number in a JSON number, or in text that holds one (forms and templates give text).
     *
     * @throws ArithmeticException for a number outside {@link NumberLimits}, with the message to show
     */
    static Optional<BigDecimal> numberIn(JsonValue value) {
        if (value instanceof JsonNumber number) {
            return Optional.of(NumberLimits.checked(number.bigDecimalValue()));
        }
        if (value instanceof JsonString text) {
            try {
                return Optional.of(NumberLimits.parse(text.getString()));
            } catch (NumberFormatException notANumber) {
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

    /** The boolean in true/false, or in the text "true"/"false". */
    static Optional<Boolean> booleanIn(JsonValue value) {
        if (value == JsonValue.TRUE || value == JsonValue.FALSE) {
            return Optional.of(value == JsonValue.TRUE);
        }
        if (value instanceof JsonString text) {
            return switch (text.getString().strip()) {
                case "true" -> Optional.of(true);
                case "false" -> Optional.of(false);
                default -> Optional.empty();
            };
        }
        return Optional.empty();
    }

    /** A text field; empty when absent or blank. */
    static Optional<String> text(NodeCall call, String field) throws NodeFailure {
        JsonValue value = call.resolved(field);
        if (isAbsent(value)) {
            return Optional.empty();
        }
        if (value instanceof JsonString text) {
            return Optional.of(text.getString());
        }
        throw invalid(field, "must be text, but is " + kind(value) + ".");
    }

    static NodeFailure invalid(String field, String problem) {
        return new NodeFailure(ErrorType.VALIDATION, "The field '" + field + "' " + problem);
    }

    private static boolean isAbsent(JsonValue value) {
        return value == null
                || value.getValueType() == JsonValue.ValueType.NULL
                || value instanceof JsonString text && text.getString().isBlank();
    }

    /** A value as a person reads it in a message: its kind, and short values in full. */
    static String kind(JsonValue value) {
        return switch (value.getValueType()) {
            case STRING -> "the text '" + ((JsonString) value).getString() + "'";
            case NUMBER -> "the number " + value;
            case TRUE, FALSE -> value.toString();
            case NULL -> "null";
            case OBJECT -> "an object";
            case ARRAY -> "a list";
        };
    }
}
