package io.orchestrator.platform;

import static io.orchestrator.platform.Jsonp.JSON;

import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import jakarta.json.stream.JsonLocation;
import jakarta.json.stream.JsonParser;
import jakarta.json.stream.JsonParsingException;
import java.io.StringReader;

/**
 * JSON documents as text: those the server stored (form values, settings, node data) read back with
 * JSON-P, exactly; and JSON from outside (HTTP responses, model answers, {@code parse_json}), read
 * with the limits every request body has, since a tree costs 10 to 20 times its text and deep
 * nesting costs stack in everything that walks it later.
 */
public final class JsonText {

    /** Characters of JSON from outside that are parsed into a tree; longer text stays text. */
    public static final int MAX_OUTSIDE_CHARS = 2_000_000;

    /** Levels of nesting in JSON from outside: as deep as a request body may nest by default. */
    public static final int MAX_OUTSIDE_DEPTH = 64;

    private JsonText() {}

    /** JSON from outside the server, refused when longer or deeper than the limits above. */
    public static JsonValue parseOutside(String text) throws JsonException {
        if (text.length() > MAX_OUTSIDE_CHARS) {
            throw new JsonException("the text has " + text.length() + " characters, more than the " + MAX_OUTSIDE_CHARS
                    + " read as JSON");
        }
        try (JsonParser parser = JSON.createParser(new StringReader(text))) {
            JsonValue value = read(parser, MAX_OUTSIDE_DEPTH);
            if (parser.hasNext()) {
                throw new JsonParsingException("more than one JSON document", parser.getLocation());
            }
            return value;
        }
    }

    /**
     * The one value a parser is at, built as a tree, refused past a depth: one place for the
     * limit, for request bodies and outside JSON alike. Numbers are kept as written.
     */
    public static JsonValue read(JsonParser parser, int maxDepth) throws JsonException {
        return read(parser, parser.next(), 1, maxDepth);
    }

    private static JsonValue read(JsonParser parser, JsonParser.Event event, int depth, int maxDepth) {
        if ((event == JsonParser.Event.START_OBJECT || event == JsonParser.Event.START_ARRAY) && depth > maxDepth) {
            throw new TooDeep(maxDepth);
        }
        switch (event) {
            case START_OBJECT: {
                JsonObjectBuilder object = JSON.createObjectBuilder();
                while (parser.next() != JsonParser.Event.END_OBJECT) {
                    String key = parser.getString();
                    object.add(key, read(parser, parser.next(), depth + 1, maxDepth));
                }
                return object.build();
            }
            case START_ARRAY: {
                JsonArrayBuilder array = JSON.createArrayBuilder();
                JsonParser.Event next;
                while ((next = parser.next()) != JsonParser.Event.END_ARRAY) {
                    array.add(read(parser, next, depth + 1, maxDepth));
                }
                return array.build();
            }
            case VALUE_STRING:
                return JSON.createValue(parser.getString());
            case VALUE_NUMBER:
                return number(parser);
            case VALUE_TRUE:
                return JsonValue.TRUE;
            case VALUE_FALSE:
                return JsonValue.FALSE;
            case VALUE_NULL:
                return JsonValue.NULL;
            default:
                throw new JsonParsingException("unexpected " + event, parser.getLocation());
        }
    }

    /**
     * The number as written: getLong() would wrap an integer past the range of a long (10^20 would
     * read 7766279631452241920). The parser will not make a BigDecimal of more than 1,100
     * characters, nor one whose exponent is past an int's range: the sender's mistake, malformed
     * input like any other here, not the server's.
     */
    private static JsonValue number(JsonParser parser) {
        try {
            return parser.getValue();
        } catch (NumberFormatException | ArithmeticException | UnsupportedOperationException tooBig) {
            throw new NumberTooLarge(tooBig, parser.getLocation());
        }
    }

    /** A number the parser cannot hold: malformed input, with where it ends. */
    public static final class NumberTooLarge extends JsonParsingException {
        NumberTooLarge(RuntimeException cause, JsonLocation location) {
            super("a number too long or too large to read", cause, location);
        }
    }

    /** Nested deeper than the limit. */
    public static final class TooDeep extends JsonException {
        TooDeep(int maxDepth) {
            super("the JSON is nested deeper than " + maxDepth + " levels");
        }
    }

    public static JsonValue parse(String text) {
        if (text == null) {
            return JsonValue.NULL;
        }
        try (JsonReader reader = JSON.createReader(new StringReader(text))) {
            return reader.readValue();
        }
    }

    public static JsonObject parseObject(String text) {
        JsonValue value = parse(text);
        return value instanceof JsonObject object ? object : JsonValue.EMPTY_JSON_OBJECT;
    }

    public static String write(JsonValue value) {
        return value == null || value.getValueType() == JsonValue.ValueType.NULL ? null : value.toString();
    }
}
