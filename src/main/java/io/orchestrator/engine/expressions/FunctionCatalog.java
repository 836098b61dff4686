package io.orchestrator.engine.expressions;

import static io.orchestrator.platform.Jsonp.JSON;

import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import java.util.List;

/**
 * The functions of {@link ExpressionFunctions} as people read them: how to call each and what it
 * gives, for the editor's autocomplete and for API clients. A unit test keeps this list and the
 * functions the same.
 */
public final class FunctionCatalog {

    /** One function: its name, how a call is written, and what it gives. */
    public record Entry(String name, String signature, String description) {}

    static final List<Entry> ENTRIES = List.of(
            new Entry(
                    "contains",
                    "contains(x, item)",
                    "A text contains item's text; a list holds item; an object has the key."),
            new Entry("default", "default(x, fallback)", "x, or fallback when x is null or empty text."),
            new Entry("ends_with", "ends_with(s, suffix)", "Whether the text ends with suffix."),
            new Entry("join", "join(list, separator)", "The list's items as one text, separator between them."),
            new Entry("json", "json(x)", "The compact JSON text of any value."),
            new Entry("keys", "keys(object)", "An object's keys, as a list."),
            new Entry("length", "length(x)", "Characters of a text, items of a list, keys of an object; 0 for null."),
            new Entry("lower", "lower(s)", "The text in lower case."),
            new Entry("now", "now()", "The current instant as ISO-8601 text, to the millisecond."),
            new Entry("number", "number(x)", "A number from a number or a text ('42', '1.5'); null stays null."),
            new Entry("parse_json", "parse_json(s)", "The value a JSON text holds."),
            new Entry(
                    "replace", "replace(s, old, new)", "Every occurrence of old (plain text, not a pattern) replaced."),
            new Entry("split", "split(s, separator)", "The text cut at each separator, as a list of texts."),
            new Entry("starts_with", "starts_with(s, prefix)", "Whether the text starts with prefix."),
            new Entry("string", "string(x)", "The text of a value, as ${...} inside a longer text writes it."),
            new Entry("trim", "trim(s)", "The text without surrounding spaces."),
            new Entry("upper", "upper(s)", "The text in upper case."),
            new Entry("uuid", "uuid()", "A random UUID as text."));

    private static final JsonArray JSON_LIST = toJson();

    private FunctionCatalog() {}

    /** {@code [{name, signature, description}]}, sorted by name. */
    public static JsonArray json() {
        return JSON_LIST;
    }

    private static JsonArray toJson() {
        JsonArrayBuilder list = JSON.createArrayBuilder();
        ENTRIES.forEach(entry -> list.add(JSON.createObjectBuilder()
                .add("name", entry.name())
                .add("signature", entry.signature())
                .add("description", entry.description())));
        return list.build();
    }
}
