package io.orchestrator.engine.expressions;

import static io.orchestrator.platform.Jsonp.JSON;

import io.orchestrator.platform.NumberLimits;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Collection;
import java.util.Map;

/**
 * The bridge between JSON-P values and what EL computes with. Leaves become String, Long (or
 * BigDecimal), Boolean or null, so that EL's operators work on them; objects and lists stay JSON-P
 * (they are Maps and Lists, which is all EL's {@code empty}, {@code ==} and the resolver need).
 * Back from EL, results become JSON again, and anything that is not data is refused.
 */
final class JsonData {

    /** Doubles with a whole value up to 2^53 are written as integers: {@code ${4 / 2}} gives 2, not 2.0. */
    private static final double EXACT_LONG_LIMIT = 9_007_199_254_740_992d;

    private JsonData() {}

    /** The value EL sees for a JSON value; anything else passes through unchanged. */
    static Object toEl(Object value) {
        if (!(value instanceof JsonValue json)) {
            return value;
        }
        return switch (json.getValueType()) {
            case STRING -> ((JsonString) json).getString();
            case NUMBER -> number((JsonNumber) json);
            case TRUE -> Boolean.TRUE;
            case FALSE -> Boolean.FALSE;
            case NULL -> null;
            case OBJECT, ARRAY -> json;
        };
    }

    /** A number as EL computes with it; one outside {@link NumberLimits} is refused before any arithmetic. */
    private static Object number(JsonNumber number) {
        if (number.isIntegral()) {
            try {
                return number.longValueExact();
            } catch (ArithmeticException tooLarge) {
                // a larger integer: checked and kept exact below
            }
        }
        return bounded(number.bigDecimalValue());
    }

    private static BigDecimal bounded(BigDecimal number) {
        if (!NumberLimits.allows(number)) {
            throw new IllegalArgumentException(NumberLimits.outOfRange(number));
        }
        return number;
    }

    /** The JSON form of an EL result. */
    static JsonValue toJson(Object value) {
        if (value == null) {
            return JsonValue.NULL;
        }
        if (value instanceof JsonValue json) {
            return json;
        }
        if (value instanceof String text) {
            return JSON.createValue(text);
        }
        if (value instanceof Boolean bool) {
            return bool ? JsonValue.TRUE : JsonValue.FALSE;
        }
        if (value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte) {
            return JSON.createValue(((Number) value).longValue());
        }
        if (value instanceof BigDecimal decimal) {
            return JSON.createValue(bounded(decimal));
        }
        if (value instanceof BigInteger integer) {
            return JSON.createValue(bounded(new BigDecimal(integer)));
        }
        if (value instanceof Double || value instanceof Float) {
            return floating(((Number) value).doubleValue());
        }
        if (value instanceof Character character) {
            return JSON.createValue(character.toString());
        }
        if (value instanceof Map<?, ?> map) {
            JsonObjectBuilder object = JSON.createObjectBuilder();
            map.forEach((key, item) -> object.add(String.valueOf(key), toJson(item)));
            return ResultLimits.checkBuilt(object.build());
        }
        if (value instanceof Collection<?> list) {
            ResultLimits.checkItems("The expression", list.size());
            JsonArrayBuilder array = JSON.createArrayBuilder();
            list.forEach(item -> array.add(toJson(item)));
            return ResultLimits.checkBuilt(array.build());
        }
        throw new IllegalArgumentException(describe(value) + " is not JSON data");
    }

    private static JsonValue floating(double number) {
        if (Double.isNaN(number) || Double.isInfinite(number)) {
            throw new IllegalArgumentException("the result is not a finite number (" + number + ")");
        }
        if (number == Math.rint(number) && Math.abs(number) <= EXACT_LONG_LIMIT) {
            return JSON.createValue((long) number);
        }
        return JSON.createValue(number);
    }

    /** The text of a value inside a string: strings as they are, null as nothing, the rest as compact JSON. */
    static String text(Object value) {
        if (value == null) {
            return "";
        }
        if (value instanceof String text) {
            return text;
        }
        if (value instanceof Long || value instanceof Boolean) {
            return value.toString();
        }
        JsonValue json = toJson(value);
        return json instanceof JsonString string ? string.getString() : json.toString();
    }

    /** How a value is named in messages: by its JSON kind, never by a Java class. */
    static String describe(Object value) {
        if (value instanceof JsonNumber number) {
            return "the number " + abbreviate(number.toString());
        }
        Object el = toEl(value);
        if (el == null) {
            return "null";
        }
        if (el instanceof String text) {
            return "the text '" + abbreviate(text) + "'";
        }
        if (el instanceof Number number) {
            return "the number " + number;
        }
        if (el instanceof Boolean bool) {
            return bool.toString();
        }
        if (el instanceof Map<?, ?> || el instanceof JsonObject) {
            return "an object";
        }
        if (el instanceof Collection<?> || el instanceof JsonArray) {
            return "a list";
        }
        if (el instanceof JsonResolver.Nodes) {
            return "nodes itself (read a node's output as nodes['Name'].output)";
        }
        if (el instanceof JsonResolver.NodeRef node) {
            return "the node '" + node.name() + "' itself (read its output as nodes['" + node.name() + "'].output)";
        }
        return "a value of an unsupported kind";
    }

    static String abbreviate(String text) {
        return text.length() <= 40 ? text : text.substring(0, 37) + "...";
    }
}
