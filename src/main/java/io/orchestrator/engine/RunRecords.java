package io.orchestrator.engine;

import io.orchestrator.engine.journal.JournalTable;
import io.orchestrator.engine.journal.JournalTables;
import io.orchestrator.engine.journal.RunJournal;
import io.orchestrator.engine.journal.RunRow;
import io.orchestrator.engine.journal.SessionRow;
import io.orchestrator.engine.journal.SqlDialect;
import io.orchestrator.engine.journal.StepRow;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.sql.DataSource;

/**
 * What the engine reads back of runs, node executions and sessions, with plain JDBC on the same
 * connection pool the journal writes with. The runs API reads the same tables through JPA.
 */
@ApplicationScoped
public class RunRecords {

    private static final JournalTable<RunRow> RUNS = JournalTables.RUN;
    private static final JournalTable<StepRow> STEPS = JournalTables.STEP;

    @Resource(lookup = "jdbc/orchestrator-direct")
    DataSource dataSource;

    @Inject
    RunJournal journal;

    public Optional<RunRow> run(String runId) {
        List<RunRow> rows = runs(RUNS.select() + " WHERE id = ?", runId);
        return rows.isEmpty() ? Optional.empty() : Optional.of(rows.get(0));
    }

    /** The workflow's most recent run. */
    public Optional<RunRow> latestOf(String workflowId) {
        List<RunRow> rows =
                runs(RUNS.select() + " WHERE workflow_id = ? ORDER BY created_at DESC" + " LIMIT 1", workflowId);
        return rows.isEmpty() ? Optional.empty() : Optional.of(rows.get(0));
    }

    /** The workflow's most recent run still under way. */
    public Optional<RunRow> latestUnderWay(String workflowId) {
        List<RunRow> rows = runs(
                RUNS.select() + " WHERE workflow_id = ?"
                        + " AND status IN ('PENDING', 'STARTED', 'WAITING', 'PAUSED') ORDER BY created_at DESC LIMIT 1",
                workflowId);
        return rows.isEmpty() ? Optional.empty() : Optional.of(rows.get(0));
    }

    /** Revokes a run no server has started yet; false when it is no longer PENDING. */
    public boolean revokePending(String runId, SqlDialect dialect) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement update = connection.prepareStatement(
                        "UPDATE run SET status = 'REVOKED',"
                                + " error = 'Stopped by request.', finished_at = ?, updated_at = ? WHERE id = ? AND status = 'PENDING'")) {
            Instant now = Instant.now();
            dialect.bindInstant(update, 1, now);
            dialect.bindInstant(update, 2, now);
            update.setString(3, runId);
            return update.executeUpdate() == 1;
        } catch (SQLException failed) {
            throw new IllegalStateException("Cannot revoke run " + runId + ": " + failed.getMessage(), failed);
        }
    }

    /**
     * Runs under way whose owner is not a live server (or no server at all): recovery's work. Two
     * queries, not a join: Quartz's tables take the database's default collation while ours declare
     * utf8mb4_unicode_ci, and MariaDB refuses to compare columns of two collations. On a database
     * created with another default, the join failed and runs cut by a crash were never resumed.
     */
    public List<RunRow> orphans(String ownerOfThisServer, Instant ownersDeadBefore) {
        try (Connection connection = dataSource.getConnection()) {
            Set<String> liveOwners = new LinkedHashSet<>(liveInstances(connection, ownersDeadBefore));
            liveOwners.add(ownerOfThisServer);
            String placeholders = String.join(", ", Collections.nCopies(liveOwners.size(), "?"));
            try (PreparedStatement select = connection.prepareStatement(RUNS.select()
                    + " WHERE status = 'STARTED' AND (owner IS NULL OR owner NOT IN (" + placeholders + "))")) {
                int index = 1;
                for (String owner : liveOwners) {
                    select.setString(index++, owner);
                }
                return readRuns(select);
            }
        } catch (SQLException failed) {
            throw new IllegalStateException("Cannot look for runs to recover: " + failed.getMessage(), failed);
        }
    }

    /**
     * Sub-workflow runs that ended while a WAITING parent's step still waits for them: the telling
     * of their end was cut off (the server stopped between the child's end and the parent's answer).
     */
    public List<RunRow> endedChildrenAwaited() {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement(RUNS.select()
                        + " c WHERE c.trigger_type = 'sub-workflow' AND c.status IN ('SUCCESS', 'FAILURE', 'REVOKED')"
                        + " AND c.parent_run_id IN (SELECT p.id FROM run p WHERE p.status = 'WAITING')"
                        + " AND EXISTS (SELECT 1 FROM node_execution s WHERE s.run_id = c.parent_run_id"
                        + " AND s.status = 'WAITING' AND s.node_type = 'sub-workflow'"
                        + " AND s.output LIKE CONCAT('%', c.id, '%')) LIMIT 100")) {
            return readRuns(select);
        } catch (SQLException failed) {
            throw new IllegalStateException("Cannot look for ended sub-workflow runs: " + failed.getMessage(), failed);
        }
    }

    /** The Quartz instances (servers) that checked in after the given instant. */
    private static List<String> liveInstances(Connection connection, Instant checkedInAfter) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT INSTANCE_NAME FROM QRTZ_SCHEDULER_STATE WHERE LAST_CHECKIN_TIME > ?")) {
            select.setLong(1, checkedInAfter.toEpochMilli());
            List<String> names = new ArrayList<>();
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    names.add(rows.getString(1));
                }
            }
            return names;
        }
    }

    /** The latest attempt of every node of a run, by node id. */
    public Map<String, StepRow> latestSteps(String runId) {
        Map<String, StepRow> latest = new LinkedHashMap<>();
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select =
                        connection.prepareStatement(STEPS.select() + " WHERE run_id = ? ORDER BY node_id, attempt")) {
            select.setString(1, runId);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    StepRow step = STEPS.read(rows, journal.dialect());
                    latest.put(step.nodeId(), step);
                }
            }
        } catch (SQLException failed) {
            throw new IllegalStateException(
                    "Cannot read the node executions of run " + runId + ": " + failed.getMessage(), failed);
        }
        return latest;
    }

    public Optional<SessionRow> session(String sessionId) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select =
                        connection.prepareStatement(JournalTables.SESSION.select() + " WHERE id = ?")) {
            select.setString(1, sessionId);
            try (ResultSet row = select.executeQuery()) {
                return row.next() ? Optional.of(JournalTables.SESSION.read(row, journal.dialect())) : Optional.empty();
            }
        } catch (SQLException failed) {
            throw new IllegalStateException("Cannot read session " + sessionId + ": " + failed.getMessage(), failed);
        }
    }

    /**
     * Takes a run for this server if nobody else took it since it was read: of two servers
     * recovering or waking the same run, one wins.
     */
    public boolean claim(RunRow run, String owner) {
        String sql = "UPDATE run SET owner = ? WHERE id = ? AND status = ? AND "
                + (run.owner() == null ? "owner IS NULL" : "owner = ?");
        try (Connection connection = dataSource.getConnection();
                PreparedStatement update = connection.prepareStatement(sql)) {
            update.setString(1, owner);
            update.setString(2, run.id());
            update.setString(3, run.status().name());
            if (run.owner() != null) {
                update.setString(4, run.owner());
            }
            return update.executeUpdate() == 1;
        } catch (SQLException failed) {
            throw new IllegalStateException("Cannot claim run " + run.id() + ": " + failed.getMessage(), failed);
        }
    }

    private List<RunRow> runs(String sql, String parameter) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement(sql)) {
            select.setString(1, parameter);
            return readRuns(select);
        } catch (SQLException failed) {
            throw new IllegalStateException("Cannot read runs: " + failed.getMessage(), failed);
        }
    }

    private List<RunRow> readRuns(PreparedStatement select) throws SQLException {
        List<RunRow> runs = new ArrayList<>();
        try (ResultSet rows = select.executeQuery()) {
            while (rows.next()) {
                runs.add(RUNS.read(rows, journal.dialect()));
            }
        }
        return runs;
    }
}
