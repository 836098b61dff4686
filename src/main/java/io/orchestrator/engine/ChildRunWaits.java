package io.orchestrator.engine;

import io.orchestrator.engine.GraphSnapshot.Node;
import io.orchestrator.engine.journal.StepRow;
import io.orchestrator.nodes.ErrorType;
import io.orchestrator.nodes.NodeFailure;
import io.orchestrator.nodes.NodeOutcome;
import io.orchestrator.platform.JsonText;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The decisions for a sub-workflow node waiting for its child run, holding no thread: the step
 * waits (its output names the child), the child's end completes it with the same output, route or
 * failure a node that blocked until then would have given, and its node timeout fails it. Like
 * {@link RunDecisions}: a state and a fact in, effects out; no threads, clock or database.
 */
final class ChildRunWaits {

    private final RunDecisions decisions;

    ChildRunWaits(RunDecisions decisions) {
        this.decisions = decisions;
    }

    /** Whether a waiting step waits for a child run (rather than for a time or a person). */
    static boolean waitsForChild(StepRow step) {
        return SubWorkflowNode.KEY.equals(step.nodeType());
    }

    /** What a child run's end gives the node that waits for it. */
    static AttemptResult resultOf(String childRunId, RunStatus status, JsonValue output, String error) {
        if (status == RunStatus.SUCCESS) {
            return new AttemptResult.Succeeded(NodeOutcome.of(output == null ? JsonValue.NULL : output));
        }
        return new AttemptResult.Failed(new NodeFailure(
                ErrorType.SUB_WORKFLOW, "Sub-workflow run " + childRunId + " ended " + status + ": " + error));
    }

    /**
     * The node's attempt started a child run and waits for it: the step waits until the child ends
     * or the node's time is up. Returns the child's result instead when it ended before the attempt
     * returned (the caller settles the step with it), else null.
     */
    AttemptResult waitFor(RunState run, Node node, StepRow step, NodeOutcome outcome, Instant now, List<Effect> out) {
        AttemptResult early = run.takeEarlyEnd(outcome.awaitedRunId());
        if (early != null) {
            return early;
        }
        Instant until = outcome.wakeAt();
        RunEntries.record(run, step.withWait(outcome.output().toString(), until), out);
        out.add(RunEntries.announce(run, EventType.NODE_WAITING, node, null, null, now));
        run.paused();
        Instant deadline = run.deadline();
        out.add(new Effect.ScheduleWake(node.id(), step.attempt(), until.isAfter(deadline) ? deadline : until));
        return null;
    }

    /**
     * A child run ended: the step waiting for it completes. When none waits for it yet, the attempt
     * that started it has not returned: the result is kept for it. Nothing when the run has ended or
     * the step stopped waiting (its timeout came first).
     */
    List<Effect> childEnded(RunState run, String childRunId, AttemptResult result, Instant now) {
        List<Effect> out = new ArrayList<>();
        if (run.ended()) {
            return out;
        }
        Optional<StepRow> waiting = run.steps().stream()
                .filter(step -> step.status() == StepStatus.WAITING && waitsForChild(step))
                .filter(step -> childRunId.equals(childOf(step)))
                .findFirst();
        if (waiting.isPresent()) {
            settle(run, waiting.get(), result, now, out);
        } else if (run.running() > 0) {
            run.childEndedEarly(childRunId, result);
        }
        return out;
    }

    /** The node's time is up before its child ended: it fails as {@code timeout}; the child goes on by itself. */
    void timedOut(RunState run, StepRow step, Instant now, List<Effect> out) {
        settle(
                run,
                step,
                new AttemptResult.Failed(new NodeFailure(
                        ErrorType.TIMEOUT, "Sub-workflow run " + childOf(step) + " did not finish in time.")),
                now,
                out);
    }

    private void settle(RunState run, StepRow step, AttemptResult result, Instant now, List<Effect> out) {
        decisions.goesOn(run, now, out);
        decisions.settle(run, run.graph().node(step.nodeId()), step, step.attempt(), result, now, out);
        decisions.afterChange(run, now, out);
    }

    /** The child run a waiting step names in its output. */
    private static String childOf(StepRow step) {
        return step.output() != null && JsonText.parse(step.output()) instanceof JsonObject waiting
                ? waiting.getString("run_id", null)
                : null;
    }
}
