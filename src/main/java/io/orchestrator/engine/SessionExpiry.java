package io.orchestrator.engine;

import io.orchestrator.engine.journal.RunJournal;
import io.orchestrator.engine.scheduling.HousekeepingDue;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Deletes sessions nobody used for {@code ORCHESTRATOR_SESSION_TTL_HOURS} (default a week; 0 keeps
 * them) when the housekeeping job fires: last changed before then, and named by no run under way
 * nor by a run created since. Every run without a session_id gets a session of its own, so without
 * this the table only grows. A thousand at a time, so that a backlog never makes one long transaction.
 */
@ApplicationScoped
public class SessionExpiry {

    private static final Logger LOG = Logger.getLogger(SessionExpiry.class.getName());
    static final int BATCH = 1_000;

    @Resource(lookup = "jdbc/orchestrator-direct")
    DataSource dataSource;

    @Inject
    RunJournal journal;

    @Inject
    @ConfigProperty(name = "ORCHESTRATOR_SESSION_TTL_HOURS", defaultValue = "168")
    double ttlHours;

    void purge(@Observes HousekeepingDue due) {
        if (ttlHours <= 0) {
            return;
        }
        Instant unusedSince = due.now().minus(Duration.ofSeconds((long) (ttlHours * 3600)));
        int purged = 0;
        int batch;
        do {
            batch = purgeUnusedSince(unusedSince, BATCH);
            purged += batch;
        } while (batch == BATCH);
        if (purged > 0) {
            LOG.info("Deleted " + purged + " sessions unused for " + ttlHours + " hours.");
        }
    }

    /** Deletes up to {@code limit} sessions unused since the instant; how many it deleted. */
    int purgeUnusedSince(Instant unusedSince, int limit) {
        try (Connection connection = dataSource.getConnection()) {
            List<String> expired = new ArrayList<>();
            try (PreparedStatement select = connection.prepareStatement("SELECT s.id FROM session_state s"
                    + " WHERE s.updated_at < ? AND NOT EXISTS (SELECT 1 FROM run r WHERE r.session_id = s.id"
                    + " AND (r.status IN ('PENDING', 'STARTED', 'WAITING', 'PAUSED') OR r.created_at >= ?))"
                    + " ORDER BY s.updated_at LIMIT " + limit)) {
                journal.dialect().bindInstant(select, 1, unusedSince);
                journal.dialect().bindInstant(select, 2, unusedSince);
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        expired.add(rows.getString(1));
                    }
                }
            }
            if (expired.isEmpty()) {
                return 0;
            }
            // Checked again in the delete: a run that changed the session meanwhile keeps it.
            try (PreparedStatement delete =
                    connection.prepareStatement("DELETE FROM session_state WHERE id = ? AND updated_at < ?")) {
                for (String id : expired) {
                    delete.setString(1, id);
                    journal.dialect().bindInstant(delete, 2, unusedSince);
                    delete.addBatch();
                }
                int deleted = 0;
                for (int count : delete.executeBatch()) {
                    deleted += Math.max(count, 0);
                }
                return deleted;
            }
        } catch (SQLException failed) {
            throw new IllegalStateException("Cannot delete expired sessions: " + failed.getMessage(), failed);
        }
    }
}
