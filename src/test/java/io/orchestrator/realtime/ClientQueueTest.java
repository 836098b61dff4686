package io.orchestrator.realtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

class ClientQueueTest {

    @Test
    void sendsInTheOrderOfferedWithOneDrainTaskAtATime() {
        FakeClient client = new FakeClient(10);
        assertTrue(client.offer("a"));
        assertTrue(client.offer("b"));
        assertTrue(client.offer("c"));
        assertEquals(1, client.tasks.size(), "one drain task for the three messages");
        assertEquals(List.of(), client.sent, "nothing is sent by the one who offers");

        client.runTasks();
        assertEquals(List.of("a", "b", "c"), client.sent);
        assertNull(client.closeCode);

        client.offer("d");
        assertEquals(1, client.tasks.size(), "a new message after the queue emptied schedules a new drain");
        client.runTasks();
        assertEquals(List.of("a", "b", "c", "d"), client.sent);
    }

    @Test
    void aMessageOfferedWhileTheDrainSendsIsSentToo() {
        FakeClient client = new FakeClient(10);
        client.duringSend = () -> client.offer("late");
        client.offer("first");
        client.runTasks();
        assertEquals(List.of("first", "late"), client.sent);
    }

    @Test
    void aMessageOfferedJustAsTheDrainFindsTheQueueEmptyIsNotLeftBehind() {
        FakeClient client = new FakeClient(1);
        AtomicReference<Runnable> whenEmpty = new AtomicReference<>();
        ClientQueue queue = new ClientQueue(client, client, new ArrayBlockingQueue<Supplier<String>>(10) {
            @Override
            public Supplier<String> poll() {
                Supplier<String> next = super.poll();
                Runnable race = next == null ? whenEmpty.getAndSet(null) : null;
                if (race != null) {
                    race.run(); // another thread offers before the drain task has said it is done
                }
                return next;
            }
        });
        whenEmpty.set(() -> assertTrue(queue.offer(() -> "raced")));
        queue.offer(() -> "first");
        client.runTasks();
        assertEquals(List.of("first", "raced"), client.sent);
    }

    @Test
    void aFullQueueDropsTheClientWithoutSendingWhatWasLeft() {
        FakeClient client = new FakeClient(3);
        for (String text : List.of("1", "2", "3")) {
            assertTrue(client.offer(text));
        }
        assertFalse(client.offer("4"), "the fourth message does not fit");
        assertTrue(client.queue.isClosed());
        assertFalse(client.offer("5"), "a dropped client takes nothing more");

        client.runTasks();
        assertEquals(List.of(), client.sent, "a client too slow gets nothing more, only the close");
        assertEquals(ClientQueue.DROPPED_CODE, client.closeCode);
        assertEquals("client too slow", client.closeReason);
    }

    @Test
    void aClientDroppedWhileItsDrainRunsIsClosedOnceTheSendEnds() {
        FakeClient client = new FakeClient(2);
        client.duringSend = () -> {
            client.offer("x");
            client.offer("y");
            client.offer("overflow");
        };
        client.offer("first");
        client.runTasks();
        assertEquals(List.of("first"), client.sent);
        assertEquals(ClientQueue.DROPPED_CODE, client.closeCode);
    }

    @Test
    void aFailedSendDropsTheClient() {
        FakeClient client = new FakeClient(10);
        client.failOn = "b";
        client.offer("a");
        client.offer("b");
        client.offer("c");
        client.runTasks();
        assertEquals(List.of("a"), client.sent, "nothing after the failed send");
        assertTrue(client.queue.isClosed());
        assertEquals(ClientQueue.DROPPED_CODE, client.closeCode);
    }

    @Test
    void aMessageIsMadeWhenItsTurnComesNotWhenOffered() {
        FakeClient client = new FakeClient(10);
        AtomicInteger state = new AtomicInteger(1);
        client.queue.offer(() -> "state " + state.get());
        state.set(2);
        client.runTasks();
        assertEquals(List.of("state 2"), client.sent);
    }

    @Test
    void aClosedClientIsSentNothingMore() {
        FakeClient client = new FakeClient(10);
        client.offer("a");
        client.queue.close();
        client.runTasks();
        assertEquals(List.of(), client.sent);
        assertFalse(client.offer("b"));
        assertNull(client.closeCode, "the connection closed itself; no close is sent");
    }

    @Test
    void anExecutorThatRefusesWorkClosesTheClient() {
        ClientQueue queue = new ClientQueue(
                new FakeClient(1),
                task -> {
                    throw new RejectedExecutionException("shutting down");
                },
                10);
        assertTrue(queue.offer(() -> "a"));
        assertTrue(queue.isClosed());
    }

    @Test
    void aSendThatCompletesLaterHoldsNoThreadAndItsCompletionSendsTheNext() {
        FakeClient client = new FakeClient(10);
        client.completeLater = true;
        client.offer("a");
        client.offer("b");
        client.runTasks();
        assertEquals(List.of("a"), client.sent, "the next send waits for the first one's completion");
        assertEquals(0, client.tasks.size(), "and no task waits for it");

        client.completeOneSend();
        assertEquals(List.of("a", "b"), client.sent, "the completion sent the next message");
        client.completeOneSend();
        client.offer("c");
        client.runTasks();
        assertEquals(List.of("a", "b", "c"), client.sent, "the turn ended; a new message starts a new one");
    }

    @Test
    void aClientDroppedWhileASendIsOnItsWayIsClosedWhenThatSendCompletes() {
        FakeClient client = new FakeClient(2);
        client.completeLater = true;
        client.offer("a");
        client.runTasks();
        client.offer("b");
        client.offer("c");
        assertFalse(client.offer("d"), "full: dropped");
        assertNull(client.closeCode, "not closed while a send is on its way");

        client.completeOneSend();
        assertEquals(List.of("a"), client.sent, "nothing more after the drop");
        assertEquals(ClientQueue.DROPPED_CODE, client.closeCode);
    }

    @Test
    void onARealPoolEveryMessageArrivesInOrderAndSendsNeverOverlap() throws InterruptedException {
        int messages = 50_000;
        List<String> received = new ArrayList<>();
        AtomicInteger sending = new AtomicInteger();
        AtomicInteger overlaps = new AtomicInteger();
        CountDownLatch all = new CountDownLatch(messages);
        // Like the container: some sends complete at once, on the sending thread; others later, on another thread.
        ExecutorService completions = Executors.newSingleThreadExecutor();
        ClientQueue.Transport transport = new ClientQueue.Transport() {
            @Override
            public void send(String text, Consumer<Throwable> whenSent) {
                if (sending.incrementAndGet() != 1) {
                    overlaps.incrementAndGet();
                }
                received.add(text);
                Runnable complete = () -> {
                    sending.decrementAndGet();
                    all.countDown();
                    whenSent.accept(null);
                };
                if (text.hashCode() % 3 == 0) {
                    completions.execute(complete);
                } else {
                    complete.run();
                }
            }

            @Override
            public void close(int code, String reason) {
                throw new AssertionError("dropped: " + reason);
            }
        };
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            ClientQueue queue = new ClientQueue(transport, pool, messages);
            for (int i = 0; i < messages; i++) {
                String text = Integer.toString(i);
                assertTrue(queue.offer(() -> text));
                if (i % 100 == 0) {
                    Thread.yield(); // let drains end and restart between offers
                }
            }
            assertTrue(all.await(30, TimeUnit.SECONDS), "every message was sent; missing " + all.getCount());
        } finally {
            pool.shutdownNow();
            completions.shutdownNow();
        }
        assertEquals(0, overlaps.get(), "one send at a time");
        for (int i = 0; i < messages; i++) {
            assertEquals(Integer.toString(i), received.get(i));
        }
    }
}
