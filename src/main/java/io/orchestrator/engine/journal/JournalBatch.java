package io.orchestrator.engine.journal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
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

    private record StepKey(String runId, String nodeId, int attempt) {
    }

    private final Map<String, RunRow> runs = new LinkedHashMap<>();
    private final Map<StepKey, StepRow> steps = new LinkedHashMap<>();
    private final Map<String, SessionRow> sessions = new LinkedHashMap<>();
    private final List<Object> announcements = new ArrayList<>();

    void add(Object entry) {
        if (entry instanceof RunRow run) {
            runs.put(run.id(), run);
        } else if (entry instanceof StepRow step) {
            steps.put(new StepKey(step.runId(), step.nodeId(), step.attempt()), step);
        } else if (entry instanceof SessionRow session) {
            sessions.put(session.id(), session);
        } else {
            announcements.add(entry);
        }
    }

    boolean hasRows() {
        return !runs.isEmpty() || !steps.isEmpty() || !sessions.isEmpty();
    }

    int rowCount() {
        return runs.size() + steps.size() + sessions.size();
    }

    List<Object> announcements() {
        return announcements;
    }

    void write(Connection connection, SqlDialect dialect) throws SQLException {
        if (!runs.isEmpty()) {
            try (PreparedStatement statement = connection.prepareStatement(
                    dialect.upsert("run", RUN_COLUMNS, List.of("id")))) {
                for (RunRow run : runs.values()) {
                    bindRun(statement, dialect, run);
                    statement.addBatch();
                }
                statement.executeBatch();
            }
        }
        if (!steps.isEmpty()) {
            try (PreparedStatement statement = connection.prepareStatement(
                    dialect.upsert("node_execution", STEP_COLUMNS, List.of("run_id", "node_id", "attempt")))) {
                for (StepRow step : steps.values()) {
                    bindStep(statement, dialect, step);
                    statement.addBatch();
                }
                statement.executeBatch();
            }
        }
        if (!sessions.isEmpty()) {
            try (PreparedStatement statement = connection.prepareStatement(
                    dialect.upsert("session_state", SESSION_COLUMNS, List.of("id")))) {
                for (SessionRow session : sessions.values()) {
                    statement.setString(1, session.id());
                    statement.setString(2, session.variables());
                    statement.setString(3, session.cookies());
                    dialect.bindInstant(statement, 4, session.updatedAt());
                    statement.addBatch();
                }
                statement.executeBatch();
            }
        }
    }

    private static void bindRun(PreparedStatement statement, SqlDialect dialect, RunRow run) throws SQLException {
        statement.setString(1, run.id());
        statement.setString(2, run.workflowId());
        statement.setLong(3, run.workflowVersion());
        statement.setString(4, run.status().name());
        statement.setString(5, run.triggerType());
        text(statement, 6, run.input());
        text(statement, 7, run.output());
        text(statement, 8, run.error());
        text(statement, 9, run.sessionId());
        text(statement, 10, run.parentRunId());
        text(statement, 11, run.startNodeId());
        text(statement, 12, run.fromNodeId());
        text(statement, 13, run.owner());
        dialect.bindInstant(statement, 14, run.createdAt());
        dialect.bindInstant(statement, 15, run.startedAt());
        dialect.bindInstant(statement, 16, run.finishedAt());
        dialect.bindInstant(statement, 17, run.updatedAt());
    }

    private static void bindStep(PreparedStatement statement, SqlDialect dialect, StepRow step) throws SQLException {
        statement.setString(1, step.runId());
        statement.setString(2, step.nodeId());
        statement.setInt(3, step.attempt());
        statement.setInt(4, step.seq());
        statement.setString(5, step.nodeName());
        statement.setString(6, step.nodeType());
        statement.setString(7, step.status().name());
        text(statement, 8, step.input());
        text(statement, 9, step.output());
        text(statement, 10, step.route());
        text(statement, 11, step.error());
        text(statement, 12, step.errorType());
        dialect.bindInstant(statement, 13, step.startedAt());
        dialect.bindInstant(statement, 14, step.finishedAt());
        dialect.bindInstant(statement, 15, step.wakeAt());
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
