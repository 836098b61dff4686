package io.orchestrator.engine;

import io.orchestrator.engine.expressions.Expressions;
import io.orchestrator.engine.journal.JournalEntry;
import io.orchestrator.engine.journal.RunJournal;
import io.orchestrator.engine.journal.RunRow;
import io.orchestrator.engine.journal.StepRow;
import io.orchestrator.nodes.NodeType;
import io.orchestrator.nodes.NodeTypeRegistry;
import io.orchestrator.platform.OrchestratorConfig;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.json.JsonValue;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinWorkerThread;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * The real {@link RunEngine} without a container: its collaborators are test doubles set on its
 * package-private fields. The journal makes every batch "durable" at once: it records rows and
 * events in order and runs callbacks on the spot.
 */
final class EngineHarness implements AutoCloseable {

    final RecordingJournal journal = new RecordingJournal();
    final RecordingScheduler scheduler = new RecordingScheduler();
    final RunEngine engine = new RunEngine();

    EngineHarness(int workerThreads, NodeType... types) {
        Map<String, NodeType> byKey =
                Arrays.stream(types).collect(Collectors.toMap(NodeType::key, Function.identity()));
        engine.journal = journal;
        engine.types = new NodeTypeRegistry() {
            @Override
            public Optional<NodeType> find(String key) {
                return Optional.ofNullable(byKey.get(key));
            }
        };
        engine.expressions = new Expressions();
        engine.scheduler = scheduler;
        engine.instance = new EngineInstance();
        engine.threadFactory = new DaemonThreads();
        engine.config = new OrchestratorConfig() {
            @Override
            public int engineThreads() {
                return workerThreads;
            }

            @Override
            public long nodeTimeoutMs() {
                return 5000;
            }
        };
        engine.init();
    }

    @Override
    public void close() {
        engine.shutdown();
    }

    /** Starts a run as RunLauncher.startNow does, at the named start node. */
    LiveRun launch(GraphSnapshot graph, JsonValue input, boolean inline, String startNode) {
        return launch(graph, input, inline, startNode, TriggerType.MANUAL);
    }

    /** Starts a run with the given trigger (development runs use pins). */
    LiveRun launch(GraphSnapshot graph, JsonValue input, boolean inline, String startNode, TriggerType trigger) {
        LiveRun run = newRun(graph, input, startNode, trigger);
        return engine.launch(run, List.of(graph.nodeNamed(startNode)), Map.of(), Set.of(), inline);
    }

    /** A run not launched yet, STARTED from the named node. */
    LiveRun newRun(GraphSnapshot graph, JsonValue input, String startNode) {
        return newRun(graph, input, startNode, TriggerType.MANUAL);
    }

    LiveRun newRun(GraphSnapshot graph, JsonValue input, String startNode, TriggerType trigger) {
        String runId = UUID.randomUUID().toString();
        Instant now = Instant.now();
        RunRow row = RunRow.created(
                runId,
                graph.workflowId(),
                graph.version(),
                RunStatus.STARTED,
                trigger,
                input.toString(),
                runId,
                null,
                graph.nodeNamed(startNode).id(),
                null,
                engine.instanceId(),
                now);
        return new LiveRun(row, graph, LiveSession.empty(runId, SessionOwner.production("default")), input, false);
    }

    /** A row of an earlier execution of a node of this run (recovery, rewind). */
    static StepRow earlierStep(
            LiveRun run, String nodeName, int attempt, int seq, StepStatus status, JsonValue output, String route) {
        Instant then = Instant.now().minusSeconds(60);
        GraphSnapshot.Node node = run.state.graph().nodeNamed(nodeName);
        return new StepRow(
                run.id(),
                node.id(),
                attempt,
                seq,
                node.name(),
                node.type(),
                status,
                "{}",
                output == null ? null : output.toString(),
                route,
                null,
                null,
                then,
                status == StepStatus.RUNNING || status == StepStatus.WAITING ? null : then,
                status == StepStatus.WAITING ? then.plusSeconds(3600) : null);
    }

    static LiveRun finished(LiveRun run) {
        try {
            return run.whenFinished().toCompletableFuture().get(5, TimeUnit.SECONDS);
        } catch (Exception notFinished) {
            throw new AssertionError("Run " + run.id() + " did not finish in 5 s; it is " + run.status(), notFinished);
        }
    }

    List<RunEvent> events(LiveRun run) {
        return journal.entries.stream()
                .filter(JournalEntry.Announcement.class::isInstance)
                .map(entry -> ((JournalEntry.Announcement) entry).event())
                .filter(event -> event.taskId().equals(run.id()))
                .toList();
    }

    List<String> eventTypes(LiveRun run) {
        return events(run).stream().map(event -> event.type().wireName()).toList();
    }

    /** The events about one node, as "type" or "type:route". */
    List<String> eventsOf(LiveRun run, String nodeName) {
        return events(run).stream()
                .filter(event -> nodeName.equals(event.nodeName()))
                .map(event -> event.route() == null
                        ? event.type().wireName()
                        : event.type().wireName() + ":" + event.route())
                .toList();
    }

    /** Every step row written for one node, in order. */
    List<StepRow> stepsOf(LiveRun run, String nodeName) {
        return journal.entries.stream()
                .filter(StepRow.class::isInstance)
                .map(StepRow.class::cast)
                .filter(step -> step.runId().equals(run.id()) && step.nodeName().equals(nodeName))
                .toList();
    }

    /** The last row written for one node. */
    StepRow lastStep(LiveRun run, String nodeName) {
        List<StepRow> steps = stepsOf(run, nodeName);
        if (steps.isEmpty()) {
            throw new AssertionError("No row for node " + nodeName);
        }
        return steps.get(steps.size() - 1);
    }

    /** The final status of each attempt of one node, in attempt order. */
    List<StepStatus> attemptStatuses(LiveRun run, String nodeName) {
        Map<Integer, StepStatus> last = new java.util.TreeMap<>();
        stepsOf(run, nodeName).forEach(step -> last.put(step.attempt(), step.status()));
        return List.copyOf(last.values());
    }

    List<RunRow> runRows(LiveRun run) {
        return journal.entries.stream()
                .filter(RunRow.class::isInstance)
                .map(RunRow.class::cast)
                .filter(row -> row.id().equals(run.id()))
                .toList();
    }

    RunRow lastRunRow(LiveRun run) {
        List<RunRow> rows = runRows(run);
        return rows.get(rows.size() - 1);
    }

    /** Records entries in order; each batch counts as durable at once, so callbacks run on the spot. */
    static final class RecordingJournal extends RunJournal {

        final List<JournalEntry> entries = new CopyOnWriteArrayList<>();
        /** Each appendAll's entries: what the engine handed over at once. */
        final List<List<JournalEntry>> handOvers = new CopyOnWriteArrayList<>();
        /** When set, the next batch with a matching entry is refused (thrown back), once. */
        volatile Predicate<JournalEntry> refuse;

        @Override
        public void append(String runId, JournalEntry entry) {
            appendAll(runId, List.of(entry));
        }

        @Override
        public void appendAll(String runId, List<? extends JournalEntry> batch) {
            Predicate<JournalEntry> refused = refuse;
            if (refused != null && batch.stream().anyMatch(refused)) {
                refuse = null;
                throw new IllegalStateException("The journal refused this batch (a test's simulated defect)");
            }
            handOvers.add(List.copyOf(batch));
            batch.forEach(this::record);
        }

        @Override
        public CompletableFuture<Void> durable(String runId) {
            return CompletableFuture.completedFuture(null);
        }

        private void record(JournalEntry entry) {
            entries.add(entry);
            if (entry instanceof JournalEntry.AfterWrite afterWrite) {
                afterWrite.callback().run();
            }
        }
    }

    record ScheduledCall(String kind, String runId, String nodeId, int attempt, Instant at) {}

    /** Records what the engine asks for; tests fire wake-ups and retries themselves. */
    static final class RecordingScheduler implements EngineScheduler {

        final List<ScheduledCall> calls = new CopyOnWriteArrayList<>();

        @Override
        public void startSoon(String runId) {
            calls.add(new ScheduledCall("startSoon", runId, null, 0, null));
        }

        @Override
        public void wakeAt(String runId, String nodeId, int attempt, Instant at) {
            calls.add(new ScheduledCall("wakeAt", runId, nodeId, attempt, at));
        }

        @Override
        public void retryAt(String runId, String nodeId, int attempt, Instant at) {
            calls.add(new ScheduledCall("retryAt", runId, nodeId, attempt, at));
        }

        @Override
        public void forget(String runId) {
            calls.add(new ScheduledCall("forget", runId, null, 0, null));
        }

        List<ScheduledCall> of(String kind) {
            return calls.stream().filter(call -> call.kind().equals(kind)).toList();
        }
    }

    /** Plain daemon threads, standing in for the server's managed ones. */
    static final class DaemonThreads implements ManagedThreadFactory {

        private final AtomicInteger count = new AtomicInteger();

        @Override
        public Thread newThread(Runnable task) {
            Thread thread = new Thread(task, "engine-test-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        }

        @Override
        public ForkJoinWorkerThread newThread(ForkJoinPool pool) {
            ForkJoinWorkerThread thread = ForkJoinPool.defaultForkJoinWorkerThreadFactory.newThread(pool);
            thread.setDaemon(true);
            return thread;
        }
    }
}
