package io.orchestrator.platform;

import static io.orchestrator.platform.Jsonp.JSON;

import jakarta.json.JsonValue;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/** Times in the API are ISO-8601 instants in UTC, to the millisecond ({@code 2024-01-01T12:00:00.123Z}). */
public final class Timestamps {

    private Timestamps() {}

    public static JsonValue json(Instant instant) {
        return instant == null
                ? JsonValue.NULL
                : JSON.createValue(instant.truncatedTo(ChronoUnit.MILLIS).toString());
    }

    public static Optional<Instant> parse(String text) {
        try {
            return Optional.of(Instant.parse(text));
        } catch (DateTimeParseException notAnInstant) {
            return Optional.empty();
        }
    }
}
