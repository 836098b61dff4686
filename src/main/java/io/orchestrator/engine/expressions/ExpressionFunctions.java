package io.orchestrator.engine.expressions;

import static io.orchestrator.platform.Jsonp.JSON;

import io.orchestrator.platform.JsonText;
import io.orchestrator.platform.NumberLimits;
import io.orchestrator.platform.Timestamps;
import jakarta.el.FunctionMapper;
import jakarta.json.JsonException;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;
import java.util.TreeMap;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The functions expressions may call, without a prefix: {@code ${upper(input.name)}}. This list is
 * the whole of it: every public static method here is one function.
 *
 * <table>
 * <caption>Functions</caption>
 * <tr><td>{@code upper(s)}, {@code lower(s)}, {@code trim(s)}</td><td>the text in upper or lower case, without surrounding spaces</td></tr>
 * <tr><td>{@code length(x)}</td><td>characters of a text, items of a list, keys of an object; 0 for null</td></tr>
 * <tr><td>{@code contains(x, item)}</td><td>a text contains the text of item; a list holds item; an object has the key</td></tr>
 * <tr><td>{@code starts_with(s, prefix)}, {@code ends_with(s, suffix)}</td><td>text tests</td></tr>
 * <tr><td>{@code replace(s, old, new)}</td><td>every occurrence of old (plain text, not a pattern) replaced</td></tr>
 * <tr><td>{@code split(s, separator)}, {@code join(list, separator)}</td><td>text to list of texts and back</td></tr>
 * <tr><td>{@code keys(object)}</td><td>an object's keys, as a list</td></tr>
 * <tr><td>{@code json(x)}</td><td>the compact JSON text of any value</td></tr>
 * <tr><td>{@code parse_json(s)}</td><td>the value a JSON text holds</td></tr>
 * <tr><td>{@code number(x)}</td><td>a number from a number or a text ({@code '42'}, {@code '1.5'}); null stays null</td></tr>
 * <tr><td>{@code string(x)}</td><td>the text of a value, as {@code ${...}} inside a longer text would write it</td></tr>
 * <tr><td>{@code default(x, fallback)}</td><td>x, or fallback when x is null or empty text</td></tr>
 * <tr><td>{@code now()}</td><td>the current instant as ISO-8601 text, to the millisecond</td></tr>
 * <tr><td>{@code uuid()}</td><td>a random UUID as text</td></tr>
 * </table>
 *
 * <p>Functions are named in snake_case; the Java methods in camelCase ({@code parseJson} is
 * {@code parse_json}), and {@code defaultValue} is {@code default}, a Java keyword. Arguments arrive as EL sees JSON (see {@code JsonData}); every parameter is {@code Object} so
 * that EL does no coercion of its own (it would write a null as "" and an object with Java's
 * toString). A function that cannot do its work throws IllegalArgumentException with a message for
 * the user.
 */
public final class ExpressionFunctions {

    private static final Pattern CAPITAL = Pattern.compile("[A-Z]");
    private static final Map<String, Method> BY_NAME = index();

    private ExpressionFunctions() {}

    /** The mapper handed to the EL parser: functions are found under any prefix-less name listed here. */
    static final FunctionMapper MAPPER = new FunctionMapper() {
        @Override
        public Method resolveFunction(String prefix, String localName) {
            return prefix == null || prefix.isEmpty() ? BY_NAME.get(localName) : null;
        }
    };

    static boolean isFunction(String name) {
        return BY_NAME.containsKey(name);
    }

    /** The functions' names, sorted, for messages. */
    static Set<String> names() {
        return BY_NAME.keySet();
    }

    /** Every public static method is a function; its name in expressions is the method's name in snake_case. */
    private static Map<String, Method> index() {
        Map<String, Method> functions = new TreeMap<>();
        for (Method method : ExpressionFunctions.class.getDeclaredMethods()) {
            if (Modifier.isPublic(method.getModifiers()) && Modifier.isStatic(method.getModifiers())) {
                String name = method.getName().equals("defaultValue") ? "default" : snakeCase(method.getName());
                functions.put(name, method);
            }
        }
        return functions;
    }

    private static String snakeCase(String name) {
        return CAPITAL.matcher(name).replaceAll(match -> "_" + match.group().toLowerCase(Locale.ROOT));
    }

    public static String upper(Object text) {
        return JsonData.text(text).toUpperCase(Locale.ROOT);
    }

    public static String lower(Object text) {
        return JsonData.text(text).toLowerCase(Locale.ROOT);
    }

    public static String trim(Object text) {
        return JsonData.text(text).strip();
    }

    public static long length(Object value) {
        if (value == null) {
            return 0;
        }
        if (value instanceof String text) {
            return text.codePointCount(0, text.length());
        }
        if (value instanceof Collection<?> list) {
            return list.size();
        }
        if (value instanceof Map<?, ?> object) {
            return object.size();
        }
        throw new IllegalArgumentException(
                "length() needs a text, a list or an object, not " + JsonData.describe(value));
    }

    public static boolean contains(Object container, Object item) {
        if (container == null) {
            return false;
        }
        if (container instanceof String text) {
            return text.contains(JsonData.text(item));
        }
        if (container instanceof Collection<?> list) {
            JsonValue wanted = JsonData.toJson(item);
            for (Object element : list) {
                if (JsonData.toJson(element).equals(wanted)) {
                    return true;
                }
            }
            return false;
        }
        if (container instanceof Map<?, ?> object) {
            return object.containsKey(JsonData.text(item));
        }
        throw new IllegalArgumentException(
                "contains() needs a text, a list or an object, not " + JsonData.describe(container));
    }

    public static boolean startsWith(Object text, Object prefix) {
        return JsonData.text(text).startsWith(JsonData.text(prefix));
    }

    public static boolean endsWith(Object text, Object suffix) {
        return JsonData.text(text).endsWith(JsonData.text(suffix));
    }

    public static String replace(Object text, Object target, Object replacement) {
        String whole = JsonData.text(text);
        String old = JsonData.text(target);
        String by = JsonData.text(replacement);
        long growth = (long) occurrences(whole, old) * (by.length() - old.length());
        ResultLimits.checkText("replace()", whole.length() + Math.max(0, growth));
        return whole.replace(old, by);
    }

    /** How often String.replace would replace: the empty text occurs before every character and at the end. */
    private static int occurrences(String text, String part) {
        if (part.isEmpty()) {
            return text.length() + 1;
        }
        int count = 0;
        for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + part.length())) {
            count++;
        }
        return count;
    }

    public static List<String> split(Object text, Object separator) {
        String whole = JsonData.text(text);
        if (whole.isEmpty()) {
            return List.of();
        }
        String by = JsonData.text(separator);
        if (by.isEmpty()) {
            ResultLimits.checkItems("split()", whole.codePointCount(0, whole.length()));
            return whole.codePoints().mapToObj(Character::toString).toList();
        }
        ResultLimits.checkItems("split()", occurrences(whole, by) + 1L);
        return Arrays.asList(whole.split(Pattern.quote(by), -1));
    }

    public static String join(Object list, Object separator) {
        if (list == null) {
            return "";
        }
        if (!(list instanceof Collection<?> items)) {
            throw new IllegalArgumentException("join() needs a list, not " + JsonData.describe(list));
        }
        StringJoiner joined = new StringJoiner(JsonData.text(separator));
        for (Object item : items) {
            joined.add(JsonData.text(JsonData.toEl(item)));
            ResultLimits.checkText("join()", joined.length());
        }
        return joined.toString();
    }

    public static List<String> keys(Object object) {
        if (object == null) {
            return List.of();
        }
        if (!(object instanceof Map<?, ?> map)) {
            throw new IllegalArgumentException("keys() needs an object, not " + JsonData.describe(object));
        }
        List<String> keys = new ArrayList<>(map.size());
        map.keySet().forEach(key -> keys.add(String.valueOf(key)));
        return keys;
    }

    public static String json(Object value) {
        return JsonData.toJson(value).toString();
    }

    public static Object parseJson(Object text) {
        if (text == null) {
            return null;
        }
        try {
            return JsonData.toEl(JsonText.parseOutside(JsonData.text(text)));
        } catch (JsonException notJson) {
            throw new IllegalArgumentException("parse_json() was given text that is not JSON: " + notJson.getMessage());
        }
    }

    public static Object number(Object value) {
        if (value == null || value instanceof Number) {
            return value;
        }
        if (value instanceof String text) {
            try {
                return JsonData.toEl(JSON.createValue(NumberLimits.parse(text)));
            } catch (NumberFormatException notANumber) {
                throw new IllegalArgumentException(
                        "number() was given " + JsonData.describe(text) + ", which is not a number");
            } catch (ArithmeticException outOfRange) {
                throw new IllegalArgumentException("number() was given " + outOfRange.getMessage());
            }
        }
        throw new IllegalArgumentException("number() needs a number or a text, not " + JsonData.describe(value));
    }

    public static String string(Object value) {
        return JsonData.text(value);
    }

    /** Listed as {@code default}, a Java keyword. */
    public static Object defaultValue(Object value, Object fallback) {
        return value == null || "".equals(value) ? fallback : value;
    }

    public static String now() {
        return ((JsonString) Timestamps.json(Instant.now())).getString();
    }

    public static String uuid() {
        return UUID.randomUUID().toString();
    }
}
