package io.orchestrator.engine;

import io.orchestrator.engine.GraphSnapshot.Node;
import io.orchestrator.engine.journal.StepRow;
import io.orchestrator.nodes.NodeFailure;
import io.orchestrator.nodes.NodeOutcome;
import java.time.Instant;
import java.util.List;

/**
 * Decisions for a step that goes on later: a node that waits (a timer, a person) and an attempt that
 * failed with attempts left. Part of {@link RunDecisions}; like it, they change the run's state and add
 * the effects in order.
 */
final class StepsForLater {

    private StepsForLater() {}

    /**
     * The node waits: for its time ({@code wakeAt}) or for a person's answer, holding no thread. It is
     * woken at the run's deadline if that comes first, to fail the run on time.
     */
    static void waitUntil(RunState run, Node node, StepRow step, NodeOutcome outcome, Instant now, List<Effect> out) {
        Instant until = outcome.wakeAt();
        if (outcome.awaitsAnswer()) {
            RunEntries.record(run, step.withAnswerWait(outcome.output().toString(), until, outcome.route()), out);
            out.add(RunEntries.announce(
                    run,
                    EventType.NODE_WAITING,
                    node,
                    null,
                    null,
                    now,
                    outcome.output().asJsonObject()));
        } else {
            RunEntries.record(run, step.withWait(outcome.output().toString(), until), out);
            out.add(RunEntries.announce(run, EventType.NODE_WAITING, node, null, null, now));
        }
        run.paused();
        Instant deadline = run.deadline();
        out.add(new Effect.ScheduleWake(
                node.id(), step.attempt(), until == null || until.isAfter(deadline) ? deadline : until));
    }

    /**
     * The attempt failed and the node has attempts left: the next one starts after the backoff, or
     * first in the queue when there is none.
     */
    static void retryLater(
            RunState run, Node node, StepRow step, int number, NodeFailure failure, Instant now, List<Effect> out) {
        RunEntries.record(
                run,
                step.withFailure(null, null, RunEntries.trim(failure.getMessage()), failure.errorType(), now),
                out);
        long delay = (long)
                (node.settings().retryDelayMs() * Math.pow(node.settings().backoffMultiplier(), number - 1));
        if (delay > 0) {
            run.paused();
            out.add(new Effect.ScheduleRetry(node.id(), number + 1, now.plusMillis(delay)));
        } else {
            run.queueFirst(node);
        }
    }
}
