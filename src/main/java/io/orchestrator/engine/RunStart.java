package io.orchestrator.engine;

import io.orchestrator.engine.GraphSnapshot.Node;
import io.orchestrator.engine.Traversal.Progress;
import io.orchestrator.engine.journal.StepRow;
import io.orchestrator.nodes.ErrorType;
import io.orchestrator.nodes.NodeFailure;
import io.orchestrator.platform.JsonText;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The decision that starts a run from its start nodes, new or brought back: node executions of an
 * earlier life of the run (recovery, rewind, fork) are replayed from their rows instead of run again,
 * except the nodes asked to run again; an attempt its server was cut off in fails as
 * {@code interrupted}, and the node runs again as a new attempt.
 */
final class RunStart {

    private final RunDecisions decisions;
    /** Whether a node type runs again with a person's feedback (regenerate). */
    private final Predicate<String> regeneratesWithFeedback;

    RunStart(RunDecisions decisions) {
        this(decisions, type -> false);
    }

    RunStart(RunDecisions decisions, Predicate<String> regeneratesWithFeedback) {
        this.decisions = decisions;
        this.regeneratesWithFeedback = regeneratesWithFeedback;
    }

    List<Effect> start(
            RunState run, Collection<Node> startNodes, Map<String, StepRow> earlier, Set<String> rerun, Instant now) {
        List<Effect> out = new ArrayList<>();
        out.add(new Effect.Record(run.row()));
        if (earlier.isEmpty()) {
            out.add(RunEntries.announce(run, EventType.WORKFLOW_STARTED, null, null, null, now));
        }
        replay(run, startNodes, earlier, rerun, now, out);
        feedbackAgain(run, earlier);
        decisions.afterChange(run, now, out);
        return out;
    }

    private void replay(
            RunState run,
            Collection<Node> startNodes,
            Map<String, StepRow> earlier,
            Set<String> rerun,
            Instant now,
            List<Effect> out) {
        // Every earlier row counts, reached or not, so that new attempts and seqs follow them: a
        // rewound node downstream of the rewind point must not start again at attempt 1 (an upsert
        // that would overwrite its earlier row) nor with a seq before rows already written.
        earlier.values().forEach(step -> {
            run.put(step);
            run.followSeq(step.seq());
        });
        Progress started = run.traversal().start(startNodes);
        RunEntries.recordSkipped(run, started.skipped(), now, out);
        Deque<Node> work = new ArrayDeque<>(started.ready());
        while (!work.isEmpty()) {
            Node node = work.poll();
            StepRow kept = earlier.get(node.id());
            boolean keep = kept != null && !rerun.contains(node.id());
            if (keep
                    && kept.route() != null
                    && (kept.status() == StepStatus.SUCCESS || kept.status() == StepStatus.FAILURE)) {
                // Done earlier (on a route, the error route included): its output stands.
                run.completed(node, JsonText.parse(kept.output()));
                Progress next = run.traversal().complete(node, kept.route());
                RunEntries.recordSkipped(run, next.skipped(), now, out);
                work.addAll(next.ready());
            } else if (keep && kept.status() == StepStatus.WAITING) {
                // Its wake-up is a durable Quartz trigger: it survives a crash and fires late if missed.
                run.paused();
            } else {
                if (kept != null && kept.status() == StepStatus.RUNNING) {
                    NodeFailure cut = new NodeFailure(
                            ErrorType.INTERRUPTED, "The server stopped while this attempt ran; the node runs again.");
                    RunEntries.record(run, kept.withFailure(null, null, cut.getMessage(), cut.errorType(), now), out);
                }
                run.queue(List.of(node));
            }
        }
    }

    /**
     * A regenerate cut short (its node's new attempt was running when the server stopped) runs
     * again with the person's feedback: the answered request (a step that succeeded without a
     * route, its output saying regenerate) names it, and the regenerated node's latest attempt
     * began after it.
     */
    private void feedbackAgain(RunState run, Map<String, StepRow> earlier) {
        for (StepRow asked : earlier.values()) {
            if (asked.status() != StepStatus.SUCCESS || asked.route() != null || asked.output() == null) {
                continue;
            }
            if (!(JsonText.parse(asked.output()) instanceof JsonObject answer)
                    || !"regenerate".equals(answer.getString("action", null))
                    || !(answer.get("feedback") instanceof JsonString feedback)) {
                continue;
            }
            Regeneration.source(run.graph(), run.graph().node(asked.nodeId()), regeneratesWithFeedback)
                    .filter(source -> {
                        StepRow latest = earlier.get(source.id());
                        return latest != null && latest.seq() > asked.seq() && latest.status() == StepStatus.RUNNING;
                    })
                    .ifPresent(source -> run.feedbackFor(source, feedback.getString()));
        }
    }
}
