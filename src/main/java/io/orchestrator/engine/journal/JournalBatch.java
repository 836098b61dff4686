package io.orchestrator.engine.journal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One group commit: the rows of many runs written in one transaction, each row once with its
 * latest values (a node that started and finished between two commits is written once), and what
 * is announced once they are in: events and callbacks, in the order they were appended.
 */
final class JournalBatch {

    static final List<String> RUN_COLUMNS = List.of("id", "workflow_id", "workflow_version", "status", "trigger_type",
            "input", "output", "error", "session_id", "parent_run_id", "start_node_id", "from_node_id", "owner", "created_at",
            "started_at", "finished_at", "updated_at");
    static final List<String> STEP_COLUMNS = List.of("run_id", "node_id", "attempt", "seq", "node_name", "node_type",
            "status", "input", "output", "route", "error", "error_type", "started_at", "finished_at", "wake_at");
    static final List<String> SESSION_COLUMNS = List.of("id", "variables", "cookies", "updated_at");

    /**
     * Statement sizes, largest first: n rows go out as the binary digits of n (13 = 8 + 4 + 1), so
     * a batch costs a few executions of at most seven statements per table, each prepared once.
     */
    private static final int[] ROWS_PER_STATEMENT = {64, 32, 16, 8, 4, 2, 1};

    private record StepKey(String runId, String nodeId, int attempt) {
    }

    private final Map<String, RunRow> runs = new LinkedHashMap<>();
    private final Map<StepKey, StepRow> steps = new LinkedHashMap<>();
    private final Map<String, SessionRow> sessions = new LinkedHashMap<>();
    private final List<Object> announcements = new ArrayList<>();
    private final List<String> purges = new ArrayList<>();

    void add(Object entry) {
        if (entry instanceof RunRow run) {
            runs.put(run.id(), run);
        } else if (entry instanceof StepRow step) {
            steps.put(new StepKey(step.runId(), step.nodeId(), step.attempt()), step);
        } else if (entry instanceof SessionRow session) {
            sessions.put(session.id(), session);
        } else if (entry instanceof HistoryPurge purge) {
            steps.keySet().removeIf(key -> key.runId().equals(purge.runId()));
            purges.add(purge.runId());
        } else {
            announcements.add(entry);
        }
    }

    boolean hasRows() {
        return !runs.isEmpty() || !steps.isEmpty() || !sessions.isEmpty() || !purges.isEmpty();
    }

    int rowCount() {
        return runs.size() + steps.size() + sessions.size();
    }

    List<Object> announcements() {
        return announcements;
    }

    void write(Connection connection, SqlDialect dialect) throws SQLException {
        upsert(connection, dialect, "run", RUN_COLUMNS, List.of("id"), runs.values(), JournalBatch::bindRun);
        upsert(connection, dialect, "node_execution", STEP_COLUMNS, List.of("run_id", "node_id", "attempt"),
                steps.values(), JournalBatch::bindStep);
        upsert(connection, dialect, "session_state", SESSION_COLUMNS, List.of("id"), sessions.values(),
                JournalBatch::bindSession);
        if (!purges.isEmpty()) {
            try (PreparedStatement delete = connection.prepareStatement("DELETE FROM node_execution WHERE run_id = ?")) {
                for (String runId : purges) {
                    delete.setString(1, runId);
                    delete.addBatch();
                }
                delete.executeBatch();
            }
        }
    }

    /** Binds one row's values at the placeholders after {@code offset}. */
    private interface Binder<T> {
        void bind(PreparedStatement statement, SqlDialect dialect, int offset, T row) throws SQLException;
    }

    /**
     * Writes rows with multi-row statements of a few fixed sizes: one statement of many rows costs
     * the database far less than as many one-row statements, and fixed sizes keep the statement
     * cache small.
     */
    private static <T> void upsert(Connection connection, SqlDialect dialect, String table, List<String> columns,
                                   List<String> key, Collection<T> rows, Binder<T> binder) throws SQLException {
        Iterator<T> next = rows.iterator();
        int left = rows.size();
        for (int size : ROWS_PER_STATEMENT) {
            if (left < size) {
                continue;
            }
            try (PreparedStatement statement = connection.prepareStatement(dialect.upsert(table, columns, key, size))) {
                while (left >= size) {
                    for (int row = 0; row < size; row++) {
                        binder.bind(statement, dialect, row * columns.size(), next.next());
                    }
                    statement.addBatch();
                    left -= size;
                }
                statement.executeBatch();
            }
        }
    }

    private static void bindRun(PreparedStatement statement, SqlDialect dialect, int offset, RunRow run)
            throws SQLException {
        statement.setString(offset + 1, run.id());
        statement.setString(offset + 2, run.workflowId());
        statement.setLong(offset + 3, run.workflowVersion());
        statement.setString(offset + 4, run.status().name());
        statement.setString(offset + 5, run.triggerType());
        text(statement, offset + 6, run.input());
        text(statement, offset + 7, run.output());
        text(statement, offset + 8, run.error());
        text(statement, offset + 9, run.sessionId());
        text(statement, offset + 10, run.parentRunId());
        text(statement, offset + 11, run.startNodeId());
        text(statement, offset + 12, run.fromNodeId());
        text(statement, offset + 13, run.owner());
        dialect.bindInstant(statement, offset + 14, run.createdAt());
        dialect.bindInstant(statement, offset + 15, run.startedAt());
        dialect.bindInstant(statement, offset + 16, run.finishedAt());
        dialect.bindInstant(statement, offset + 17, run.updatedAt());
    }

    private static void bindStep(PreparedStatement statement, SqlDialect dialect, int offset, StepRow step)
            throws SQLException {
        statement.setString(offset + 1, step.runId());
        statement.setString(offset + 2, step.nodeId());
        statement.setInt(offset + 3, step.attempt());
        statement.setInt(offset + 4, step.seq());
        statement.setString(offset + 5, step.nodeName());
        statement.setString(offset + 6, step.nodeType());
        statement.setString(offset + 7, step.status().name());
        text(statement, offset + 8, step.input());
        text(statement, offset + 9, step.output());
        text(statement, offset + 10, step.route());
        text(statement, offset + 11, step.error());
        text(statement, offset + 12, step.errorType());
        dialect.bindInstant(statement, offset + 13, step.startedAt());
        dialect.bindInstant(statement, offset + 14, step.finishedAt());
        dialect.bindInstant(statement, offset + 15, step.wakeAt());
    }

    private static void bindSession(PreparedStatement statement, SqlDialect dialect, int offset, SessionRow session)
            throws SQLException {
        statement.setString(offset + 1, session.id());
        statement.setString(offset + 2, session.variables());
        statement.setString(offset + 3, session.cookies());
        dialect.bindInstant(statement, offset + 4, session.updatedAt());
    }

    private static void text(PreparedStatement statement, int index, String value) throws SQLException {
        if (value == null) {
            statement.setNull(index, Types.VARCHAR);
        } else {
            statement.setString(index, value);
        }
    }

    /** Kept for the log when a batch cannot be written. */
    String describe() {
        return runs.size() + " runs, " + steps.size() + " node executions, " + sessions.size() + " sessions"
                + " (first run " + runs.keySet().stream().findFirst().orElse("-") + ")";
    }
}
