package io.orchestrator.engine.journal;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.orchestrator.engine.EventType;
import io.orchestrator.engine.RunEvent;
import io.orchestrator.engine.RunStatus;
import io.orchestrator.engine.TriggerType;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class JournalBatchTest {

    private static final Instant NOW = Instant.parse("2026-01-01T10:00:00Z");
    private static final RunRow RUN = RunRow.created(
            "run-1", "wf", 1, RunStatus.STARTED, TriggerType.MANUAL, "{}", "run-1", null, null, null, "server", NOW);
    private static final StepRow STEP = StepRow.running(new StepRow.Identity("run-1", "n1", "N", "t", 1, 1), "{}", NOW);

    /** Another feature's table, as the llm node's candidates are. */
    private static final JournalTable<String> NOTES =
            JournalTable.writeOnly("note", List.of("id"), List.of("id"), (values, note) -> values.text(note));

    /** One entry of every kind the journal takes: a kind added to JournalEntry must be added here and to the batch. */
    private static final List<JournalEntry> ONE_OF_EACH = List.of(
            RUN,
            STEP,
            new SessionRow("s", "{}", "[]", NOW, "default", "PRODUCTION"),
            new HistoryPurge("run-2"),
            new JournalEntry.TableRows<>(NOTES, List.of("a note")),
            new JournalEntry.Announcement(
                    new RunEvent(EventType.WORKFLOW_STARTED, "wf", "run-1", null, null, null, null, null, NOW)),
            new JournalEntry.AfterWrite(() -> {}));

    @Test
    void everyKindOfEntryIsTakenByTheBatch() {
        Map<Class<?>, JournalEntry> byKind =
                ONE_OF_EACH.stream().collect(Collectors.toMap(Object::getClass, Function.identity()));
        assertEquals(
                Arrays.stream(JournalEntry.class.getPermittedSubclasses()).collect(Collectors.toSet()),
                byKind.keySet(),
                "one example of each permitted kind");
        JournalBatch batch = new JournalBatch();
        ONE_OF_EACH.forEach(entry ->
                assertDoesNotThrow(() -> batch.add(entry), entry.getClass().getSimpleName()));
        assertTrue(batch.hasRows());
        assertEquals(2, batch.announcements().size());
    }

    @Test
    void aRowChangedTwiceBeforeTheCommitIsWrittenOnceWithItsLatestValues() {
        JournalBatch batch = new JournalBatch();
        batch.add(STEP);
        batch.add(STEP.withSuccess("default", "{\"x\":1}", NOW));
        assertEquals("0 runs, 1 node executions, 0 sessions, 0 other rows (first run -)", batch.describe());
    }

    @Test
    void anotherFeaturesRowsAreWrittenWithTheBatch() {
        JournalBatch batch = new JournalBatch();
        batch.add(new JournalEntry.TableRows<>(NOTES, List.of("a", "b")));
        batch.add(new JournalEntry.TableRows<>(NOTES, List.of("c")));
        assertTrue(batch.hasRows());
        assertTrue(batch.describe().contains("3 other rows"), batch.describe());
    }

    @Test
    void aPurgeDropsTheRunsRowsWaitingInTheSameBatch() {
        JournalBatch batch = new JournalBatch();
        batch.add(STEP);
        batch.add(new HistoryPurge("run-1"));
        assertTrue(batch.describe().startsWith("0 runs, 0 node executions"), batch.describe());
        assertTrue(batch.hasRows(), "the purge itself is still to be written");
        assertFalse(new JournalBatch().hasRows());
    }
}
