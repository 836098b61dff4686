package io.orchestrator.engine;

import io.orchestrator.engine.GraphSnapshot.Node;
import io.orchestrator.engine.journal.RunRow;
import io.orchestrator.engine.journal.StepRow;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Where a run stands: its row, the latest row of each node, the outputs so far, what is queued,
 * running and paused. {@link RunDecisions} reads and changes it; nothing here touches a thread, a
 * clock or the database. Guarded by the monitor of the {@link LiveRun} that holds it, except the
 * outputs, which expressions of nodes running in parallel read.
 */
final class RunState {

    private final GraphSnapshot graph;
    private final Traversal traversal;
    private final LiveSession session;
    private final JsonValue input;
    private RunRow row;
    private final Map<String, JsonValue> outputs = new ConcurrentHashMap<>();
    private final Map<String, StepRow> steps = new HashMap<>();
    private final Deque<Node> queued = new ArrayDeque<>();
    private int running;
    private int paused;
    private int seq;
    private Node lastCompleted;
    private JsonObject webhookAnswer;
    private final Map<String, String> feedback = new HashMap<>(0);
    private final Map<String, AttemptResult> childrenEndedEarly = new HashMap<>(0);

    RunState(RunRow row, GraphSnapshot graph, LiveSession session, JsonValue input) {
        this.row = row;
        this.graph = graph;
        this.traversal = new Traversal(graph);
        this.session = session;
        this.input = input;
    }

    String id() {
        return row.id();
    }

    GraphSnapshot graph() {
        return graph;
    }

    Traversal traversal() {
        return traversal;
    }

    LiveSession session() {
        return session;
    }

    /** The run's input: what its entry nodes get. */
    JsonValue input() {
        return input;
    }

    RunRow row() {
        return row;
    }

    void row(RunRow changed) {
        row = changed;
    }

    RunStatus status() {
        return row.status();
    }

    boolean ended() {
        return row.status().isFinal();
    }

    /** When the run fails for taking longer than its workflow's execution_timeout_seconds, counted from its start. */
    Instant deadline() {
        Instant started = row.startedAt() != null ? row.startedAt() : row.createdAt();
        return started.plusSeconds(graph.policy().executionTimeoutSeconds());
    }

    StepRow step(String nodeId) {
        return steps.get(nodeId);
    }

    /** The node's latest row: its newest attempt as it stands. */
    void put(StepRow step) {
        steps.put(step.nodeId(), step);
    }

    /** Every node's latest row, in no particular order. */
    List<StepRow> steps() {
        return new ArrayList<>(steps.values());
    }

    /** The latest attempt number of a node, 0 when it never ran in this run. */
    int attemptOf(Node node) {
        StepRow step = steps.get(node.id());
        return step == null ? 0 : step.attempt();
    }

    /** The next row's place in the run's order. */
    int nextSeq() {
        return ++seq;
    }

    /** Rows written earlier (recovery, rewind, fork) come first: new rows are ordered after them. */
    void followSeq(int earlierSeq) {
        seq = Math.max(seq, earlierSeq);
    }

    JsonValue output(String nodeId) {
        return outputs.getOrDefault(nodeId, JsonValue.NULL);
    }

    /** For expressions: a node's output by node name, null when it has none (yet). */
    JsonValue outputNamed(String name) {
        Node named = graph.nodeNamed(name);
        return named == null ? null : outputs.get(named.id());
    }

    /** A node's output, which is also the run's result until a later node completes. */
    void completed(Node node, JsonValue output) {
        outputs.put(node.id(), output);
        lastCompleted = node;
    }

    /** The output of the node that completed last: the run's result. */
    JsonValue lastOutput() {
        return lastCompleted == null ? JsonValue.NULL : output(lastCompleted.id());
    }

    boolean hasResult() {
        return lastCompleted != null;
    }

    void queue(Collection<Node> ready) {
        queued.addAll(ready);
    }

    /** A node to start before any other queued one: its retry comes before newly ready nodes. */
    void queueFirst(Node node) {
        queued.addFirst(node);
    }

    /** The next queued node if the workflow's concurrency limit lets one more start and the run is not paused, else null. */
    Node nextToStart() {
        return running < graph.policy().concurrencyLimit() && !ended() && !pausedByHand() ? queued.poll() : null;
    }

    /** Paused by hand: nothing new starts until it is resumed. */
    boolean pausedByHand() {
        return row.status() == RunStatus.PAUSED;
    }

    /** A person's feedback for the node's next attempt (a regenerate); taken once. */
    void feedbackFor(Node node, String text) {
        feedback.put(node.id(), text);
    }

    String takeFeedback(Node node) {
        return feedback.isEmpty() ? null : feedback.remove(node.id());
    }

    /** A sub-workflow run that ended before the attempt that started it returned: its result, kept until then. */
    void childEndedEarly(String childRunId, AttemptResult result) {
        childrenEndedEarly.put(childRunId, result);
    }

    /** The result of a child run that ended before its node's attempt returned, taken once; null if none. */
    AttemptResult takeEarlyEnd(String childRunId) {
        return childrenEndedEarly.isEmpty() ? null : childrenEndedEarly.remove(childRunId);
    }

    boolean hasQueued() {
        return !queued.isEmpty();
    }

    void clearQueue() {
        queued.clear();
    }

    void attemptBegun() {
        running++;
    }

    void attemptOver() {
        running--;
    }

    int running() {
        return running;
    }

    /** A wait or a retry's backoff: the run goes on when the scheduler fires it. */
    void paused() {
        paused++;
    }

    void unpaused() {
        paused--;
    }

    boolean hasPausedWork() {
        return paused > 0;
    }

    /** Nothing runs, nothing is queued, nothing waits for a time or a retry. */
    boolean idle() {
        return running == 0 && queued.isEmpty() && paused == 0;
    }

    JsonObject webhookAnswer() {
        return webhookAnswer;
    }

    /** The first respond-webhook answer counts; false for any later one. */
    boolean answerWebhook(JsonObject answer) {
        if (webhookAnswer != null) {
            return false;
        }
        webhookAnswer = answer;
        return true;
    }
}
