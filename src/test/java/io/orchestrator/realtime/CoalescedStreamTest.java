package io.orchestrator.realtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.orchestrator.platform.Jsonp;
import io.orchestrator.testing.ManualClock;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CoalescedStreamTest {

    private final ManualClock clock = new ManualClock(Instant.ofEpochMilli(1_700_000_000_000L));
    private final List<Delayed> scheduled = new ArrayList<>();
    private final WorkflowWatchers watchers = new WorkflowWatchers();
    private final FakeClient client = keepingUp(new FakeClient(100));

    /** The windows are what these tests look at, so the client sends each message as it comes (see UnsentTokensTest for one that is behind). */
    private static FakeClient keepingUp(FakeClient client) {
        client.keepsUp = true;
        return client;
    }

    private CoalescedStream open(int candidate) {
        return new CoalescedStream(
                watchers,
                clock,
                (task, delay) -> scheduled.add(new Delayed(task, clock.millis() + delay)),
                "wf",
                "task-1",
                "node-1",
                candidate,
                "gpt-test");
    }

    @Test
    void theFirstTokenGoesAtOnceAndTheRestOfItsWindowGoesAsOneMessageWhenTheWindowEnds() {
        watchers.watch("wf", client.queue);
        CoalescedStream stream = open(0);

        stream.append("Hel");
        clock.advanceMillis(10);
        stream.append("lo");
        clock.advanceMillis(10);
        stream.append(", wor");
        assertEquals(List.of("Hel"), contents(), "only the first token so far");
        assertEquals(1, scheduled.size(), "one delayed flush for the window, not one per token");

        clock.advanceMillis(30);
        runDueFlushes();
        assertEquals(List.of("Hel", "lo, wor"), contents());
    }

    @Test
    void anAppendAfterTheWindowSendsOnTheAppendingThreadAndTheDelayedFlushThenSendsNothingMore() {
        watchers.watch("wf", client.queue);
        CoalescedStream stream = open(0);
        stream.append("a");
        clock.advanceMillis(20);
        stream.append("b");
        clock.advanceMillis(40);
        stream.append("c");
        assertEquals(List.of("a", "bc"), contents(), "the window had passed: sent by the append");

        runDueFlushes();
        assertEquals(List.of("a", "bc"), contents(), "the delayed flush finds nothing held");
    }

    @Test
    void aThousandTokensASecondBecomeAboutTwentyMessagesASecondWithEveryCharacterKept() {
        watchers.watch("wf", client.queue);
        CoalescedStream stream = open(0);
        StringBuilder expected = new StringBuilder();
        for (int ms = 0; ms < 1_000; ms++) {
            String token = "t" + ms + " ";
            stream.append(token);
            expected.append(token);
            clock.advanceMillis(1);
            runDueFlushes();
        }
        stream.close();

        List<String> contents = contents();
        assertTrue(contents.size() <= 21, "at most one message per 50 ms window, got " + contents.size());
        assertTrue(contents.size() >= 19, "and one in every window, got " + contents.size());
        assertEquals(expected.toString(), String.join("", contents));
    }

    @Test
    void aDelayedFlushThatComesEarlyWaitsForTheEndOfItsWindow() {
        watchers.watch("wf", client.queue);
        CoalescedStream stream = open(0);
        stream.append("a");
        clock.advanceMillis(10);
        stream.append("b");
        Delayed flush = scheduled.remove(0);

        clock.advanceMillis(5); // a scheduler may run a task early or late; early must not break the rate
        flush.task().run();
        assertEquals(List.of("a"), contents());
        assertEquals(1, scheduled.size(), "flush scheduled again for the window's end");
        clock.advanceMillis(35);
        runDueFlushes();
        assertEquals(List.of("a", "b"), contents());
    }

    @Test
    void closeSendsWhatIsHeldAndNothingIsSentAfterIt() {
        watchers.watch("wf", client.queue);
        CoalescedStream stream = open(2);
        stream.append("a");
        stream.append("b");
        stream.close();
        stream.append("late");
        clock.advanceMillis(100);
        runDueFlushes();
        stream.close();

        assertEquals(List.of("a", "b"), contents());
    }

    @Test
    void candidatesAreCoalescedApartAndEachMessageSaysWhichCandidateAndModel() {
        watchers.watch("wf", client.queue);
        CoalescedStream first = open(0);
        CoalescedStream second = open(1);
        first.append("x");
        second.append("y");
        client.runTasks();

        JsonObject message = parse(client.sent.get(1));
        assertEquals("stream_token", message.getString("type"));
        assertEquals("wf", message.getString("workflow_id"));
        assertEquals("task-1", message.getString("task_id"));
        assertEquals("node-1", message.getString("node_id"));
        assertEquals(1, message.getInt("candidate"));
        assertEquals("gpt-test", message.getString("model"));
        assertEquals("y", message.getString("content"));
        assertEquals(clock.instant().toString(), message.getString("timestamp"));
        assertEquals("x", parse(client.sent.get(0)).getString("content"));
    }

    @Test
    void withNobodyWatchingNothingIsHeldScheduledOrSent() {
        CoalescedStream stream = open(0);
        stream.append("a");
        clock.advanceMillis(10);
        stream.append("b");
        assertTrue(scheduled.isEmpty(), "no delayed flush");

        watchers.watch("wf", client.queue);
        clock.advanceMillis(100);
        stream.append("c");
        stream.close();
        assertEquals(List.of("c"), contents(), "what came before anyone watched was never kept");
    }

    @Test
    void streamCompleteSaysHowManyAnswersAndHowLong() {
        JsonObject message = parse(
                SocketMessages.streamComplete("wf", null, "node-1", 3, 1.25, Instant.parse("2026-01-01T00:00:00Z")));
        assertEquals("stream_complete", message.getString("type"));
        assertTrue(message.isNull("task_id"), "development mode has no run");
        assertEquals(3, message.getInt("total_responses"));
        assertEquals(1.25, message.getJsonNumber("total_time_seconds").doubleValue());
        assertEquals("2026-01-01T00:00:00Z", message.getString("timestamp"));
    }

    private void runDueFlushes() {
        List<Delayed> due = scheduled.stream()
                .filter(delayed -> delayed.atMillis() <= clock.millis())
                .toList();
        scheduled.removeAll(due);
        due.forEach(delayed -> delayed.task().run());
    }

    private List<String> contents() {
        client.runTasks();
        return client.sent.stream()
                .map(text -> parse(text).getString("content"))
                .toList();
    }

    private static JsonObject parse(String text) {
        return Jsonp.JSON.createReader(new StringReader(text)).readObject();
    }

    private record Delayed(Runnable task, long atMillis) {}
}
