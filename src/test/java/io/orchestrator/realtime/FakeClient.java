package io.orchestrator.realtime;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

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
    /** When set, a send completes only when the test calls {@link #completeOneSend()}. */
    boolean completeLater;

    final Queue<Runnable> completions = new ArrayDeque<>();
    /** A client that keeps up: its drain runs as soon as it is scheduled, on the offering thread. */
    boolean keepsUp;

    final ClientQueue queue;

    FakeClient(int capacity) {
        queue = new ClientQueue(this, this, capacity);
    }

    @Override
    public void send(String text, Consumer<Throwable> whenSent) {
        if (text.equals(failOn)) {
            whenSent.accept(new IOException("broken pipe"));
            return;
        }
        sent.add(text);
        if (duringSend != null) {
            Runnable once = duringSend;
            duringSend = null;
            once.run();
        }
        if (completeLater) {
            completions.add(() -> whenSent.accept(null));
        } else {
            whenSent.accept(null);
        }
    }

    /** Completes the oldest send held back (see {@link #completeLater}) as the container's thread would. */
    void completeOneSend() {
        completions.remove().run();
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
        if (keepsUp) {
            task.run();
            return;
        }
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
