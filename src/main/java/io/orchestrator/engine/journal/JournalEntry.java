package io.orchestrator.engine.journal;

import io.orchestrator.engine.RunEvent;

/**
 * What the engine hands to the journal for a run, in order: rows to write (the run, a node execution,
 * a session, the removal of a run's node executions) and what to do once everything before it is
 * durable (announce an event, call back). Sealed so that the journal's batch handles each kind;
 * {@code JournalBatchTest} adds one of every permitted kind and fails on one it does not handle.
 */
public sealed interface JournalEntry
        permits RunRow, StepRow, SessionRow, HistoryPurge, JournalEntry.Announcement, JournalEntry.AfterWrite {

    /** An event fired to listeners (the WebSocket) once the rows appended before it are written. */
    record Announcement(RunEvent event) implements JournalEntry {}

    /** A callback run once the rows appended before it are written (a waiting caller, a run leaving memory). */
    record AfterWrite(Runnable callback) implements JournalEntry {}
}
