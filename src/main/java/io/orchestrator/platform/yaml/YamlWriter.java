package io.orchestrator.platform.yaml;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Writes a JSON value as block-style YAML, for exports people read. Every JSON document has
 * exactly one reading here: strings that a YAML parser could take for something else (numbers,
 * booleans, dates, nulls, anything with punctuation) are double-quoted, with JSON's escapes, which
 * YAML shares; multi-line text is written as a literal block when that keeps it exact, so that
 * {@link YamlReader} reads every export back to the same JSON. Hand-written rather than a YAML
 * library's dumper, whose output quotes and folds differently across settings and versions.
 *
 * <p>Below {@value #FLOW_INDENT} spaces of indentation, collections are written in flow style
 * ({@code {a: [1, 2]}}) on one line: block style indents every line by its depth, and deeply
 * nested data of 750 KB once exported to more than 200 MB. With the cap, an export is at most
 * about ten times its JSON.
 */
public final class YamlWriter {

    /** Words YAML 1.1 or 1.2 read as booleans or null when left plain. */
    private static final Set<String> RESERVED =
            Set.of("true", "false", "yes", "no", "on", "off", "y", "n", "null", "~");
    /** Starts with a letter, holds only letters, digits and a few harmless signs, ends with no space. */
    private static final Pattern PLAIN = Pattern.compile("[A-Za-z_](?:[A-Za-z0-9_./ -]*[A-Za-z0-9_./-])?");

    private static final int FLOW_INDENT = 16;

    private YamlWriter() {}

    public static String write(JsonValue value) {
        StringBuilder out = new StringBuilder();
        if (value instanceof JsonObject object && !object.isEmpty()) {
            entries(object, 0, false, out);
        } else if (value instanceof JsonArray array && !array.isEmpty()) {
            items(array, 0, out);
        } else {
            out.append(scalar(value)).append('\n');
        }
        return out.toString();
    }

    /** The entries of a mapping at this indentation; the first one's indentation is already written after "- ". */
    private static void entries(JsonObject object, int indent, boolean firstIndented, StringBuilder out) {
        boolean first = true;
        for (Map.Entry<String, JsonValue> entry : object.entrySet()) {
            if (!first || !firstIndented) {
                out.append(" ".repeat(indent));
            }
            first = false;
            out.append(string(entry.getKey())).append(':');
            value(entry.getValue(), indent, out);
        }
    }

    private static void items(JsonArray array, int indent, StringBuilder out) {
        for (JsonValue item : array) {
            out.append(" ".repeat(indent)).append('-');
            if (item instanceof JsonObject object && !object.isEmpty() && indent < FLOW_INDENT) {
                out.append(' ');
                entries(object, indent + 2, true, out);
            } else {
                value(item, indent, out);
            }
        }
    }

    /** A value after "key:" or "-" of a node at this indentation, ending its last line. */
    private static void value(JsonValue value, int indent, StringBuilder out) {
        if (indent >= FLOW_INDENT && (value instanceof JsonObject || value instanceof JsonArray)) {
            flow(value, out.append(' '));
            out.append('\n');
        } else if (value instanceof JsonObject object && !object.isEmpty()) {
            out.append('\n');
            entries(object, indent + 2, false, out);
        } else if (value instanceof JsonArray array && !array.isEmpty()) {
            out.append('\n');
            items(array, indent + 2, out);
        } else if (value instanceof JsonString text && literalKeepsExactly(text.getString())) {
            literal(text.getString(), indent + 2, out);
        } else {
            out.append(' ').append(scalar(value)).append('\n');
        }
    }

    private static void flow(JsonValue value, StringBuilder out) {
        if (value instanceof JsonObject object) {
            out.append('{');
            String separator = "";
            for (Map.Entry<String, JsonValue> entry : object.entrySet()) {
                out.append(separator).append(string(entry.getKey())).append(": ");
                flow(entry.getValue(), out);
                separator = ", ";
            }
            out.append('}');
        } else if (value instanceof JsonArray array) {
            out.append('[');
            String separator = "";
            for (JsonValue item : array) {
                flow(item, out.append(separator));
                separator = ", ";
            }
            out.append(']');
        } else {
            out.append(scalar(value));
        }
    }

    private static String scalar(JsonValue value) {
        return switch (value.getValueType()) {
            case OBJECT -> "{}";
            case ARRAY -> "[]";
            case STRING -> string(((JsonString) value).getString());
            default -> value.toString();
        };
    }

    static String string(String text) {
        if (PLAIN.matcher(text).matches() && !RESERVED.contains(text.toLowerCase(Locale.ROOT))) {
            return text;
        }
        StringBuilder quoted = new StringBuilder(text.length() + 2).append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> quoted.append("\\\"");
                case '\\' -> quoted.append("\\\\");
                case '\n' -> quoted.append("\\n");
                case '\t' -> quoted.append("\\t");
                case '\r' -> quoted.append("\\r");
                default -> {
                    if (printable(c)) {
                        quoted.append(c);
                    } else {
                        quoted.append(String.format("\\u%04x", (int) c));
                    }
                }
            }
        }
        return quoted.append('"').toString();
    }

    /**
     * A literal block ({@code |}) reads back exactly when the text has line breaks only as
     * {@code \n}, no character that would need an escape, and a first line that does not start with white
     * space (the parser takes the block's indentation from it).
     */
    private static boolean literalKeepsExactly(String text) {
        if (text.indexOf('\n') < 0 || text.isEmpty() || " \t\n".indexOf(text.charAt(0)) >= 0) {
            return false;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c != '\n' && c != '\t' && !printable(c)) {
                return false;
            }
        }
        return true;
    }

    /** The chomping indicator keeps exactly the trailing line breaks the text has: none, one, or more. */
    private static void literal(String text, int indent, StringBuilder out) {
        int body = text.length();
        while (body > 0 && text.charAt(body - 1) == '\n') {
            body--;
        }
        int trailing = text.length() - body;
        out.append(trailing == 0 ? " |-" : trailing == 1 ? " |" : " |+").append('\n');
        Iterator<String> lines = text.substring(0, body).lines().iterator();
        while (lines.hasNext()) {
            String line = lines.next();
            if (!line.isEmpty()) {
                out.append(" ".repeat(indent)).append(line);
            }
            out.append('\n');
        }
        out.append("\n".repeat(Math.max(0, trailing - 1)));
    }

    /**
     * Characters written as they are: YAML's printable ones (one UTF-16 unit at a time, surrogate
     * pairs pass), less those a YAML 1.1 parser takes for line breaks (U+0085, U+2028, U+2029) and
     * the byte order mark; the others are escaped.
     */
    private static boolean printable(char c) {
        return c >= 0x20 && c <= 0x7E || c >= 0xA0 && c <= 0xFFFD && c != 0x2028 && c != 0x2029 && c != 0xFEFF;
    }
}
