package io.orchestrator.engine.expressions;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.Map;

/**
 * How large a value one expression may build. Inputs are bounded by the body limit, but functions
 * multiply them: {@code replace(s, '', s)} squares a text's length and a few nested calls in a
 * 400-character expression would allocate more than the heap holds; {@code split(s, '')} makes an
 * object per character. Each function checks the size of its result before it builds it, and a
 * template checks the text it writes, so an expression past these limits fails with a message
 * and never exhausts the heap.
 */
final class ResultLimits {

    /** Characters in one function's result or one template's text. */
    static final int MAX_TEXT_CHARS = 1_000_000;

    /** Items in a list or keys in an object that an expression builds. */
    static final int MAX_ITEMS = 100_000;

    /**
     * Characters of text in a list or object that an expression writes out ({@code [s, s, s]}
     * holds one text three times, at no cost until it is written as JSON). Large enough for an
     * object that wraps a whole request body.
     */
    static final long MAX_BUILT_CHARS = 8_000_000;

    private ResultLimits() {}

    /** A list or object built by an expression, refused when writing it out would pass {@link #MAX_BUILT_CHARS}. */
    static JsonValue checkBuilt(JsonValue built) {
        if (writtenLength(built, MAX_BUILT_CHARS) > MAX_BUILT_CHARS) {
            throw new IllegalArgumentException(
                    "The expression would build a value of more than " + MAX_BUILT_CHARS + " characters of JSON");
        }
        return built;
    }

    /** About the length of a value's JSON text; counting stops once past the limit. */
    private static long writtenLength(JsonValue value, long limit) {
        switch (value.getValueType()) {
            case STRING -> {
                return ((JsonString) value).getString().length() + 2L;
            }
            case OBJECT -> {
                long length = 2;
                for (Map.Entry<String, JsonValue> entry : ((JsonObject) value).entrySet()) {
                    length += entry.getKey().length() + 4L + writtenLength(entry.getValue(), limit - length);
                    if (length > limit) {
                        return length;
                    }
                }
                return length;
            }
            case ARRAY -> {
                long length = 2;
                for (JsonValue item : (JsonArray) value) {
                    length += 1 + writtenLength(item, limit - length);
                    if (length > limit) {
                        return length;
                    }
                }
                return length;
            }
            default -> {
                return 8;
            }
        }
    }

    /** Refuses a text result of the given length, naming what would have made it. */
    static void checkText(String maker, long length) {
        if (length > MAX_TEXT_CHARS) {
            throw new IllegalArgumentException(maker + " would make a text of " + length + " characters, more than the "
                    + MAX_TEXT_CHARS + " an expression may build");
        }
    }

    static void checkItems(String maker, long items) {
        if (items > MAX_ITEMS) {
            throw new IllegalArgumentException(maker + " would make a list of " + items + " items, more than the "
                    + MAX_ITEMS + " an expression may build");
        }
    }
}
