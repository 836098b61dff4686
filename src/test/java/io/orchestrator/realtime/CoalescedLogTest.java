package io.orchestrator.realtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.orchestrator.nodes.command.OutputChannel;
import io.orchestrator.platform.Jsonp;
import io.orchestrator.testing.ManualClock;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CoalescedLogTest {

    private final ManualClock clock = new ManualClock(Instant.ofEpochMilli(1_700_000_000_000L));
    private final List<Runnable> scheduled = new ArrayList<>();
    private final WorkflowWatchers watchers = new WorkflowWatchers();
    private final FakeClient client = new FakeClient(100);

    private CoalescedLog open() {
        client.keepsUp = true;
        watchers.watch("wf", client.queue);
        return new CoalescedLog(watchers, clock, (task, delay) -> scheduled.add(task), "wf", "task-1", "node-1");
    }

    private List<JsonObject> messages() {
        client.runTasks();
        return client.sent.stream()
                .map(text -> Jsonp.JSON.createReader(new StringReader(text)).readObject())
                .toList();
    }

    @Test
    void linesWithinAWindowGoAsOneLogEntryPerOutputWithTheirNumbers() {
        CoalescedLog log = open();
        log.line(OutputChannel.STDOUT, 1, utf8("first"), null);
        log.line(OutputChannel.STDOUT, 2, utf8("second"), null);
        log.line(OutputChannel.STDERR, 3, utf8("oops"), null);
        log.line(OutputChannel.STDOUT, 4, utf8("third"), null);
        log.close();

        List<JsonObject> messages = messages();
        assertEquals(3, messages.size(), messages.toString());
        JsonObject first = messages.get(0);
        assertEquals("log_entry", first.getString("type"));
        assertEquals("task-1", first.getString("task_id"));
        assertEquals("node-1", first.getString("node_id"));
        assertEquals("stdout", first.getString("stream"));
        assertEquals("first", first.getString("line"), "the first line of a window goes at once");
        assertEquals("stderr", messages.get(1).getString("stream"));
        assertEquals("oops", messages.get(1).getString("line"));
        JsonObject held = messages.get(2);
        assertEquals("second\nthird", held.getString("line"));
        assertEquals(2, held.getInt("lines"));
        assertEquals(2, held.getInt("first_line"));
        assertEquals(0, held.getInt("dropped"));
        assertTrue(held.isNull("step"));
    }

    @Test
    void aStepUpdateComesAfterTheLinesBeforeItAndLinesCarryTheirStep() {
        CoalescedLog log = open();
        log.line(OutputChannel.STDOUT, 1, utf8("before"), null);
        log.line(OutputChannel.STDOUT, 2, utf8("still before"), null);
        log.step(Jsonp.JSON
                .createObjectBuilder()
                .add("index", 0)
                .add("name", "Build")
                .add("status", "running")
                .build());
        log.line(OutputChannel.STDOUT, 3, utf8("::step::Build"), 0);
        log.close();

        List<JsonObject> messages = messages();
        assertEquals(
                List.of("log_entry", "log_entry", "step_update", "log_entry"),
                messages.stream().map(message -> message.getString("type")).toList());
        assertEquals("still before", messages.get(1).getString("line"));
        assertEquals("Build", messages.get(2).getJsonObject("step").getString("name"));
        assertEquals(0, messages.get(3).getInt("step"));
    }

    @Test
    void aMillionLinesAsFastAsPossibleCostAFewBoundedMessagesAndCountWhatWasLeftOut() {
        CoalescedLog log = open();
        for (int i = 1; i <= 1_000_000; i++) {
            log.line(OutputChannel.STDOUT, i, utf8("line number " + i), null);
            if (i % 100_000 == 0) {
                clock.advanceMillis(CoalescingWindow.WINDOW_MILLIS);
            }
        }
        log.close();

        List<JsonObject> messages = messages();
        assertTrue(messages.size() <= 12, messages.size() + " messages");
        long shown = 0;
        long dropped = 0;
        for (JsonObject message : messages) {
            assertTrue(message.getString("line").length() <= CoalescedLog.MAX_HELD_BYTES);
            shown += message.getInt("lines");
            dropped += message.getJsonNumber("dropped").longValue();
        }
        assertEquals(1_000_000, shown + dropped, "every line is either shown or counted");
        JsonObject last = messages.get(messages.size() - 1);
        assertTrue(last.getString("line").endsWith("line number 1000000"), "the latest lines are the ones shown");
        assertEquals(1_000_000, last.getInt("first_line") + last.getInt("lines") - 1);
    }

    @Test
    void withNobodyWatchingNothingIsHeld() {
        CoalescedLog log = new CoalescedLog(watchers, clock, (task, delay) -> scheduled.add(task), "wf", "t", "n");
        log.line(OutputChannel.STDOUT, 1, utf8("unseen"), null);
        client.keepsUp = true;
        watchers.watch("wf", client.queue);
        log.line(OutputChannel.STDOUT, 2, utf8("seen"), null);
        log.close();
        assertEquals(
                List.of("seen"),
                messages().stream().map(m -> m.getString("line")).toList());
    }

    private static byte[] utf8(String line) {
        return line.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }
}
