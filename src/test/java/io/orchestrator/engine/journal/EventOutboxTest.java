package io.orchestrator.engine.journal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.orchestrator.engine.EventType;
import io.orchestrator.engine.RunEvent;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;

/** The journal writes a run's events for other servers only for the workflows they watch, with the rows, in order. */
class EventOutboxTest {

    private static final Instant NOW = Instant.parse("2026-01-01T10:00:00Z");

    private static RunEvent event(EventType type, String workflowId, String runId) {
        return new RunEvent(type, workflowId, runId, null, null, null, null, null, NOW);
    }

    @Test
    void onlyTheEventsOfWorkflowsWatchedElsewhereGoToTheOutboxInTheirOrder() throws SQLException {
        EventOutbox outbox = new EventOutbox();
        outbox.relayFor("server-a", Set.of("watched"));
        JournalBatch batch = new JournalBatch(outbox);
        batch.add(new JournalEntry.Announcement(event(EventType.WORKFLOW_STARTED, "watched", "run-1")));
        batch.add(new JournalEntry.Announcement(event(EventType.WORKFLOW_STARTED, "unwatched", "run-2")));
        batch.add(new JournalEntry.Announcement(event(EventType.WORKFLOW_COMPLETED, "watched", "run-1")));
        assertTrue(batch.hasRows(), "events for another server are rows to write");

        try (Connection connection = migrated().getConnection()) {
            batch.write(connection, SqlDialect.H2);
            List<String> rows = new ArrayList<>();
            try (Statement select = connection.createStatement();
                    ResultSet row = select.executeQuery(
                            "SELECT workflow_id, origin, message FROM run_event_outbox ORDER BY id")) {
                while (row.next()) {
                    rows.add(row.getString(1) + " " + row.getString(2) + " " + row.getString(3));
                }
            }
            assertEquals(2, rows.size(), rows::toString);
            assertTrue(rows.get(0).startsWith("watched server-a {\"type\":\"workflow_started\""), rows.get(0));
            assertTrue(rows.get(1).contains("\"type\":\"workflow_completed\""), rows.get(1));
        }
    }

    @Test
    void aServerAloneWritesNothingForOthers() {
        JournalBatch batch = new JournalBatch(new EventOutbox());
        batch.add(new JournalEntry.Announcement(event(EventType.WORKFLOW_STARTED, "wf", "run-1")));
        assertFalse(batch.hasRows(), "no other server watches: no outbox row, no write at all");
        assertEquals(1, batch.announcements().size(), "the event is still announced here");
    }

    private static JdbcDataSource migrated() {
        JdbcDataSource database = new JdbcDataSource();
        database.setURL("jdbc:h2:mem:outbox-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        Flyway.configure()
                .dataSource(database)
                .locations("classpath:db/h2")
                .load()
                .migrate();
        return database;
    }
}
