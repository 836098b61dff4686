package io.orchestrator.engine;

import io.orchestrator.engine.GraphSnapshot.Node;
import io.orchestrator.engine.journal.RunRow;
import io.orchestrator.engine.journal.StepRow;
import io.orchestrator.platform.Jsonp;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A run the engine holds in memory while it is under way: its {@link RunState}, the journal entries
 * it holds back, the threads executing its attempts, and what callers wait for. Its monitor guards
 * all of it; the engine never holds two runs' monitors at once.
 */
public final class LiveRun {

    final RunState state;
    final HeldEntries held;
    /** What expressions see as {@code run} and {@code workflow}. */
    final JsonObject runJson;

    final JsonObject workflowJson;
    /** Started from the editor in development mode: it uses the pins of its graph (set once, read by any thread). */
    final boolean development;
    /** Fails the run at its execution timeout while it is in memory; see {@link RunDeadlines}. */
    ScheduledFuture<?> deadlineWatch;

    private final Map<String, Thread> executing = new HashMap<>();

    /** Completes once the run's final state is durable. */
    final CompletableFuture<LiveRun> finished = new CompletableFuture<>();
    /** Completes once a respond-webhook node's answer (or the run's end) is durable. */
    final CompletableFuture<JsonObject> answered = new CompletableFuture<>();

    /** {@code resumed}: the run has lived before (recovery, rewind, fork), so some of its history may be written. */
    LiveRun(RunRow row, GraphSnapshot graph, LiveSession session, JsonValue input, boolean resumed) {
        this.state = new RunState(row, graph, session, input);
        this.held = new HeldEntries(resumed);
        this.development = row.triggerType() == TriggerType.DEVELOPMENT;
        this.runJson = Jsonp.JSON
                .createObjectBuilder()
                .add("id", row.id())
                .add("input", input)
                .add("trigger", row.triggerType().wireName())
                .add("started_at", row.createdAt().toString())
                .build();
        this.workflowJson = Jsonp.JSON
                .createObjectBuilder()
                .add("id", graph.workflowId())
                .add("name", graph.workflowName())
                .add("version", graph.version())
                .build();
    }

    public String id() {
        return state.id();
    }

    /** The run that started this one as a sub-workflow (or forked it), if any. */
    synchronized String parentRunId() {
        return state.row().parentRunId();
    }

    public String workflowId() {
        return state.graph().workflowId();
    }

    public synchronized RunStatus status() {
        return state.status();
    }

    /** Completes once the run's final state is durable. */
    public CompletionStage<LiveRun> whenFinished() {
        return finished;
    }

    /**
     * Completes once a respond-webhook node's answer is durable (with it), or the run ended or
     * paused without one (with null).
     */
    public CompletionStage<JsonObject> whenAnswered() {
        return answered;
    }

    /** The output of the node that completed last: the run's result. */
    public synchronized JsonValue lastOutput() {
        return state.lastOutput();
    }

    public synchronized String error() {
        return state.row().error();
    }

    /** The run's row and its nodes' latest rows, as they stand now. */
    synchronized Picture picture() {
        return new Picture(state.row(), state.steps());
    }

    record Picture(RunRow row, List<StepRow> steps) {}

    /** Registers the thread about to execute the node's attempt; false when the run has ended (it must not run). */
    synchronized boolean executing(Node node, Thread thread) {
        if (state.ended()) {
            return false;
        }
        executing.put(node.id(), thread);
        return true;
    }

    synchronized void executed(Node node) {
        executing.remove(node.id());
    }

    /** The attempt's timeout: if this thread still executes the node, marks it timed out, then interrupts it. */
    synchronized void timeOut(Node node, Thread thread, AtomicBoolean timedOut) {
        if (executing.get(node.id()) == thread) {
            timedOut.set(true);
            thread.interrupt();
        }
    }

    /** Under the monitor: the run ended without the attempts still executing. */
    void interruptAll() {
        executing.values().forEach(Thread::interrupt);
    }
}
