package io.orchestrator.engine;

import io.orchestrator.engine.GraphSnapshot.Node;
import io.orchestrator.engine.expressions.Expressions;
import io.orchestrator.engine.journal.JournalEntry;
import io.orchestrator.engine.journal.RunJournal;
import io.orchestrator.engine.journal.StepRow;
import io.orchestrator.nodes.NodeType;
import io.orchestrator.nodes.NodeTypeRegistry;
import io.orchestrator.platform.OrchestratorConfig;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Priority;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.BeforeDestroyed;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.Reception;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Executes runs: it asks {@link RunDecisions} what a fact means for a run and performs the effects
 * it gets back (journal entries, attempts to execute, wake-ups and retries to schedule). A chain of
 * nodes runs on one thread (the next ready node continues on the thread that finished the previous
 * one); extra ready nodes go to the {@link EngineWorkers} pool, which bounds how many nodes the
 * server runs at once. Waits, retries and sub-workflows waiting for their child run hold no thread.
 *
 * <p>A run's decisions and the holding of its journal entries happen under the run's monitor;
 * executing attempts, scheduling and handing entries on to the journal's queue happen after it. See
 * docs/ARCHITECTURE.md for the execution semantics.
 */
@ApplicationScoped
public class RunEngine {

    private static final Logger LOG = Logger.getLogger(RunEngine.class.getName());

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
    OrchestratorConfig config;

    private EngineWorkers workers;
    private HeldRuns held;
    private AttemptRunner attempts;
    private RunDecisions decisions;
    private RunStart starts;
    private RunInterventions interventions;

    @PostConstruct
    void init() {
        workers = new EngineWorkers(config.engineThreads(), threadFactory);
        held = new HeldRuns(new RunDeadlines(workers.timer()));
        attempts = new AttemptRunner(expressions, workers.timer(), config.nodeTimeoutMs());
        decisions = new RunDecisions(
                key -> types.find(key).map(NodeType::takesInputsByName).orElse(false));
        Predicate<String> regenerates =
                key -> types.find(key).map(NodeType::regeneratesWithFeedback).orElse(false);
        starts = new RunStart(decisions, regenerates);
        interventions = new RunInterventions(decisions, regenerates);
    }

    /**
     * The application is stopping: before any bean is destroyed (the journal must still write what
     * the draining attempts produce), running attempts get the drain time to finish.
     */
    void drain(
            @Observes(notifyObserver = Reception.IF_EXISTS) @Priority(2000) @BeforeDestroyed(ApplicationScoped.class)
                    Object stopping) {
        shutdown();
    }

    @PreDestroy
    void shutdown() {
        workers.shutdown(config.shutdownDrain());
    }

    public String instanceId() {
        return instance.id();
    }

    /** The run if this server holds it in memory now. */
    public Optional<LiveRun> live(String runId) {
        return held.get(runId);
    }

    Collection<LiveRun> liveRuns() {
        return held.all();
    }

    /**
     * Runs a run from its start nodes, replaying the {@code earlier} node executions (latest attempt
     * per node id: recovery, rewind, fork) without running them again, except the nodes in
     * {@code rerun}. With {@code inline} the first chain runs on the calling thread.
     */
    LiveRun launch(
            LiveRun run, Collection<Node> startNodes, Map<String, StepRow> earlier, Set<String> rerun, boolean inline) {
        List<Attempt> first;
        synchronized (run) {
            hold(run);
            first = perform(run, starts.start(run.state, startNodes, earlier, rerun, Instant.now()));
        }
        if (inline && !first.isEmpty()) {
            first.subList(1, first.size()).forEach(extra -> startChain(run, extra));
            chain(run, first.get(0));
        } else {
            write(run);
            first.forEach(attempt -> startChain(run, attempt));
        }
        return run;
    }

    /** A waiting node's time came; see {@link RunDecisions#woke}. */
    public void wake(LiveRun run, String nodeId, int attempt) {
        decide(run, state -> decisions.woke(state, nodeId, attempt, Instant.now()));
    }

    /** A failed node's backoff is over; see {@link RunDecisions#retryDue}. */
    public void retry(LiveRun run, String nodeId, int attempt) {
        decide(run, state -> decisions.retryDue(state, nodeId, attempt, Instant.now()));
    }

    /** Revokes a run: running nodes are interrupted, nothing further starts. */
    public RunStatus stop(LiveRun run) {
        decide(run, state -> decisions.stopAsked(state, Instant.now()));
        return run.status();
    }

    RunInterventions interventions() {
        return interventions;
    }

    ChildRunWaits childRuns() {
        return decisions.children();
    }

    /** Reads the run's state under its monitor. */
    <T> T read(LiveRun run, Function<RunState, T> reading) {
        synchronized (run) {
            return reading.apply(run.state);
        }
    }

    /**
     * Decides and goes on; the stage completes once what the decision recorded is durable, with
     * whether it changed anything (false: the fact no longer applied).
     */
    CompletionStage<Boolean> decide(LiveRun run, Function<RunState, List<Effect>> decision) {
        CompletableFuture<Boolean> durable = new CompletableFuture<>();
        List<Attempt> next;
        synchronized (run) {
            List<Effect> effects = decision.apply(run.state);
            next = perform(run, effects);
            if (effects.isEmpty()) {
                durable.complete(false);
            } else {
                afterWrite(run, () -> durable.complete(true));
            }
        }
        write(run);
        next.forEach(attempt -> startChain(run, attempt));
        return durable;
    }

    private void startChain(LiveRun run, Attempt attempt) {
        if (!workers.execute(() -> chain(run, attempt))) {
            LOG.info("The server is stopping: node '" + attempt.node().name() + "' of run " + run.id()
                    + " runs after the restart.");
        }
    }

    /** Executes an attempt and those it makes ready, one after the other on this thread; extra ones on other threads. */
    private void chain(LiveRun run, Attempt first) {
        Attempt attempt = first;
        while (attempt != null) {
            List<Attempt> next;
            try {
                next = executeAndSettle(run, attempt);
            } catch (RuntimeException defect) {
                LOG.log(
                        Level.SEVERE,
                        "Engine defect while running node '" + attempt.node().name() + "' of run " + run.id(),
                        defect);
                failOnDefect(run, attempt.node(), defect);
                next = List.of();
            }
            if (next.isEmpty() || workers.draining()) {
                // Begun attempts not executed while the server stops stay RUNNING: recovery runs them again.
                write(run);
            }
            next.stream().skip(1).forEach(extra -> startChain(run, extra));
            attempt = next.isEmpty() || workers.draining() ? null : next.get(0);
        }
    }

    private List<Attempt> executeAndSettle(LiveRun run, Attempt attempt) {
        // One registry lookup per attempt, for both the write decision and the execution.
        Optional<NodeType> type = types.find(attempt.node().type());
        boolean writeFirst;
        synchronized (run) {
            writeFirst = run.held.dueBefore(type.map(NodeType::mayBlock).orElse(true));
        }
        if (writeFirst) {
            write(run);
        }
        Optional<AttemptResult> result = attempts.run(run, attempt, type);
        synchronized (run) {
            return perform(
                    run,
                    result.isPresent()
                            ? decisions.attemptEnded(run.state, attempt, result.get(), Instant.now())
                            : decisions.attemptAbandoned(run.state));
        }
    }

    private void failOnDefect(LiveRun run, Node node, RuntimeException defect) {
        try {
            synchronized (run) {
                perform(run, decisions.engineFailed(run.state, node, defect, Instant.now()));
            }
            write(run);
        } catch (RuntimeException again) {
            LOG.log(Level.SEVERE, "Could not end run " + run.id() + " after an engine defect", again);
        }
    }

    /**
     * Performs a decision's effects, under the run's monitor: journal entries are held in order,
     * with what must wait until they are durable after them; scheduling happens here too. Returns
     * the attempts to execute, which the caller starts once it has let go of the monitor.
     */
    private List<Attempt> perform(LiveRun run, List<Effect> effects) {
        List<Attempt> toExecute = new ArrayList<>(1);
        for (Effect effect : effects) {
            if (effect instanceof Effect.Record record) {
                run.held.add(record.entry());
            } else if (effect instanceof Effect.Execute execute) {
                toExecute.add(execute.attempt());
            } else if (effect instanceof Effect.ScheduleWake wake) {
                scheduler.wakeAt(run.id(), wake.nodeId(), wake.attempt(), wake.at());
            } else if (effect instanceof Effect.ScheduleRetry retry) {
                scheduler.retryAt(run.id(), retry.nodeId(), retry.attempt(), retry.at());
            } else if (effect instanceof Effect.ForgetSchedules) {
                afterWrite(run, () -> forgetSchedules(run.id()));
            } else if (effect instanceof Effect.InterruptRunning) {
                run.interruptAll();
            } else if (effect instanceof Effect.Resumed) {
                hold(run);
            } else if (effect instanceof Effect.Paused) {
                afterWrite(run, () -> leaveMemoryWhileWaiting(run));
            } else if (effect instanceof Effect.WebhookAnswered answered) {
                afterWrite(run, () -> run.answered.complete(answered.answer()));
            } else if (effect instanceof Effect.DropHistory) {
                run.held.dropHistory(run.id());
            } else if (effect instanceof Effect.Ended) {
                held.ended(run);
                afterWrite(run, () -> {
                    held.release(run);
                    run.answered.complete(run.state.webhookAnswer());
                    run.finished.complete(run);
                });
            } else {
                throw new IllegalStateException("The engine cannot perform " + effect);
            }
        }
        return toExecute;
    }

    private static void afterWrite(LiveRun run, Runnable callback) {
        run.held.add(new JournalEntry.AfterWrite(callback));
    }

    /** Quartz work, kept off the journal writer's thread that calls this back (unless the server is stopping). */
    private void forgetSchedules(String runId) {
        if (!workers.execute(() -> scheduler.forget(runId))) {
            scheduler.forget(runId);
        }
    }

    private void leaveMemoryWhileWaiting(LiveRun run) {
        synchronized (run) {
            held.leaveWhileWaiting(run);
        }
        run.answered.complete(null);
    }

    private void hold(LiveRun run) {
        held.hold(run, () -> decide(run, state -> decisions.timedOut(state, Instant.now())));
    }

    /** Hands the run's held entries to the journal, in order. */
    private void write(LiveRun run) {
        synchronized (run) {
            run.held.handTo(journal, run.id());
        }
    }
}
