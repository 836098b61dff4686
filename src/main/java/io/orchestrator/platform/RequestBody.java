package io.orchestrator.platform;

import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.math.BigDecimal;
import java.util.Optional;

/**
 * Typed, validated access to the fields of a JSON request body. Each accessor records what is
 * wrong with its field instead of throwing, so that one 422 lists every problem at once; call
 * {@link #validate()} when all fields are read.
 */
public final class RequestBody {

    private final JsonObject json;
    private final FieldErrors errors;

    private RequestBody(JsonObject json, FieldErrors errors) {
        this.json = json;
        this.errors = errors;
    }

    public static RequestBody of(JsonObject json) {
        if (json == null) {
            throw ApiException.invalidRequest("The request needs a JSON object body");
        }
        return new RequestBody(json, new FieldErrors());
    }

    /** A part of a larger body (a node in a canvas, a retry object) whose problems go under {@code errors}. */
    public static RequestBody part(JsonObject json, FieldErrors errors) {
        return new RequestBody(json, errors);
    }

    public JsonObject json() {
        return json;
    }

    public boolean has(String field) {
        return json.containsKey(field);
    }

    public FieldErrors errors() {
        return errors;
    }

    public Optional<String> text(String field, int maxLength) {
        JsonValue value = json.get(field);
        if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
            return Optional.empty();
        }
        if (!(value instanceof JsonString string)) {
            errors.add(field, "Must be a string.");
            return Optional.empty();
        }
        if (string.getString().length() > maxLength) {
            errors.add(field, "Must be at most " + maxLength + " characters.");
            return Optional.empty();
        }
        return Optional.of(string.getString());
    }

    /** A required, non-blank string, trimmed. */
    public String requiredText(String field, int maxLength) {
        if (!json.containsKey(field) || json.isNull(field)) {
            errors.add(field, "This field is required.");
            return null;
        }
        Optional<String> value = text(field, maxLength);
        if (value.isPresent() && value.get().isBlank()) {
            errors.add(field, "This field may not be blank.");
            return null;
        }
        return value.map(String::trim).orElse(null);
    }

    public Optional<Boolean> bool(String field) {
        JsonValue value = json.get(field);
        if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
            return Optional.empty();
        }
        if (value.getValueType() == JsonValue.ValueType.TRUE) {
            return Optional.of(true);
        }
        if (value.getValueType() == JsonValue.ValueType.FALSE) {
            return Optional.of(false);
        }
        errors.add(field, "Must be true or false.");
        return Optional.empty();
    }

    /**
     * A whole number in {@code [min, max]}, compared as written: as a double or a long, a number past
     * the range of a long could round or wrap into the range and be taken for another.
     */
    public Optional<Long> integer(String field, long min, long max) {
        Optional<JsonNumber> number = jsonNumber(field);
        if (number.isEmpty()) {
            return Optional.empty();
        }
        BigDecimal exact = number.get().bigDecimalValue();
        if (exact.compareTo(BigDecimal.valueOf(min)) < 0 || exact.compareTo(BigDecimal.valueOf(max)) > 0) {
            errors.add(field, "Must be between " + min + " and " + max + ".");
            return Optional.empty();
        }
        if (!number.get().isIntegral()) {
            errors.add(field, "Must be a whole number.");
            return Optional.empty();
        }
        return Optional.of(exact.longValueExact());
    }

    public Optional<Double> number(String field, double min, double max) {
        Optional<JsonNumber> number = jsonNumber(field);
        if (number.isEmpty()) {
            return Optional.empty();
        }
        double result = number.get().doubleValue();
        if (!Double.isFinite(result) || result < min || result > max) {
            errors.add(field, "Must be between " + format(min) + " and " + format(max) + ".");
            return Optional.empty();
        }
        return Optional.of(result);
    }

    private Optional<JsonNumber> jsonNumber(String field) {
        JsonValue value = json.get(field);
        if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
            return Optional.empty();
        }
        if (!(value instanceof JsonNumber number)) {
            errors.add(field, "Must be a number.");
            return Optional.empty();
        }
        return Optional.of(number);
    }

    public Optional<JsonObject> object(String field) {
        JsonValue value = json.get(field);
        if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
            return Optional.empty();
        }
        if (!(value instanceof JsonObject object)) {
            errors.add(field, "Must be a JSON object.");
            return Optional.empty();
        }
        return Optional.of(object);
    }

    public Optional<jakarta.json.JsonArray> array(String field) {
        JsonValue value = json.get(field);
        if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
            return Optional.empty();
        }
        if (!(value instanceof jakarta.json.JsonArray array)) {
            errors.add(field, "Must be a JSON array.");
            return Optional.empty();
        }
        return Optional.of(array);
    }

    /** Throws the 422 with every problem found so far. */
    public void validate() {
        errors.throwIfAny("The request has invalid fields");
    }

    private static String format(double value) {
        return value == Math.rint(value) && Math.abs(value) < 1e15
                ? Long.toString((long) value)
                : Double.toString(value);
    }
}
