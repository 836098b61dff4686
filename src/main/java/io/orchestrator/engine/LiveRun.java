package io.orchestrator.engine;

import io.orchestrator.engine.GraphSnapshot.Node;
import io.orchestrator.engine.journal.RunRow;
import io.orchestrator.engine.journal.StepRow;
import io.orchestrator.platform.Jsonp;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;

/**
 * A run the engine holds in memory while it is under way: its graph, where it stands, the outputs
 * so far, and the latest row of each node. Everything but {@link #outputs} is guarded by the
 * run's own monitor; the engine never holds two runs' monitors at once.
 */
public final class LiveRun {

    final GraphSnapshot graph;
    final Traversal traversal;
    final LiveSession session;
    final JsonValue input;
    /** What expressions see as {@code run} and {@code workflow}. */
    final JsonObject runJson;
    final JsonObject workflowJson;
    final int concurrencyLimit;

    RunRow row;
    /** Node id to output; read by expressions of nodes running in parallel, hence concurrent. */
    final Map<String, JsonValue> outputs = new ConcurrentHashMap<>();
    final Map<String, StepRow> steps = new HashMap<>();
    final Map<String, Thread> runningThreads = new HashMap<>();
    final Deque<Node> queued = new ArrayDeque<>();
    int running;
    int paused;
    int seq;
    Node lastCompleted;
    JsonObject webhookAnswer;
    /** Journal entries held back while quick nodes run one after the other; see RunEngine#record. */
    final List<Object> unwritten = new ArrayList<>();
    long unwrittenSinceNanos;
    /** Whether node executions of this run may be in the database already (for keep_executions). */
    boolean historyWritten;
    /** Fails the run at its execution timeout while it is in memory; see RunEngine#watchDeadline. */
    ScheduledFuture<?> deadline;

    /** Completes once the run's final state is durable. */
    final CompletableFuture<LiveRun> finished = new CompletableFuture<>();
    /** Completes once a respond-webhook node's answer (or the run's end) is durable. */
    final CompletableFuture<JsonObject> answered = new CompletableFuture<>();

    LiveRun(RunRow row, GraphSnapshot graph, LiveSession session, JsonValue input) {
        this.row = row;
        this.graph = graph;
        this.traversal = new Traversal(graph);
        this.session = session;
        this.input = input;
        this.runJson = Jsonp.JSON.createObjectBuilder().add("id", row.id()).add("input", input)
                .add("trigger", row.triggerType()).add("started_at", row.createdAt().toString()).build();
        this.workflowJson = Jsonp.JSON.createObjectBuilder().add("id", graph.workflowId())
                .add("name", graph.workflowName()).add("version", graph.version()).build();
        this.concurrencyLimit = graph.policy().concurrencyLimit();
    }

    public String id() {
        return row.id();
    }

    /** The run that started this one as a sub-workflow (or forked it), if any. */
    synchronized String parentRunId() {
        return row.parentRunId();
    }

    public String workflowId() {
        return graph.workflowId();
    }

    public synchronized RunStatus status() {
        return row.status();
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
        return lastCompleted == null ? JsonValue.NULL : outputs.getOrDefault(lastCompleted.id(), JsonValue.NULL);
    }

    public synchronized String error() {
        return row.error();
    }

    /** Nothing runs, nothing is queued, nothing waits for a time or a retry. */
    boolean idle() {
        return running == 0 && queued.isEmpty() && paused == 0;
    }

    int attemptOf(Node node) {
        StepRow step = steps.get(node.id());
        return step == null ? 0 : step.attempt();
    }
}
