package io.orchestrator.cluster;

import io.orchestrator.engine.EngineInstance;
import io.orchestrator.engine.journal.EventOutbox;
import io.orchestrator.platform.SchemaReady;
import io.orchestrator.realtime.WorkflowWatchers;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Tells the other servers which workflows this server's WebSocket clients watch, and learns which
 * ones theirs watch (table workflow_watch), once a second: the journal writes a run's events to the
 * outbox only for the latter ({@link EventOutbox}). A server that stops refreshing (stopped, killed)
 * drops out after {@link #WATCH_TTL_MS}. Every {@link #TIDY_EVERY} beats it also deletes outbox rows
 * older than a minute (every server's relay has read them long before) and stale watches.
 */
@ApplicationScoped
public class WatchHeartbeat {

    private static final Logger LOG = Logger.getLogger(WatchHeartbeat.class.getName());
    static final long BEAT_MS = 1_000;
    /** A watch not refreshed for this long is another server's no longer. */
    static final long WATCH_TTL_MS = 5_000;

    static final long OUTBOX_KEPT_MS = 60_000;
    private static final int TIDY_EVERY = 15;

    @Inject
    ClusterDatabase database;

    @Inject
    WorkflowWatchers watchers;

    @Inject
    EventOutbox outbox;

    @Inject
    EngineInstance instance;

    @Resource(lookup = "java:comp/DefaultManagedScheduledExecutorService")
    ManagedScheduledExecutorService scheduler;

    private Set<String> published = Set.of();
    private int beats;

    void start(@Observes SchemaReady ready) {
        scheduler.scheduleWithFixedDelay(this::beatSafely, 0, BEAT_MS, TimeUnit.MILLISECONDS);
    }

    private void beatSafely() {
        try {
            beat();
        } catch (SQLException | RuntimeException failed) {
            // The next beat tries again; a failure must not cancel the periodic task.
            LOG.log(Level.FINE, "The cluster's watch heartbeat failed", failed);
        }
    }

    private synchronized void beat() throws SQLException {
        String self = instance.id();
        Set<String> watched = watchers.watchedWorkflowIds();
        try (Connection connection = database.connect()) {
            Timestamp now = ClusterDatabase.now(connection);
            if (!watched.isEmpty()) {
                try (PreparedStatement upsert = connection.prepareStatement(database.dialect()
                        .upsert(
                                "workflow_watch",
                                List.of("server_id", "workflow_id", "seen_at"),
                                List.of("server_id", "workflow_id"),
                                1))) {
                    for (String workflowId : watched) {
                        upsert.setString(1, self);
                        upsert.setString(2, workflowId);
                        upsert.setTimestamp(3, now);
                        upsert.addBatch();
                    }
                    upsert.executeBatch();
                }
            }
            Set<String> gone = new HashSet<>(published);
            gone.removeAll(watched);
            if (!gone.isEmpty()) {
                try (PreparedStatement delete = connection.prepareStatement(
                        "DELETE FROM workflow_watch WHERE server_id = ? AND workflow_id = ?")) {
                    for (String workflowId : gone) {
                        delete.setString(1, self);
                        delete.setString(2, workflowId);
                        delete.addBatch();
                    }
                    delete.executeBatch();
                }
            }
            published = watched;
            outbox.relayFor(self, watchedElsewhere(connection, self, now));
            if (++beats % TIDY_EVERY == 0) {
                tidy(connection, now);
            }
        }
    }

    private static Set<String> watchedElsewhere(Connection connection, String self, Timestamp now) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT DISTINCT workflow_id FROM workflow_watch WHERE server_id <> ? AND seen_at > ?")) {
            select.setString(1, self);
            select.setTimestamp(2, ClusterDatabase.minus(now, WATCH_TTL_MS));
            Set<String> ids = new HashSet<>();
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    ids.add(rows.getString(1));
                }
            }
            return ids;
        }
    }

    private static void tidy(Connection connection, Timestamp now) throws SQLException {
        try (PreparedStatement outboxRows =
                        connection.prepareStatement("DELETE FROM run_event_outbox WHERE created_at < ?");
                PreparedStatement watches =
                        connection.prepareStatement("DELETE FROM workflow_watch WHERE seen_at < ?")) {
            outboxRows.setTimestamp(1, ClusterDatabase.minus(now, OUTBOX_KEPT_MS));
            outboxRows.executeUpdate();
            watches.setTimestamp(1, ClusterDatabase.minus(now, OUTBOX_KEPT_MS));
            watches.executeUpdate();
        }
    }
}
