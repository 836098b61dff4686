package io.orchestrator.engine.journal;

import io.orchestrator.engine.RunEvent;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * One group commit: the rows of many runs written in one transaction, each row once with its
 * latest values (a node that started and finished between two commits is written once), and what
 * is announced once they are in: events and callbacks, in the order they were appended.
 */
final class JournalBatch {

    /**
     * Statement sizes, largest first: n rows go out as the binary digits of n (13 = 8 + 4 + 1), so
     * a batch costs a few executions of at most seven statements per table, each prepared once.
     */
    private static final int[] ROWS_PER_STATEMENT = {64, 32, 16, 8, 4, 2, 1};

    private record StepKey(String runId, String nodeId, int attempt) {}

    private final Map<String, RunRow> runs = new LinkedHashMap<>();
    private final Map<StepKey, StepRow> steps = new LinkedHashMap<>();
    private final Map<String, SessionRow> sessions = new LinkedHashMap<>();
    private final List<JournalEntry> announcements = new ArrayList<>();
    private final List<String> purges = new ArrayList<>();
    /** Other features' rows, by table, in the order appended (a later row of the same key wins in the upsert). */
    private final Map<JournalTable<?>, List<Object>> tableRows = new LinkedHashMap<>();
    /** Events another server's clients watch: written to the outbox in this same transaction. */
    private final List<RunEvent> relayed = new ArrayList<>();

    private final Predicate<String> relays;
    private final EventOutbox outbox;

    JournalBatch() {
        this(null);
    }

    /** With an outbox, the events of the workflows it relays are written to it with the rows. */
    JournalBatch(EventOutbox outbox) {
        this.outbox = outbox;
        this.relays = outbox == null ? workflowId -> false : outbox::relays;
    }

    /** Java 17 has no switch over a sealed type: the last branch catches a kind added to JournalEntry but not here. */
    void add(JournalEntry entry) {
        if (entry instanceof RunRow run) {
            runs.put(run.id(), run);
        } else if (entry instanceof StepRow step) {
            steps.put(new StepKey(step.runId(), step.nodeId(), step.attempt()), step);
        } else if (entry instanceof SessionRow session) {
            sessions.put(session.id(), session);
        } else if (entry instanceof HistoryPurge purge) {
            steps.keySet().removeIf(key -> key.runId().equals(purge.runId()));
            purges.add(purge.runId());
        } else if (entry instanceof JournalEntry.TableRows<?> rows) {
            tableRows.computeIfAbsent(rows.table(), table -> new ArrayList<>()).addAll(rows.rows());
        } else if (entry instanceof JournalEntry.Announcement announcement) {
            announcements.add(entry);
            if (relays.test(announcement.event().workflowId())) {
                relayed.add(announcement.event());
            }
        } else if (entry instanceof JournalEntry.AfterWrite) {
            announcements.add(entry);
        } else {
            throw new IllegalArgumentException(
                    "The journal cannot write a " + entry.getClass().getName());
        }
    }

    boolean hasRows() {
        return !runs.isEmpty()
                || !steps.isEmpty()
                || !sessions.isEmpty()
                || !purges.isEmpty()
                || !tableRows.isEmpty()
                || !relayed.isEmpty();
    }

    /** Events and callbacks, in the order they were appended. */
    List<JournalEntry> announcements() {
        return announcements;
    }

    void write(Connection connection, SqlDialect dialect) throws SQLException {
        upsert(connection, dialect, JournalTables.RUN, runs.values());
        upsert(connection, dialect, JournalTables.STEP, steps.values());
        upsert(connection, dialect, JournalTables.SESSION, sessions.values());
        for (Map.Entry<JournalTable<?>, List<Object>> rows : tableRows.entrySet()) {
            upsertUnchecked(connection, dialect, rows.getKey(), rows.getValue());
        }
        if (!purges.isEmpty()) {
            try (PreparedStatement delete =
                    connection.prepareStatement("DELETE FROM " + JournalTables.STEP.name() + " WHERE run_id = ?")) {
                for (String runId : purges) {
                    delete.setString(1, runId);
                    delete.addBatch();
                }
                delete.executeBatch();
            }
        }
        if (!relayed.isEmpty()) {
            outbox.write(connection, relayed);
        }
    }

    /**
     * Writes rows with multi-row statements of a few fixed sizes: one statement of many rows costs
     * the database far less than as many one-row statements, and fixed sizes keep the statement
     * cache small.
     */
    private static <T> void upsert(Connection connection, SqlDialect dialect, JournalTable<T> table, Collection<T> rows)
            throws SQLException {
        Iterator<T> next = rows.iterator();
        int left = rows.size();
        int columns = table.columns().size();
        for (int size : ROWS_PER_STATEMENT) {
            if (left < size) {
                continue;
            }
            try (PreparedStatement statement =
                    connection.prepareStatement(dialect.upsert(table.name(), table.columns(), table.key(), size))) {
                while (left >= size) {
                    for (int row = 0; row < size; row++) {
                        table.bind(statement, dialect, row * columns, next.next());
                    }
                    statement.addBatch();
                    left -= size;
                }
                statement.executeBatch();
            }
        }
    }

    /** The rows of a {@link JournalEntry.TableRows} are of its table's type: the record's type parameter says so. */
    @SuppressWarnings("unchecked")
    private static <T> void upsertUnchecked(
            Connection connection, SqlDialect dialect, JournalTable<T> table, List<Object> rows) throws SQLException {
        upsert(connection, dialect, table, (List<T>) (List<?>) rows);
    }

    /** Kept for the log when a batch cannot be written. */
    String describe() {
        int others = tableRows.values().stream().mapToInt(List::size).sum();
        return runs.size() + " runs, " + steps.size() + " node executions, " + sessions.size() + " sessions, "
                + others + " other rows"
                + " (first run " + runs.keySet().stream().findFirst().orElse("-") + ")";
    }
}
