package io.orchestrator.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.json.Json;
import jakarta.json.JsonValue;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TimestampsTest {

    @Test
    void writesAnInstantInUtcCutToTheMillisecond() {
        assertEquals(
                Json.createValue("2024-01-01T12:00:00.123Z"),
                Timestamps.json(Instant.parse("2024-01-01T12:00:00.123987654Z")));
    }

    @Test
    void writesAWholeSecondWithoutAFraction() {
        assertEquals(
                Json.createValue("2024-01-01T12:00:00Z"),
                Timestamps.json(Instant.parse("2024-01-01T12:00:00.000400Z")));
    }

    @Test
    void writesNoInstantAsJsonNull() {
        assertEquals(JsonValue.NULL, Timestamps.json(null));
    }

    @Test
    void parsesAnIsoInstant() {
        assertEquals(Optional.of(Instant.parse("2030-01-01T09:00:00Z")), Timestamps.parse("2030-01-01T09:00:00Z"));
    }

    @Test
    void parsesNothingFromTextThatIsNotAnInstant() {
        assertEquals(Optional.empty(), Timestamps.parse("2030-01-01"));
        assertEquals(Optional.empty(), Timestamps.parse("tomorrow"));
    }
}
