package io.orchestrator.engine;

import io.orchestrator.engine.GraphSnapshot.Node;
import io.orchestrator.engine.Traversal.Progress;
import io.orchestrator.engine.expressions.ExpressionScope;
import io.orchestrator.engine.expressions.Expressions;
import io.orchestrator.engine.journal.HistoryPurge;
import io.orchestrator.engine.journal.RunJournal;
import io.orchestrator.engine.journal.RunRow;
import io.orchestrator.engine.journal.SessionRow;
import io.orchestrator.engine.journal.StepRow;
import io.orchestrator.nodes.NodeFailure;
import io.orchestrator.nodes.NodeOutcome;
import io.orchestrator.nodes.NodeType;
import io.orchestrator.nodes.NodeTypeRegistry;
import io.orchestrator.nodes.Routes;
import io.orchestrator.platform.JsonText;
import io.orchestrator.platform.Jsonp;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Executes runs as DESIGN section 2 describes. A run's state lives in a {@link LiveRun} while it is
 * under way; every change is appended to the {@link RunJournal}, which writes it and only then
 * announces it. A chain of nodes runs on one thread (the next ready node continues on the thread
 * that finished the previous one); extra ready nodes go to the engine's worker pool, which bounds
 * how many nodes the server runs at once. Waits and retries hand the run to the scheduler and hold
 * no thread.
 *
 * <p>While a chain runs quick nodes (those that do not {@linkplain NodeType#mayBlock() block}), its
 * journal entries wait in the run and go to the journal together when the chain ends, before a
 * node that may block, or after {@value #MAX_HELD_ENTRIES} entries or {@value #MAX_HELD_MILLIS} ms: a
 * node that starts and completes meanwhile is written once, in its final state, and a run of quick
 * nodes costs one batch of inserts. Nothing is announced before it is written, as ever; a crash
 * loses at most those entries, which is the same as a crash just before their commit.
 */
@ApplicationScoped
public class RunEngine {

    private static final Logger LOG = Logger.getLogger(RunEngine.class.getName());
    private static final int MAX_ERROR_LENGTH = 4000;
    private static final int MAX_HELD_ENTRIES = 512;
    private static final long MAX_HELD_MILLIS = 10;

    @Inject
    RunJournal journal;

    @Inject
    NodeTypeRegistry types;

    @Inject
    Expressions expressions;

    @Inject
    EngineScheduler scheduler;

    @Inject
    EngineInstance instance;

    @Resource
    ManagedThreadFactory threadFactory;

    @Inject
    @ConfigProperty(name = "ORCHESTRATOR_ENGINE_THREADS", defaultValue = "32")
    int workerThreads;

    @Inject
    @ConfigProperty(name = "ORCHESTRATOR_NODE_TIMEOUT_MS", defaultValue = "300000")
    long defaultNodeTimeoutMs;

    private ThreadPoolExecutor workers;
    private ScheduledExecutorService watchdog;
    private final Map<String, LiveRun> live = new ConcurrentHashMap<>();

    /** One attempt of one node, begun (its RUNNING row appended) and about to execute. */
    private record Attempt(Node node, int number, JsonValue input) {
    }

    @PostConstruct
    void init() {
        workers = new ThreadPoolExecutor(workerThreads, workerThreads, 60, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), threadFactory);
        workers.allowCoreThreadTimeOut(true);
        ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1, threadFactory);
        timer.setRemoveOnCancelPolicy(true);
        watchdog = timer;
    }

    @PreDestroy
    void shutdown() {
        workers.shutdownNow();
        watchdog.shutdownNow();
    }

    public String instanceId() {
        return instance.id();
    }

    /** The run if this server holds it in memory now. */
    public Optional<LiveRun> live(String runId) {
        return Optional.ofNullable(live.get(runId));
    }

    Collection<LiveRun> liveRuns() {
        return live.values();
    }

    // ----- starting and resuming -------------------------------------------------------------

    /**
     * Runs a run from its start nodes: appends its row, replays the {@code earlier} node executions
     * (latest attempt per node id: recovery, rewind, fork) without running them again, except the
     * nodes in {@code rerun}, and starts what is ready. With {@code inline} the first chain runs on
     * the calling thread.
     */
    LiveRun launch(LiveRun run, Collection<Node> startNodes, Map<String, StepRow> earlier, Set<String> rerun,
                   boolean inline) {
        List<Attempt> first;
        synchronized (run) {
            List<Object> out = new ArrayList<>();
            out.add(run.row);
            if (earlier.isEmpty()) {
                out.add(event("workflow_started", run, null, null, null));
            }
            live.put(run.id(), run);
            run.historyWritten = !earlier.isEmpty();
            watchDeadline(run);
            first = replay(run, startNodes, earlier, rerun, out);
            first.addAll(afterChange(run, out));
            record(run, out);
        }
        if (inline) {
            runAttempts(run, first);
        } else {
            write(run);
            first.forEach(attempt -> workers.execute(() -> chain(run, attempt)));
        }
        return run;
    }

    private List<Attempt> replay(LiveRun run, Collection<Node> startNodes, Map<String, StepRow> earlier,
                                 Set<String> rerun, List<Object> out) {
        // Every earlier row counts, reached or not, so that new attempts and seqs follow them: a
        // rewound node downstream of the rewind point must not start again at attempt 1 (an upsert
        // that would overwrite its earlier row) nor with a seq before rows already written.
        run.steps.putAll(earlier);
        earlier.values().forEach(step -> run.seq = Math.max(run.seq, step.seq()));
        List<Node> work = new ArrayList<>();
        Progress progress = run.traversal.start(startNodes);
        recordSkipped(run, progress.skipped(), out);
        work.addAll(progress.ready());
        while (!work.isEmpty()) {
            Node node = work.remove(0);
            StepRow kept = earlier.get(node.id());
            if (kept != null && !rerun.contains(node.id()) && kept.route() != null
                    && (kept.status() == StepStatus.SUCCESS || kept.status() == StepStatus.FAILURE)) {
                run.steps.put(node.id(), kept);
                run.seq = Math.max(run.seq, kept.seq());
                run.outputs.put(node.id(), JsonText.parse(kept.output()));
                run.lastCompleted = node;
                Progress next = run.traversal.complete(node, kept.route());
                recordSkipped(run, next.skipped(), out);
                work.addAll(next.ready());
            } else if (kept != null && !rerun.contains(node.id()) && kept.status() == StepStatus.WAITING) {
                run.steps.put(node.id(), kept);
                run.seq = Math.max(run.seq, kept.seq());
                // Its wake-up is a durable Quartz trigger: it survives a crash and fires late if missed.
                run.paused++;
            } else {
                if (kept != null) {
                    run.seq = Math.max(run.seq, kept.seq());
                    if (kept.status() == StepStatus.RUNNING) {
                        // Its server stopped mid-attempt: that attempt failed, the next one starts now.
                        kept = withResult(kept, StepStatus.FAILURE, null, null, null, new NodeFailure("interrupted",
                                "The server stopped while this attempt ran; the node runs again."), Instant.now(), null);
                        out.add(kept);
                    }
                    run.steps.put(node.id(), kept);
                }
                run.queued.add(node);
            }
        }
        return new ArrayList<>();
    }

    // ----- executing --------------------------------------------------------------------------

    private void runAttempts(LiveRun run, List<Attempt> attempts) {
        for (int i = 1; i < attempts.size(); i++) {
            Attempt extra = attempts.get(i);
            workers.execute(() -> chain(run, extra));
        }
        if (attempts.isEmpty()) {
            write(run);
        } else {
            chain(run, attempts.get(0));
        }
    }

    private void chain(LiveRun run, Attempt first) {
        Attempt attempt = first;
        while (attempt != null) {
            List<Attempt> next;
            try {
                // One registry lookup per attempt, for both the write decision and the execution.
                Optional<NodeType> type = types.find(attempt.node().type());
                if (mustWriteBefore(run, type)) {
                    write(run);
                }
                next = executeAndSettle(run, attempt, type);
                if (next.isEmpty()) {
                    write(run);
                }
            } catch (RuntimeException defect) {
                LOG.log(Level.SEVERE, "Engine defect while running node '" + attempt.node().name() + "' of run "
                        + run.id(), defect);
                failOnDefect(run, attempt.node(), defect);
                next = List.of();
            }
            for (int i = 1; i < next.size(); i++) {
                Attempt extra = next.get(i);
                workers.execute(() -> chain(run, extra));
            }
            attempt = next.isEmpty() ? null : next.get(0);
        }
    }

    /** Held entries go out before a node that may take its time, so that its start is seen meanwhile. */
    private boolean mustWriteBefore(LiveRun run, Optional<NodeType> type) {
        synchronized (run) {
            if (run.unwritten.isEmpty()) {
                return false;
            }
            return type.map(NodeType::mayBlock).orElse(true)
                    || run.unwritten.size() >= MAX_HELD_ENTRIES
                    || System.nanoTime() - run.unwrittenSinceNanos >= TimeUnit.MILLISECONDS.toNanos(MAX_HELD_MILLIS);
        }
    }

    /** Holds a change's entries in the run until {@link #write} (called with the run's monitor held). */
    private static void record(LiveRun run, List<Object> out) {
        if (run.unwritten.isEmpty()) {
            run.unwrittenSinceNanos = System.nanoTime();
        }
        run.unwritten.addAll(out);
    }

    /** Hands the run's held entries to the journal, in order. */
    private void write(LiveRun run) {
        synchronized (run) {
            if (!run.unwritten.isEmpty()) {
                journal.appendAll(run.id(), run.unwritten);
                run.unwritten.clear();
                run.historyWritten = true;
            }
        }
    }

    /** Ends a run the engine could not go on with: its running count is wrong now, so it would never end by itself. */
    private void failOnDefect(LiveRun run, Node node, RuntimeException defect) {
        try {
            synchronized (run) {
                if (!run.status().isFinal()) {
                    List<Object> out = new ArrayList<>();
                    end(run, RunStatus.FAILURE, "Internal error while running node '" + node.name() + "': " + defect, out);
                    record(run, out);
                }
            }
            write(run);
        } catch (RuntimeException again) {
            LOG.log(Level.SEVERE, "Could not end run " + run.id() + " after an engine defect", again);
        }
    }

    private List<Attempt> executeAndSettle(LiveRun run, Attempt attempt, Optional<NodeType> type) {
        Node node = attempt.node();
        NodeOutcome outcome = null;
        NodeFailure failure = null;
        if (type.isEmpty()) {
            failure = new NodeFailure("unknown_node_type", "This server has no node type '" + node.type() + "'.");
        } else if (node.settings().disabled()) {
            outcome = NodeOutcome.of(attempt.input());
        } else {
            long timeoutMs = node.settings().timeoutMs() != null ? node.settings().timeoutMs() : defaultNodeTimeoutMs;
            AttemptCall call = new AttemptCall(run.graph.workflowId(), run.id(), node, attempt.number(),
                    attempt.input(), node.formValues(), scope(run, attempt.input()), run.session, expressions,
                    type.get().form(), timeoutMs);
            Thread current = Thread.currentThread();
            ScheduledFuture<?> timer = null;
            synchronized (run) {
                // Begun but handed to a worker that got to it only after the run ended (failed,
                // stopped): it must not run. Checked under the same lock as the registration, so
                // that a stop either sees this thread to interrupt or this attempt sees the stop.
                if (run.status().isFinal()) {
                    run.running--;
                    return List.of();
                }
                run.runningThreads.put(node.id(), current);
            }
            AtomicBoolean timedOut = new AtomicBoolean();
            if (type.get().mayBlock()) {
                timer = watchdog.schedule(() -> interruptIfRunning(run, node, current, timedOut), timeoutMs,
                        TimeUnit.MILLISECONDS);
            }
            try {
                NodeOutcome returned = type.get().execute(call);
                String missing = returned == null ? "no outcome" : returned.output() == null ? "no output"
                        : returned.route() == null ? "no route" : null;
                if (missing != null) {
                    throw new NodeFailure("internal", "Node type '" + node.type() + "' returned " + missing + ".");
                }
                outcome = returned;
            } catch (NodeFailure failed) {
                failure = failed;
            } catch (RuntimeException defect) {
                LOG.log(Level.WARNING, "Node type '" + node.type() + "' threw", defect);
                failure = new NodeFailure("internal", "Node type '" + node.type() + "' failed unexpectedly: " + defect);
            } finally {
                if (timer != null) {
                    timer.cancel(false);
                }
                synchronized (run) {
                    run.runningThreads.remove(node.id());
                }
                Thread.interrupted();
            }
            // The watchdog says whether it fired: measuring the time here raced with it (the clock
            // started after the timer, so an interrupted node could look a moment too quick).
            if (timedOut.get() && (failure == null || !"timeout".equals(failure.errorType()))) {
                outcome = null;
                failure = new NodeFailure("timeout", "Node '" + node.name() + "' took longer than its timeout of "
                        + timeoutMs + " ms.");
            }
        }
        return settle(run, attempt, outcome, failure);
    }

    private void interruptIfRunning(LiveRun run, Node node, Thread thread, AtomicBoolean timedOut) {
        synchronized (run) {
            if (run.runningThreads.get(node.id()) == thread) {
                timedOut.set(true);
                thread.interrupt();
            }
        }
    }

    private ExpressionScope scope(LiveRun run, JsonValue input) {
        return new ExpressionScope(input, name -> {
            Node named = run.graph.nodeNamed(name);
            return named == null ? null : run.outputs.get(named.id());
        }, run.runJson, run.session.variables(), run.workflowJson);
    }

    /** Records an attempt's result and returns the attempts it makes ready, already begun. */
    private List<Attempt> settle(LiveRun run, Attempt attempt, NodeOutcome outcome, NodeFailure failure) {
        List<Attempt> next;
        Instant retryAt = null;
        Instant wakeAt = null;
        Instant scheduledWake = null;
        synchronized (run) {
            run.running--;
            if (run.status().isFinal()) {
                return List.of();
            }
            List<Object> out = new ArrayList<>();
            Node node = attempt.node();
            StepRow step = run.steps.get(node.id());
            Instant now = Instant.now();
            if (outcome != null && outcome.waits() && outcome.wakeAt().isAfter(now)) {
                wakeAt = outcome.wakeAt();
                // The run's execution timeout may come first: be woken then, to fail it on time.
                Instant deadline = deadlineOf(run);
                scheduledWake = wakeAt.isAfter(deadline) ? deadline : wakeAt;
                String output = outcome.output().toString();
                put(run, withResult(step, StepStatus.WAITING, null, output, null, null, null, wakeAt), out);
                out.add(event("node_waiting", run, node, null, null));
                run.paused++;
            } else if (outcome != null) {
                complete(run, node, step, outcome.output(), outcome.route(), now, out);
                if (outcome.webhookAnswer() != null && run.webhookAnswer == null) {
                    run.webhookAnswer = outcome.webhookAnswer();
                    JsonObject answer = outcome.webhookAnswer();
                    out.add((Runnable) () -> run.answered.complete(answer));
                }
            } else if (attempt.number() < node.settings().maxAttempts()) {
                put(run, withResult(step, StepStatus.FAILURE, null, null, null, failure, now, null), out);
                long delay = (long) (node.settings().retryDelayMs()
                        * Math.pow(node.settings().backoffMultiplier(), attempt.number() - 1));
                if (delay > 0) {
                    retryAt = now.plusMillis(delay);
                    run.paused++;
                } else {
                    run.queued.addFirst(node);
                }
            } else {
                fail(run, node, step, failure, now, out);
            }
            next = afterChange(run, out);
            record(run, out);
        }
        if (wakeAt != null) {
            scheduler.wakeAt(run.id(), attempt.node().id(), attempt.number(), scheduledWake);
        }
        if (retryAt != null) {
            scheduler.retryAt(run.id(), attempt.node().id(), attempt.number() + 1, retryAt);
        }
        return next;
    }

    private void complete(LiveRun run, Node node, StepRow step, JsonValue output, String route, Instant now,
                          List<Object> out) {
        put(run, withResult(step, StepStatus.SUCCESS, route, output.toString(), null, null, now, null), out);
        run.outputs.put(node.id(), output);
        run.lastCompleted = node;
        out.add(event("node_completed", run, node, route, null));
        Progress progress = run.traversal.complete(node, route);
        recordSkipped(run, progress.skipped(), out);
        run.queued.addAll(progress.ready());
    }

    private void fail(LiveRun run, Node node, StepRow step, NodeFailure failure, Instant now, List<Object> out) {
        String error = trim(failure.getMessage());
        if (run.graph.hasErrorRoute(node)) {
            JsonObject output = Jsonp.JSON.createObjectBuilder()
                    .add("error", error)
                    .add("error_type", failure.errorType())
                    .add("details", failure.details())
                    .add("input", inputOf(run, node))
                    .build();
            put(run, withResult(step, StepStatus.FAILURE, Routes.ERROR, output.toString(), null, failure, now, null), out);
            run.outputs.put(node.id(), output);
            run.lastCompleted = node;
            out.add(event("node_failed", run, node, Routes.ERROR, error));
            Progress progress = run.traversal.complete(node, Routes.ERROR);
            recordSkipped(run, progress.skipped(), out);
            run.queued.addAll(progress.ready());
            return;
        }
        put(run, withResult(step, StepStatus.FAILURE, null, null, null, failure, now, null), out);
        out.add(event("node_failed", run, node, null, error));
        end(run, RunStatus.FAILURE, "Node '" + node.name() + "' failed: " + error, out);
    }

    /** After any change: start what may start, and end the run when nothing is left to do. */
    private List<Attempt> afterChange(LiveRun run, List<Object> out) {
        List<Attempt> begun = new ArrayList<>();
        while (!run.queued.isEmpty() && run.running < run.concurrencyLimit && !run.status().isFinal()) {
            begun.add(begin(run, run.queued.poll(), out));
        }
        SessionRow session = run.session.takeChanges(Instant.now());
        if (session != null) {
            out.add(session);
        }
        if (!run.status().isFinal() && run.idle()) {
            if (run.traversal.finished()) {
                end(run, RunStatus.SUCCESS, null, out);
            } else {
                // Nothing runs, is queued or waits, yet nodes are unresolved: a defect. Failing the
                // run says so; leaving it STARTED would keep it "under way" forever.
                LOG.severe("Run " + run.id() + " has unresolved nodes "
                        + run.traversal.unresolved().stream().map(Node::name).toList() + " but nothing left to run");
                end(run, RunStatus.FAILURE, "The engine found nothing left to run before the end of the graph.", out);
            }
        } else if (!run.status().isFinal() && run.running == 0 && run.queued.isEmpty()) {
            // Only waits and retry backoffs are left: the run holds no thread until one fires.
            if (run.status() != RunStatus.WAITING) {
                run.row = withStatus(run.row, RunStatus.WAITING, null, null, null);
                out.add(run.row);
                out.add(event("workflow_waiting", run, null, null, null));
                out.add((Runnable) () -> {
                    synchronized (run) {
                        // Held no longer: a wake-up loads it from the database again.
                        if (run.status() == RunStatus.WAITING) {
                            live.remove(run.id(), run);
                            cancelDeadline(run);
                        }
                    }
                    run.answered.complete(null);
                });
            }
        } else if (run.status() == RunStatus.WAITING && run.running > 0) {
            run.row = withStatus(run.row, RunStatus.STARTED, null, null, null);
            out.add(run.row);
        }
        return begun;
    }

    private Attempt begin(LiveRun run, Node node, List<Object> out) {
        int number = run.attemptOf(node) + 1;
        JsonValue input = inputOf(run, node);
        StepRow row = new StepRow(run.id(), node.id(), number, ++run.seq, node.name(), node.type(), StepStatus.RUNNING,
                input.toString(), null, null, null, null, Instant.now(), null, null);
        put(run, row, out);
        out.add(event("node_started", run, node, null, null));
        run.running++;
        return new Attempt(node, number, input);
    }

    /** The node's input by the one rule of {@link NodeInputs}, from the sources of its taken incoming edges. */
    private JsonValue inputOf(LiveRun run, Node node) {
        List<NodeInputs.Source> sources = new ArrayList<>(2);
        for (Node source : run.traversal.takenSources(node)) {
            sources.add(new NodeInputs.Source(source.name(), run.outputs.getOrDefault(source.id(), JsonValue.NULL)));
        }
        boolean byName = types.find(node.type()).map(NodeType::takesInputsByName).orElse(false);
        return NodeInputs.of(run.input, sources, byName);
    }

    private void recordSkipped(LiveRun run, List<Node> skipped, List<Object> out) {
        Instant now = Instant.now();
        for (Node node : skipped) {
            StepRow existing = run.steps.get(node.id());
            if (existing != null && existing.status() == StepStatus.SKIPPED) {
                continue;
            }
            int number = run.attemptOf(node) + 1;
            put(run, new StepRow(run.id(), node.id(), number, ++run.seq, node.name(), node.type(), StepStatus.SKIPPED,
                    null, null, null, null, null, null, now, null), out);
            out.add(event("node_skipped", run, node, null, null));
        }
    }

    private void end(LiveRun run, RunStatus status, String error, List<Object> out) {
        Instant now = Instant.now();
        if (status != RunStatus.SUCCESS) {
            // Running and waiting attempts are revoked; nodes that never ran in this run are
            // skipped (DESIGN 2). A failed attempt (the failing node, or one awaiting its retry) stays.
            List<Node> notRun = new ArrayList<>();
            for (Node node : run.traversal.unresolved()) {
                StepRow step = run.steps.get(node.id());
                if (step != null && (step.status() == StepStatus.RUNNING || step.status() == StepStatus.WAITING)) {
                    put(run, withResult(step, StepStatus.REVOKED, null, step.output(), null, null, now, null), out);
                } else if (step == null || step.status() != StepStatus.FAILURE) {
                    notRun.add(node);
                }
            }
            recordSkipped(run, notRun, out);
            run.runningThreads.values().forEach(Thread::interrupt);
            run.queued.clear();
        }
        SessionRow session = run.session.takeChanges(now);
        if (session != null) {
            out.add(session);
        }
        if (!run.graph.policy().keepsHistory(status)) {
            // Rows still held never reach the database; rows already written are deleted with the end.
            run.unwritten.removeIf(StepRow.class::isInstance);
            out.removeIf(StepRow.class::isInstance);
            if (run.historyWritten) {
                out.add(new HistoryPurge(run.id()));
            }
        }
        String output = status == RunStatus.SUCCESS && run.lastCompleted != null
                ? run.outputs.get(run.lastCompleted.id()).toString() : null;
        run.row = withStatus(run.row, status, output, error == null ? null : trim(error), now);
        out.add(run.row);
        String type = switch (status) {
            case SUCCESS -> "workflow_completed";
            case REVOKED -> "workflow_revoked";
            default -> "workflow_failed";
        };
        out.add(event(type, run, null, null, error));
        cancelDeadline(run);
        out.add((Runnable) () -> {
            live.remove(run.id(), run);
            run.answered.complete(run.webhookAnswer);
            run.finished.complete(run);
        });
        if (run.paused > 0) {
            String runId = run.id();
            out.add((Runnable) () -> workers.execute(() -> scheduler.forget(runId)));
        }
    }

    // ----- waking, retrying, stopping ------------------------------------------------------------

    /**
     * A waiting node's time came: it completes with the output it stored, and the run goes on. A run
     * whose execution timeout comes before the wait's end is woken then, and fails instead.
     */
    public void wake(LiveRun run, String nodeId, int attempt) {
        List<Attempt> next = List.of();
        boolean timedOut;
        synchronized (run) {
            StepRow step = run.steps.get(nodeId);
            if (run.status().isFinal() || step == null || step.status() != StepStatus.WAITING || step.attempt() != attempt) {
                return;
            }
            List<Object> out = new ArrayList<>();
            timedOut = !Instant.now().isBefore(deadlineOf(run));
            if (timedOut) {
                end(run, RunStatus.FAILURE, timeoutMessage(run), out);
            } else {
                run.paused--;
                if (run.status() == RunStatus.WAITING) {
                    run.row = withStatus(run.row, RunStatus.STARTED, null, null, null);
                    out.add(run.row);
                }
                live.put(run.id(), run);
                if (run.deadline == null || run.deadline.isCancelled()) {
                    watchDeadline(run);
                }
                complete(run, run.graph.node(nodeId), step, JsonText.parse(step.output()), Routes.DEFAULT, Instant.now(), out);
                next = afterChange(run, out);
            }
            record(run, out);
        }
        write(run);
        if (timedOut) {
            scheduler.forget(run.id());
        }
        next.forEach(attempt1 -> workers.execute(() -> chain(run, attempt1)));
    }

    /** A failed node's backoff is over: its next attempt starts. */
    public void retry(LiveRun run, String nodeId, int attempt) {
        List<Attempt> next;
        synchronized (run) {
            StepRow step = run.steps.get(nodeId);
            if (run.status().isFinal() || step == null || step.status() != StepStatus.FAILURE
                    || step.attempt() != attempt - 1 || step.route() != null) {
                return;
            }
            run.paused--;
            List<Object> out = new ArrayList<>();
            live.put(run.id(), run);
            if (run.deadline == null || run.deadline.isCancelled()) {
                watchDeadline(run);
            }
            run.queued.addFirst(run.graph.node(nodeId));
            next = afterChange(run, out);
            record(run, out);
        }
        write(run);
        next.forEach(attempt1 -> workers.execute(() -> chain(run, attempt1)));
    }

    /** Revokes a run: running nodes are interrupted, nothing further starts. */
    public RunStatus stop(LiveRun run) {
        synchronized (run) {
            if (run.status().isFinal()) {
                return run.status();
            }
            List<Object> out = new ArrayList<>();
            end(run, RunStatus.REVOKED, "Stopped by request.", out);
            record(run, out);
        }
        write(run);
        scheduler.forget(run.id());
        return RunStatus.REVOKED;
    }

    /**
     * Fails the run once it has taken longer than its workflow's {@code execution_timeout_seconds},
     * counted from its start. A waiting run leaves memory and this timer with it: its wake-up is
     * scheduled no later than the deadline instead (see {@link #wake}).
     */
    private void watchDeadline(LiveRun run) {
        long leftMs = Duration.between(Instant.now(), deadlineOf(run)).toMillis();
        run.deadline = watchdog.schedule(() -> timeOut(run), Math.max(0, leftMs), TimeUnit.MILLISECONDS);
    }

    private static Instant deadlineOf(LiveRun run) {
        Instant started = run.row.startedAt() != null ? run.row.startedAt() : run.row.createdAt();
        return started.plusSeconds(run.graph.policy().executionTimeoutSeconds());
    }

    private static String timeoutMessage(LiveRun run) {
        return "The run took longer than its execution timeout of " + run.graph.policy().executionTimeoutSeconds()
                + " s (workflow setting execution_timeout_seconds).";
    }

    private static void cancelDeadline(LiveRun run) {
        if (run.deadline != null) {
            run.deadline.cancel(false);
        }
    }

    private void timeOut(LiveRun run) {
        synchronized (run) {
            if (run.status().isFinal()) {
                return;
            }
            List<Object> out = new ArrayList<>();
            end(run, RunStatus.FAILURE, timeoutMessage(run), out);
            record(run, out);
        }
        write(run);
        scheduler.forget(run.id());
    }

    // ----- rows and events --------------------------------------------------------------------

    private static void put(LiveRun run, StepRow row, List<Object> out) {
        run.steps.put(row.nodeId(), row);
        out.add(row);
    }

    private static StepRow withResult(StepRow step, StepStatus status, String route, String output, String input,
                                      NodeFailure failure, Instant finishedAt, Instant wakeAt) {
        return new StepRow(step.runId(), step.nodeId(), step.attempt(), step.seq(), step.nodeName(), step.nodeType(),
                status, input != null ? input : step.input(), output, route,
                failure == null ? null : trim(failure.getMessage()), failure == null ? null : failure.errorType(),
                step.startedAt(), finishedAt, wakeAt);
    }

    private RunRow withStatus(RunRow row, RunStatus status, String output, String error, Instant finishedAt) {
        Instant now = Instant.now();
        return new RunRow(row.id(), row.workflowId(), row.workflowVersion(), status, row.triggerType(), row.input(),
                output, error, row.sessionId(), row.parentRunId(), row.startNodeId(), row.fromNodeId(), instance.id(),
                row.createdAt(), row.startedAt() == null ? now : row.startedAt(), finishedAt, now);
    }

    private static RunEvent event(String type, LiveRun run, Node node, String route, String error) {
        return new RunEvent(type, run.graph.workflowId(), run.id(), node == null ? null : node.id(),
                node == null ? null : node.type(), node == null ? null : node.name(), route, error, Instant.now());
    }

    private static String trim(String text) {
        if (text == null) {
            return "Unknown error";
        }
        return text.length() > MAX_ERROR_LENGTH ? text.substring(0, MAX_ERROR_LENGTH - 1) + "…" : text;
    }
}
