package io.orchestrator.realtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.orchestrator.engine.EventType;
import io.orchestrator.engine.RunEvent;
import io.orchestrator.testing.JsonLiterals;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

class WorkflowWatchersTest {

    private final WorkflowWatchers watchers = new WorkflowWatchers();

    @Test
    void withoutWatchersNothingIsMadeOrScheduled() {
        FakeClient elsewhere = watching("other", 10);
        AtomicInteger made = new AtomicInteger();

        watchers.publish("wf", counting(made, "event"));
        assertEquals(0, made.get(), "the event's text is not even made");
        assertEquals(0, elsewhere.tasks.size(), "watchers of another workflow get nothing");
    }

    @Test
    void everyWatcherGetsTheEventsInOrderAndTheTextIsMadeOncePerEvent() {
        FakeClient first = watching("wf", 10);
        FakeClient second = watching("wf", 10);
        AtomicInteger made = new AtomicInteger();

        watchers.publish("wf", counting(made, "one"));
        watchers.publish("wf", counting(made, "two"));
        assertEquals(2, made.get(), "once per event, not per client");
        first.runTasks();
        second.runTasks();
        assertEquals(List.of("one", "two"), first.sent);
        assertEquals(List.of("one", "two"), second.sent);
    }

    @Test
    void aSlowWatcherIsDroppedAndTheOthersKeepTheirEvents() {
        FakeClient slow = watching("wf", 2);
        FakeClient fast = watching("wf", 2);

        for (int i = 1; i <= 5; i++) {
            watchers.publish("wf", text("event " + i));
            fast.runTasks(); // the fast client keeps up; the slow one's tasks never run
        }
        assertEquals(List.of("event 1", "event 2", "event 3", "event 4", "event 5"), fast.sent);
        assertEquals(1, watchers.watcherCount("wf"), "the slow client no longer watches");
        slow.runTasks();
        assertEquals(List.of(), slow.sent);
        assertEquals(ClientQueue.DROPPED_CODE, slow.closeCode);
        assertNull(fast.closeCode);
    }

    @Test
    void unwatchingTheLastClientForgetsTheWorkflow() {
        FakeClient one = watching("wf", 10);
        FakeClient two = watching("wf", 10);
        watchers.unwatch("wf", one.queue);
        assertEquals(1, watchers.watcherCount("wf"));
        watchers.unwatch("wf", two.queue);
        watchers.unwatch("unknown", two.queue);
        assertEquals(0, watchers.watchedWorkflows());
    }

    @Test
    void aRunEventReachesItsWorkflowsWatchersAsItsJson() {
        FakeClient client = watching("wf-1", 10);
        RunEvent completed = new RunEvent(
                EventType.NODE_COMPLETED,
                "wf-1",
                "task-1",
                "node-1",
                "http-request",
                "HTTP",
                "default",
                null,
                Instant.parse("2024-01-01T12:00:00Z"));

        watchers.onRunEvent(completed);
        watchers.onRunEvent(new RunEvent(
                EventType.WORKFLOW_STARTED, "wf-2", "task-2", null, null, null, null, null, Instant.now()));
        client.runTasks();
        assertEquals(1, client.sent.size(), client.sent::toString);
        assertEquals(
                JsonLiterals.object("{'type':'node_completed','workflow_id':'wf-1','task_id':'task-1',"
                        + "'timestamp':'2024-01-01T12:00:00Z','node_id':'node-1','node_type':'http-request',"
                        + "'node_name':'HTTP','route':'default'}"),
                JsonLiterals.json(client.sent.get(0)));
    }

    @Test
    void aBrokenEventNeverReachesTheEngine() {
        FakeClient client = watching("wf", 10);
        watchers.onRunEvent(new RunEvent(EventType.NODE_STARTED, "wf", "task", null, null, null, null, null, null));
        watchers.onRunEvent(
                new RunEvent(EventType.NODE_STARTED, null, "task", null, null, null, null, null, Instant.now()));
        assertEquals(0, client.tasks.size());
    }

    private FakeClient watching(String workflowId, int capacity) {
        FakeClient client = new FakeClient(capacity);
        watchers.watch(workflowId, client.queue);
        return client;
    }

    private static Supplier<String> counting(AtomicInteger made, String text) {
        return () -> {
            made.incrementAndGet();
            return text;
        };
    }

    private static Supplier<String> text(String text) {
        return () -> text;
    }
}
