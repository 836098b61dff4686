package io.orchestrator.realtime;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.Executor;

/**
 * A client without a server: its transport records what it was sent and how it was closed, and
 * its executor only collects tasks, which the test runs when it chooses (a slow client is one whose
 * tasks the test does not run).
 */
final class FakeClient implements ClientQueue.Transport, Executor {

    final List<String> sent = new ArrayList<>();
    final Queue<Runnable> tasks = new ArrayDeque<>();
    Integer closeCode;
    String closeReason;
    /** When set, sending this text fails as a vanished client's send would. */
    String failOn;
    /** Runs inside send(), to offer while a drain is under way. */
    Runnable duringSend;

    final ClientQueue queue;

    FakeClient(int capacity) {
        queue = new ClientQueue(this, this, capacity);
    }

    @Override
    public void send(String text) throws IOException {
        if (text.equals(failOn)) {
            throw new IOException("broken pipe");
        }
        sent.add(text);
        if (duringSend != null) {
            Runnable once = duringSend;
            duringSend = null;
            once.run();
        }
    }

    @Override
    public void close(int code, String reason) {
        if (closeCode != null) {
            throw new AssertionError("closed twice");
        }
        closeCode = code;
        closeReason = reason;
    }

    @Override
    public void execute(Runnable task) {
        tasks.add(task);
    }

    /** Runs the scheduled tasks, and those they schedule, as the executor would. */
    void runTasks() {
        Runnable task;
        while ((task = tasks.poll()) != null) {
            task.run();
        }
    }

    boolean offer(String text) {
        return queue.offer(() -> text);
    }
}
