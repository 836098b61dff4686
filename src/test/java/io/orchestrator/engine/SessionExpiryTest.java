package io.orchestrator.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.orchestrator.engine.journal.RunJournal;
import io.orchestrator.engine.journal.SqlDialect;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;

/** Sessions unused past their time are deleted, unless a run under way or a recent run names them; on H2 migrated as the server does. */
class SessionExpiryTest {

    private static final Instant NOW = Instant.parse("2026-12-07T10:00:00Z");
    private static final Instant LONG_AGO = NOW.minus(Duration.ofDays(30));
    private static final Instant CUTOFF = NOW.minus(Duration.ofDays(7));

    @Test
    void onlySessionsUnusedSinceTheCutoffAndNamedByNoLiveOrRecentRunAreDeleted() throws SQLException {
        SessionExpiry expiry = expiry();
        session(expiry, "old-unused", LONG_AGO);
        session(expiry, "old-ended-run", LONG_AGO);
        run(expiry, "r1", "old-ended-run", "SUCCESS", LONG_AGO);
        session(expiry, "old-waiting-run", LONG_AGO);
        run(expiry, "r2", "old-waiting-run", "WAITING", LONG_AGO);
        session(expiry, "old-recent-run", LONG_AGO);
        run(expiry, "r3", "old-recent-run", "SUCCESS", NOW.minus(Duration.ofDays(1)));
        session(expiry, "recent", NOW.minus(Duration.ofDays(1)));

        assertEquals(2, expiry.purgeUnusedSince(CUTOFF, SessionExpiry.BATCH));
        assertEquals(List.of("old-recent-run", "old-waiting-run", "recent"), sessions(expiry));
        assertEquals(0, expiry.purgeUnusedSince(CUTOFF, SessionExpiry.BATCH), "nothing more to delete");
    }

    @Test
    void aLargeBacklogGoesInBatches() throws SQLException {
        SessionExpiry expiry = expiry();
        for (int i = 0; i < 5; i++) {
            session(expiry, "s" + i, LONG_AGO);
        }
        assertEquals(2, expiry.purgeUnusedSince(CUTOFF, 2));
        assertEquals(2, expiry.purgeUnusedSince(CUTOFF, 2));
        assertEquals(1, expiry.purgeUnusedSince(CUTOFF, 2));
        assertEquals(List.of(), sessions(expiry));
    }

    private static SessionExpiry expiry() {
        JdbcDataSource database = new JdbcDataSource();
        database.setURL("jdbc:h2:mem:sessions-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        Flyway.configure()
                .dataSource(database)
                .locations("classpath:db/h2")
                .load()
                .migrate();
        SessionExpiry expiry = new SessionExpiry();
        expiry.dataSource = database;
        expiry.journal = new RunJournal() {
            @Override
            public SqlDialect dialect() {
                return SqlDialect.H2;
            }
        };
        expiry.ttlHours = 168;
        return expiry;
    }

    private static void session(SessionExpiry expiry, String id, Instant updatedAt) throws SQLException {
        try (Connection connection = expiry.dataSource.getConnection();
                PreparedStatement insert = connection.prepareStatement(
                        "INSERT INTO session_state (id, variables, cookies, updated_at) VALUES (?, '{}', '[]', ?)")) {
            insert.setString(1, id);
            SqlDialect.H2.bindInstant(insert, 2, updatedAt);
            insert.executeUpdate();
        }
    }

    private static void run(SessionExpiry expiry, String id, String sessionId, String status, Instant createdAt)
            throws SQLException {
        try (Connection connection = expiry.dataSource.getConnection();
                PreparedStatement insert = connection.prepareStatement(
                        "INSERT INTO run (id, workflow_id, workflow_version, status, trigger_type, session_id,"
                                + " created_at, updated_at) VALUES (?, 'w', 1, ?, 'manual', ?, ?, ?)")) {
            insert.setString(1, id);
            insert.setString(2, status);
            insert.setString(3, sessionId);
            SqlDialect.H2.bindInstant(insert, 4, createdAt);
            SqlDialect.H2.bindInstant(insert, 5, createdAt);
            insert.executeUpdate();
        }
    }

    private static List<String> sessions(SessionExpiry expiry) throws SQLException {
        List<String> ids = new ArrayList<>();
        try (Connection connection = expiry.dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement("SELECT id FROM session_state ORDER BY id");
                ResultSet rows = select.executeQuery()) {
            while (rows.next()) {
                ids.add(rows.getString(1));
            }
        }
        return ids;
    }
}
