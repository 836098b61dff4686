package io.orchestrator.blocks;

import io.orchestrator.platform.FieldErrors;
import jakarta.json.JsonArray;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A block's tags: given as a list of strings or as one comma-separated string (the form older
 * clients send), trimmed, without empty or repeated ones, in the order given. Stored framed by
 * commas ({@code ,intro,greeting,}) so that a tag filter is a single {@code LIKE '%,tag,%'}; a tag
 * therefore never holds a comma.
 */
final class BlockTags {

    static final int MAX_TAGS = 50;
    static final int MAX_TAG_LENGTH = 50;

    private BlockTags() {}

    /** The tags of a request field, or empty with the problem recorded under {@code field}. */
    static Optional<List<String>> read(JsonValue value, String field, FieldErrors errors) {
        List<String> given = new ArrayList<>();
        if (value instanceof JsonString text) {
            given.addAll(Arrays.asList(text.getString().split(",", -1)));
        } else if (value instanceof JsonArray array) {
            for (JsonValue item : array) {
                if (!(item instanceof JsonString text)) {
                    errors.add(field, "Must be a list of strings or a comma-separated string.");
                    return Optional.empty();
                }
                if (text.getString().contains(",")) {
                    errors.add(field, "A tag may not contain a comma: '" + text.getString() + "'.");
                    return Optional.empty();
                }
                given.add(text.getString());
            }
        } else {
            errors.add(field, "Must be a list of strings or a comma-separated string.");
            return Optional.empty();
        }
        Set<String> tags = new LinkedHashSet<>();
        for (String tag : given) {
            String trimmed = tag.trim();
            if (trimmed.length() > MAX_TAG_LENGTH) {
                errors.add(field, "A tag must be at most " + MAX_TAG_LENGTH + " characters: '" + trimmed + "'.");
                return Optional.empty();
            }
            if (!trimmed.isEmpty()) {
                tags.add(trimmed);
            }
        }
        if (tags.size() > MAX_TAGS) {
            errors.add(field, "At most " + MAX_TAGS + " tags.");
            return Optional.empty();
        }
        return Optional.of(List.copyOf(tags));
    }

    static String stored(List<String> tags) {
        return tags.isEmpty() ? "" : "," + String.join(",", tags) + ",";
    }

    static List<String> fromStored(String stored) {
        if (stored == null || stored.isEmpty()) {
            return List.of();
        }
        return Arrays.stream(stored.split(",")).filter(tag -> !tag.isEmpty()).toList();
    }
}
