package io.orchestrator.engine.journal;

import io.orchestrator.engine.RunEvent;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.Set;

/**
 * The run events other servers' WebSocket clients wait for, written with the run's own rows (table
 * run_event_outbox) so that another server relays exactly what is durable, in commit order. Only
 * the workflows some other live server watches are written: {@link #watchedElsewhere} is kept up
 * to date by the cluster's watch heartbeat, and with one server it stays empty, so a single server
 * writes nothing here and pays one set lookup per event.
 */
@ApplicationScoped
public class EventOutbox {

    static final String INSERT = "INSERT INTO run_event_outbox (workflow_id, origin, message) VALUES (?, ?, ?)";

    private volatile Set<String> watchedElsewhere = Set.of();
    private volatile String origin = "";

    /** The workflows whose events this server writes for others, and the name it signs them with. */
    public void relayFor(String thisServer, Set<String> workflowIds) {
        this.origin = thisServer;
        this.watchedElsewhere = Set.copyOf(workflowIds);
    }

    public boolean relays(String workflowId) {
        return workflowId != null && watchedElsewhere.contains(workflowId);
    }

    /** Writes the events, in order, on the journal's connection (inside its transaction). */
    void write(Connection connection, List<RunEvent> events) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(INSERT)) {
            for (RunEvent event : events) {
                insert.setString(1, event.workflowId());
                insert.setString(2, origin);
                insert.setString(3, event.toJson().toString());
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }
}
