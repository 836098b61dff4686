package io.orchestrator.engine;

import io.orchestrator.engine.journal.HistoryPurge;
import io.orchestrator.engine.journal.JournalEntry;
import io.orchestrator.engine.journal.RunJournal;
import io.orchestrator.engine.journal.StepRow;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A run's journal entries held back while a chain of quick nodes runs, handed to the journal
 * together when the chain ends, before a node that may block, or after {@value #MAX_ENTRIES}
 * entries or {@value #MAX_MILLIS} ms. A node that starts and completes meanwhile is then written
 * once, in its final state, and a run of quick nodes costs one batch of inserts. Nothing is
 * announced before it is written; a crash loses at most these entries, which is the same as a
 * crash just before their commit. Guarded by the run's monitor.
 */
final class HeldEntries {

    static final int MAX_ENTRIES = 512;
    static final long MAX_MILLIS = 10;

    private final List<JournalEntry> entries = new ArrayList<>();
    private long heldSinceNanos;
    /** Whether node executions of this run may be in the database already (for keep_executions). */
    private boolean historyWritten;

    HeldEntries(boolean historyWritten) {
        this.historyWritten = historyWritten;
    }

    void add(JournalEntry entry) {
        if (entries.isEmpty()) {
            heldSinceNanos = System.nanoTime();
        }
        entries.add(entry);
    }

    /** Held entries go out before a node that may take its time, so that its start is seen meanwhile. */
    boolean dueBefore(boolean nodeMayBlock) {
        if (entries.isEmpty()) {
            return false;
        }
        return nodeMayBlock
                || entries.size() >= MAX_ENTRIES
                || System.nanoTime() - heldSinceNanos >= TimeUnit.MILLISECONDS.toNanos(MAX_MILLIS);
    }

    /** The run keeps no node executions: those not written yet never will be, those written are deleted. */
    void dropHistory(String runId) {
        entries.removeIf(StepRow.class::isInstance);
        if (historyWritten) {
            add(new HistoryPurge(runId));
        }
    }

    /** Hands what is held to the journal, in order. */
    void handTo(RunJournal journal, String runId) {
        if (!entries.isEmpty()) {
            journal.appendAll(runId, entries);
            entries.clear();
            historyWritten = true;
        }
    }
}
