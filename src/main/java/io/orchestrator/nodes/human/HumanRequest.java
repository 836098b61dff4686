package io.orchestrator.nodes.human;

import static io.orchestrator.platform.Jsonp.JSON;

import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.List;

/**
 * What a waiting human-input node shows a person, stored with its step until they answer:
 * {@code prompt, candidates, mode, allow_edit, allow_feedback}, and {@code merge} for the answer.
 * Each candidate is an object with an {@code index}, an {@code id} and a {@code text}.
 */
public record HumanRequest(
        String prompt,
        List<JsonObject> candidates,
        HumanInputMode mode,
        boolean allowEdit,
        boolean allowFeedback,
        JsonValue merge) {

    public JsonObject toJson() {
        JsonArrayBuilder list = JSON.createArrayBuilder();
        candidates.forEach(list::add);
        return JSON.createObjectBuilder()
                .add("prompt", prompt)
                .add("candidates", list)
                .add("mode", mode.wireName())
                .add("allow_edit", allowEdit)
                .add("allow_feedback", allowFeedback)
                .add("merge", merge)
                .build();
    }

    /** The request as stored; a stored request is one this server wrote, so its shape is trusted. */
    public static HumanRequest fromJson(JsonObject json) {
        return new HumanRequest(
                json.getString("prompt", ""),
                json.getJsonArray("candidates").getValuesAs(JsonObject.class),
                HumanInputMode.named(json.getString("mode")).orElse(HumanInputMode.SELECT_ONE),
                json.getBoolean("allow_edit", false),
                json.getBoolean("allow_feedback", false),
                json.getOrDefault("merge", JsonValue.NULL));
    }

    /**
     * Candidates as the person sees them: a text becomes {@code {index, id, text}}; an object (an llm
     * candidate) keeps its fields and gets an index, an id (its own, else its index) and a text
     * (its own, else its JSON).
     */
    public static List<JsonObject> candidates(JsonArray given) {
        return java.util.stream.IntStream.range(0, given.size())
                .mapToObj(index -> candidate(index, given.get(index)))
                .toList();
    }

    private static JsonObject candidate(int index, JsonValue value) {
        if (value instanceof JsonObject object) {
            JsonObjectBuilder candidate = JSON.createObjectBuilder(object).add("index", index);
            if (!(object.get("id") instanceof JsonString)) {
                candidate.add("id", Integer.toString(index));
            }
            if (!(object.get("text") instanceof JsonString)) {
                candidate.add("text", object.toString());
            }
            return candidate.build();
        }
        String text = value instanceof JsonString string ? string.getString() : value.toString();
        return JSON.createObjectBuilder()
                .add("index", index)
                .add("id", Integer.toString(index))
                .add("text", text)
                .build();
    }
}
