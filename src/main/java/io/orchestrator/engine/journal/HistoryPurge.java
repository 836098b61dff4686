package io.orchestrator.engine.journal;

/**
 * A journal entry that removes a finished run's node executions, written earlier or waiting in the
 * same batch: its workflow keeps no history for runs that ended so ({@code keep_executions}).
 */
public record HistoryPurge(String runId) implements JournalEntry {}
