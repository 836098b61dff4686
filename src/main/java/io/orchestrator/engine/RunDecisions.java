package io.orchestrator.engine;

import io.orchestrator.engine.Effect.Record;
import io.orchestrator.engine.GraphSnapshot.Node;
import io.orchestrator.engine.Traversal.Progress;
import io.orchestrator.engine.journal.StepRow;
import io.orchestrator.nodes.NodeFailure;
import io.orchestrator.nodes.NodeOutcome;
import io.orchestrator.nodes.Routes;
import io.orchestrator.platform.JsonText;
import io.orchestrator.platform.Jsonp;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.logging.Logger;

/**
 * The rules of a run, as decisions: given a run's {@link RunState} and a fact (an attempt ended, a
 * wait's time came, a retry is due, a stop was asked, the run timed out), change the state and
 * return the {@link Effect}s in order. No threads, no clock (the time is given), no database: the
 * engine performs the effects, and tests call these directly.
 *
 * <p>The state is changed in place rather than copied: a run is held by one monitor and a copy per
 * step would cost more than the engine's whole work for a quick node. What a decision returns is
 * therefore its effects; the state it leaves is the new one.
 */
final class RunDecisions {

    private static final Logger LOG = Logger.getLogger(RunDecisions.class.getName());

    /** Whether a node type takes its inputs keyed by source name even from one source (a join). */
    private final Predicate<String> takesInputsByName;

    private final RunEnding ending = new RunEnding();
    private final ChildRunWaits children = new ChildRunWaits(this);

    RunDecisions(Predicate<String> takesInputsByName) {
        this.takesInputsByName = takesInputsByName;
    }

    /** An attempt ended: record it, then complete, wait, retry, take the error route or fail the run. */
    List<Effect> attemptEnded(RunState run, Attempt attempt, AttemptResult result, Instant now) {
        run.attemptOver();
        List<Effect> out = new ArrayList<>();
        if (run.ended()) {
            return out;
        }
        Node node = attempt.node();
        StepRow step = run.step(node.id());
        AttemptResult settled = result instanceof AttemptResult.Succeeded started
                        && started.outcome().awaitedRunId() != null
                ? children.waitFor(run, node, step, started.outcome(), now, out)
                : result;
        if (settled != null) {
            settle(run, node, step, attempt.number(), settled, now, out);
        }
        afterChange(run, now, out);
        return out;
    }

    /** What an attempt's result (or a waited-for child run's) does to its step: complete, wait, retry, error route, fail. */
    void settle(
            RunState run, Node node, StepRow step, int number, AttemptResult result, Instant now, List<Effect> out) {
        if (result instanceof AttemptResult.Succeeded succeeded) {
            NodeOutcome outcome = succeeded.outcome();
            if (outcome.waits() && (outcome.awaitsAnswer() || outcome.wakeAt().isAfter(now))) {
                StepsForLater.waitUntil(run, node, step, outcome, now, out);
            } else {
                complete(run, node, step, outcome.output(), outcome.route(), now, out);
                if (outcome.webhookAnswer() != null && run.answerWebhook(outcome.webhookAnswer())) {
                    out.add(new Effect.WebhookAnswered(outcome.webhookAnswer()));
                }
            }
        } else {
            NodeFailure failure = ((AttemptResult.Failed) result).failure();
            if (number < node.settings().maxAttempts()) {
                StepsForLater.retryLater(run, node, step, number, failure, now, out);
            } else {
                fail(run, node, step, failure, now, out);
            }
        }
    }

    /** An attempt begun but never executed: the run ended before a thread got to it. */
    List<Effect> attemptAbandoned(RunState run) {
        run.attemptOver();
        return List.of();
    }

    /** A waiting node's time came: it completes with the output it stored, unless the run's deadline passed. */
    List<Effect> woke(RunState run, String nodeId, int attempt, Instant now) {
        List<Effect> out = new ArrayList<>();
        StepRow step = run.step(nodeId);
        if (run.ended() || step == null || step.status() != StepStatus.WAITING || step.attempt() != attempt) {
            return out;
        }
        if (!now.isBefore(run.deadline())) {
            return timedOut(run, now);
        }
        if (ChildRunWaits.waitsForChild(step)) {
            children.timedOut(run, step, now, out);
            return out;
        }
        // A wait goes on by the default route; a request to a person by the route it named for its timeout.
        String route = step.route() != null ? step.route() : Routes.DEFAULT;
        waitOver(run, step, JsonText.parse(step.output()), route, now, out);
        return out;
    }

    /** A waiting step completes (its time came, a person answered): the run goes on from it. */
    void waitOver(RunState run, StepRow step, JsonValue output, String route, Instant now, List<Effect> out) {
        goesOn(run, now, out);
        complete(run, run.graph().node(step.nodeId()), step, output, route, now, out);
        afterChange(run, now, out);
    }

    /** Something the run waited for came: it is held in memory again and, unless paused by hand, under way. */
    void goesOn(RunState run, Instant now, List<Effect> out) {
        run.unpaused();
        if (run.status() == RunStatus.WAITING) {
            RunEntries.record(run, run.row().withStatus(RunStatus.STARTED, now), out);
        }
        out.add(new Effect.Resumed());
    }

    ChildRunWaits children() {
        return children;
    }

    /** A failed node's backoff is over: its next attempt starts before anything else queued. */
    List<Effect> retryDue(RunState run, String nodeId, int attempt, Instant now) {
        List<Effect> out = new ArrayList<>();
        StepRow step = run.step(nodeId);
        if (run.ended()
                || step == null
                || step.status() != StepStatus.FAILURE
                || step.attempt() != attempt - 1
                || step.route() != null) {
            return out;
        }
        run.unpaused();
        out.add(new Effect.Resumed());
        run.queueFirst(run.graph().node(nodeId));
        afterChange(run, now, out);
        return out;
    }

    /** Revokes the run: running nodes are interrupted, nothing further starts. */
    List<Effect> stopAsked(RunState run, Instant now) {
        return endedBy(run, RunStatus.REVOKED, "Stopped by request.", now);
    }

    /** The run took longer than its workflow's execution_timeout_seconds. */
    List<Effect> timedOut(RunState run, Instant now) {
        return endedBy(
                run,
                RunStatus.FAILURE,
                "The run took longer than its execution timeout of "
                        + run.graph().policy().executionTimeoutSeconds()
                        + " s (workflow setting execution_timeout_seconds).",
                now);
    }

    /** The engine could not go on with a node: its counts are wrong now, so the run would never end by itself. */
    List<Effect> engineFailed(RunState run, Node node, RuntimeException defect, Instant now) {
        List<Effect> out = new ArrayList<>();
        if (!run.ended()) {
            ending.end(
                    run,
                    RunStatus.FAILURE,
                    "Internal error while running node '" + node.name() + "': " + defect,
                    now,
                    out);
        }
        return out;
    }

    /** Ended from outside its attempts (a stop, its deadline): whatever it has scheduled is void. */
    private List<Effect> endedBy(RunState run, RunStatus status, String reason, Instant now) {
        List<Effect> out = new ArrayList<>();
        if (!run.ended()) {
            ending.end(run, status, reason, now, out);
            if (!out.contains(new Effect.ForgetSchedules())) {
                out.add(new Effect.ForgetSchedules());
            }
        }
        return out;
    }

    void complete(
            RunState run, Node node, StepRow step, JsonValue output, String route, Instant now, List<Effect> out) {
        StepRow succeeded = step.withSuccess(route, output.toString(), now);
        RunEntries.record(run, succeeded, out);
        run.completed(node, output);
        out.add(RunEntries.announceEnd(run, EventType.NODE_COMPLETED, node, succeeded, route, null));
        progressed(run, run.traversal().complete(node, route), now, out);
    }

    /** Exhausted attempts: the error route if the node has one (its output describes the failure), else the run fails. */
    private void fail(RunState run, Node node, StepRow step, NodeFailure failure, Instant now, List<Effect> out) {
        String error = RunEntries.trim(failure.getMessage());
        if (run.graph().hasErrorRoute(node)) {
            JsonObject output = Jsonp.JSON
                    .createObjectBuilder()
                    .add("error", error)
                    .add("error_type", failure.errorType().wireName())
                    .add("details", failure.details())
                    .add("input", inputOf(run, node))
                    .build();
            StepRow routed = step.withFailure(Routes.ERROR, output.toString(), error, failure.errorType(), now);
            RunEntries.record(run, routed, out);
            run.completed(node, output);
            out.add(RunEntries.announceEnd(run, EventType.NODE_FAILED, node, routed, Routes.ERROR, error));
            progressed(run, run.traversal().complete(node, Routes.ERROR), now, out);
            return;
        }
        StepRow failed = step.withFailure(null, null, error, failure.errorType(), now);
        RunEntries.record(run, failed, out);
        out.add(RunEntries.announceEnd(run, EventType.NODE_FAILED, node, failed, null, error));
        ending.end(run, RunStatus.FAILURE, "Node '" + node.name() + "' failed: " + error, now, out);
    }

    /** After any change: start what may start, and end or pause the run when nothing is left to run. */
    void afterChange(RunState run, Instant now, List<Effect> out) {
        for (Node next = run.nextToStart(); next != null; next = run.nextToStart()) {
            out.add(new Effect.Execute(begin(run, next, now, out)));
        }
        var session = run.session().takeChanges(now);
        if (session != null) {
            out.add(new Record(session));
        }
        if (run.ended()) {
            return;
        }
        if (run.idle()) {
            if (run.traversal().finished()) {
                ending.end(run, RunStatus.SUCCESS, null, now, out);
            } else {
                // Nothing runs, is queued or waits, yet nodes are unresolved: a defect. Failing the
                // run says so; leaving it STARTED would keep it "under way" forever.
                LOG.severe("Run " + run.id() + " has unresolved nodes "
                        + run.traversal().unresolved().stream().map(Node::name).toList() + " but nothing left to run");
                ending.end(
                        run,
                        RunStatus.FAILURE,
                        "The engine found nothing left to run before the end of the graph.",
                        now,
                        out);
            }
        } else if (run.pausedByHand()) {
            if (run.running() == 0) {
                // Paused by hand with nothing under way: the run leaves memory until it is resumed.
                out.add(new Effect.Paused());
            }
        } else if (run.running() == 0 && !run.hasQueued()) {
            // Only waits and retry backoffs are left: the run holds no thread until one fires.
            if (run.status() != RunStatus.WAITING) {
                RunEntries.record(run, run.row().withStatus(RunStatus.WAITING, now), out);
                out.add(RunEntries.announce(run, EventType.WORKFLOW_WAITING, null, null, null, now));
                out.add(new Effect.Paused());
            }
        } else if (run.status() == RunStatus.WAITING && run.running() > 0) {
            RunEntries.record(run, run.row().withStatus(RunStatus.STARTED, now), out);
        }
    }

    private Attempt begin(RunState run, Node node, Instant now, List<Effect> out) {
        int number = run.attemptOf(node) + 1;
        JsonValue input = inputOf(run, node);
        RunEntries.record(run, StepRow.running(RunEntries.identity(run, node, number), input.toString(), now), out);
        out.add(RunEntries.announce(run, EventType.NODE_STARTED, node, null, null, now));
        run.attemptBegun();
        return new Attempt(node, number, input, run.takeFeedback(node));
    }

    /** The node's input by the one rule of {@link NodeInputs}, from the sources of its taken incoming edges. */
    JsonValue inputOf(RunState run, Node node) {
        List<NodeInputs.Source> sources = new ArrayList<>(2);
        for (Node source : run.traversal().takenSources(node)) {
            sources.add(new NodeInputs.Source(source.name(), run.output(source.id())));
        }
        return NodeInputs.of(run.input(), sources, takesInputsByName.test(node.type()));
    }

    /** Skips what a step made unreachable and queues what it made ready. */
    void progressed(RunState run, Progress progress, Instant now, List<Effect> out) {
        RunEntries.recordSkipped(run, progress.skipped(), now, out);
        run.queue(progress.ready());
    }
}
