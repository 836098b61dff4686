package io.orchestrator.engine.journal;

import io.orchestrator.engine.RunEvent;
import java.util.List;

/**
 * What the engine hands to the journal for a run, in order: rows to write (the run, a node execution,
 * a session, the removal of a run's node executions, another feature's rows of the run) and what to
 * do once everything before it is durable (announce an event, call back). Sealed so that the journal's batch handles each kind;
 * {@code JournalBatchTest} adds one of every permitted kind and fails on one it does not handle.
 */
public sealed interface JournalEntry
        permits RunRow,
                StepRow,
                SessionRow,
                HistoryPurge,
                JournalEntry.TableRows,
                JournalEntry.Announcement,
                JournalEntry.AfterWrite {

    /**
     * Rows of another feature's table, written in the batch with the run's own rows: as durable as
     * the steps appended after them, and sharing their commit. Upserted by the table's key.
     */
    record TableRows<T>(JournalTable<T> table, List<T> rows) implements JournalEntry {
        public TableRows {
            rows = List.copyOf(rows);
        }
    }

    /** An event fired to listeners (the WebSocket) once the rows appended before it are written. */
    record Announcement(RunEvent event) implements JournalEntry {}

    /** A callback run once the rows appended before it are written (a waiting caller, a run leaving memory). */
    record AfterWrite(Runnable callback) implements JournalEntry {}
}
