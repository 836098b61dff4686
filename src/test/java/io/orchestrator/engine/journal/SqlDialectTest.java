package io.orchestrator.engine.journal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class SqlDialectTest {

    @Test
    void instantsAreWrittenAsUtcWallTimeWithMicroseconds() {
        assertEquals("2026-11-30 00:05:09.000000", SqlDialect.utcDatetime(Instant.parse("2026-11-30T00:05:09Z")));
        assertEquals(
                "0999-01-02 23:59:59.123456", SqlDialect.utcDatetime(Instant.parse("0999-01-02T23:59:59.123456789Z")));
        assertEquals(
                "2026-03-29 02:30:00.000001",
                SqlDialect.utcDatetime(Instant.parse("2026-03-29T02:30:00.000001Z")),
                "a wall time that some time zones skip is still written as it is in UTC");
    }

    @Test
    void upsertsInsertSeveralRowsAtOnceAndReplaceByKey() {
        assertEquals(
                "INSERT INTO t (id, a) VALUES (?, ?), (?, ?) ON DUPLICATE KEY UPDATE a = VALUES(a)",
                SqlDialect.MARIADB.upsert("t", List.of("id", "a"), List.of("id"), 2));
        assertEquals(
                "MERGE INTO t (id, a) KEY (id) VALUES (?, ?), (?, ?), (?, ?)",
                SqlDialect.H2.upsert("t", List.of("id", "a"), List.of("id"), 3));
    }
}
