package io.orchestrator.engine;

import io.orchestrator.engine.GraphSnapshot.Node;
import io.orchestrator.engine.journal.StepRow;
import jakarta.json.JsonValue;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The decisions for what people do to a run under way: answer a node that waits for them (with a
 * route, or asking for the upstream node's output again with feedback), pause the run, resume it.
 * Like {@link RunDecisions}: a state and a fact in, effects out; no threads, clock or database.
 */
final class RunInterventions {

    private final RunDecisions decisions;
    /** Whether a node type can run again with a person's feedback (regenerate). */
    private final Predicate<String> regeneratesWithFeedback;

    RunInterventions(RunDecisions decisions, Predicate<String> regeneratesWithFeedback) {
        this.decisions = decisions;
        this.regeneratesWithFeedback = regeneratesWithFeedback;
    }

    /** The node's step if it is waiting now (and the run has not ended); what a person may answer. */
    static Optional<StepRow> waiting(RunState run, String nodeId) {
        StepRow step = run.step(nodeId);
        if (run.ended() || step == null || step.status() != StepStatus.WAITING) {
            return Optional.empty();
        }
        return Optional.of(step);
    }

    /**
     * A person answered the waiting attempt {@code attempt} of the node: it completes with this output
     * on this route. Empty effects when that attempt no longer waits (answered meanwhile, timed out).
     * A run paused by hand records the answer and starts nothing until it is resumed.
     */
    List<Effect> answered(RunState run, String nodeId, int attempt, JsonValue output, String route, Instant now) {
        List<Effect> out = new ArrayList<>();
        Optional<StepRow> step = waiting(run, nodeId).filter(waiting -> waiting.attempt() == attempt);
        if (step.isPresent()) {
            decisions.waitOver(run, step.get(), output, route, now, out);
        }
        return out;
    }

    /** The node upstream of a waiting one that a regenerate would run again, if any. */
    Optional<Node> regenerationSource(RunState run, String nodeId) {
        return Regeneration.source(run.graph(), run.graph().node(nodeId), regeneratesWithFeedback);
    }

    /**
     * A person asked for new candidates: the waiting attempt is answered (its output says so, it
     * takes no route), the nearest upstream node that takes feedback runs again as a new attempt with
     * it, the nodes between run again after it, and the waiting node asks again with what they give.
     * Not while the run is paused by hand.
     */
    List<Effect> regenerate(RunState run, String nodeId, int attempt, JsonValue output, String feedback, Instant now) {
        List<Effect> out = new ArrayList<>();
        Optional<StepRow> step = waiting(run, nodeId).filter(waiting -> waiting.attempt() == attempt);
        Optional<Node> source = regenerationSource(run, nodeId);
        // Paused by hand, the new attempt could not start, and a run that leaves memory would
        // forget the feedback: the person resumes first.
        if (step.isEmpty() || source.isEmpty() || run.pausedByHand()) {
            return out;
        }
        decisions.goesOn(run, now, out);
        RunEntries.record(run, step.get().withSuccess(null, output.toString(), now), out);
        Node waitingNode = run.graph().node(nodeId);
        Set<Node> part = Regeneration.part(run.graph(), source.get(), waitingNode);
        run.traversal().reopen(source.get(), part);
        run.feedbackFor(source.get(), feedback);
        run.queueFirst(source.get());
        decisions.afterChange(run, now, out);
        return out;
    }

    /** Paused by hand: attempts under way finish and are recorded, nothing new starts. */
    List<Effect> pauseAsked(RunState run, Instant now) {
        List<Effect> out = new ArrayList<>();
        if (run.ended() || run.pausedByHand()) {
            return out;
        }
        RunEntries.record(run, run.row().withStatus(RunStatus.PAUSED, now), out);
        out.add(RunEntries.announce(run, EventType.WORKFLOW_PAUSED, null, null, null, now));
        decisions.afterChange(run, now, out);
        return out;
    }

    /** Resumed after a pause by hand: queued nodes start; with none, the run waits for what it waited for. */
    List<Effect> resumeAsked(RunState run, Instant now) {
        List<Effect> out = new ArrayList<>();
        if (!run.pausedByHand()) {
            return out;
        }
        RunEntries.record(run, run.row().withStatus(RunStatus.STARTED, now), out);
        out.add(RunEntries.announce(run, EventType.WORKFLOW_RESUMED, null, null, null, now));
        out.add(new Effect.Resumed());
        decisions.afterChange(run, now, out);
        return out;
    }
}
