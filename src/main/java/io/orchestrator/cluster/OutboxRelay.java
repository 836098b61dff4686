package io.orchestrator.cluster;

import io.orchestrator.engine.EngineInstance;
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
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Relays to this server's WebSocket clients the run events other servers wrote to the outbox for
 * the workflows these clients watch, every {@link #POLL_MS} while any client watches anything.
 *
 * <p>Rows are read in id order. An id is taken when the row is inserted but becomes visible at its
 * commit, so two journal writers (or servers) can make a smaller id appear after a larger one: the
 * relay therefore reads again everything created in the last {@link #LATE_COMMIT_MS} by the
 * database's clock and skips the ids it already sent. One run's events are written by one journal
 * writer, one commit after the other, so they appear, and are sent, in their order.
 */
@ApplicationScoped
public class OutboxRelay {

    private static final Logger LOG = Logger.getLogger(OutboxRelay.class.getName());
    static final long POLL_MS = 150;
    /** Longer than any journal commit takes; rows committed later than this after their insert are missed. */
    static final long LATE_COMMIT_MS = 3_000;

    @Inject
    ClusterDatabase database;

    @Inject
    WorkflowWatchers watchers;

    @Inject
    EngineInstance instance;

    @Resource(lookup = "java:comp/DefaultManagedScheduledExecutorService")
    ManagedScheduledExecutorService scheduler;

    /** Ids sent, with the database time they were created at, forgotten once older than the window. */
    private final Map<Long, Timestamp> sent = new LinkedHashMap<>();
    /** When relaying began: what was created before a client watched is not sent (its state_sync told it). */
    private Timestamp began;

    void start(@Observes SchemaReady ready) {
        scheduler.scheduleWithFixedDelay(this::pollSafely, POLL_MS, POLL_MS, TimeUnit.MILLISECONDS);
    }

    private void pollSafely() {
        try {
            poll();
        } catch (SQLException | RuntimeException failed) {
            LOG.log(Level.FINE, "Reading the run event outbox failed", failed);
        }
    }

    private synchronized void poll() throws SQLException {
        Set<String> watched = watchers.watchedWorkflowIds();
        if (watched.isEmpty()) {
            began = null;
            sent.clear();
            return;
        }
        try (Connection connection = database.connect()) {
            Timestamp now = ClusterDatabase.now(connection);
            if (began == null) {
                began = now;
            }
            Timestamp window = ClusterDatabase.minus(now, LATE_COMMIT_MS);
            Timestamp from = window.before(began) ? began : window;
            String placeholders = String.join(", ", Collections.nCopies(watched.size(), "?"));
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT id, workflow_id, message, created_at FROM run_event_outbox WHERE created_at >= ?"
                            + " AND origin <> ? AND workflow_id IN (" + placeholders + ") ORDER BY id")) {
                select.setTimestamp(1, from);
                select.setString(2, instance.id());
                int index = 3;
                for (String workflowId : watched) {
                    select.setString(index++, workflowId);
                }
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        long id = rows.getLong(1);
                        if (sent.putIfAbsent(id, rows.getTimestamp(4)) == null) {
                            watchers.relay(rows.getString(2), rows.getString(3));
                        }
                    }
                }
            }
            sent.values().removeIf(created -> created.before(from));
        }
    }
}
