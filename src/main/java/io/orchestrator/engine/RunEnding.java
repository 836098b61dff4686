package io.orchestrator.engine;

import io.orchestrator.engine.GraphSnapshot.Node;
import io.orchestrator.engine.journal.StepRow;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * How a run ends, whatever ended it: a run that did not succeed revokes its running and waiting
 * attempts and skips the nodes that never ran; the workflow's keep_executions decides whether its
 * node executions stay; the final row carries the last node's output as the result.
 */
final class RunEnding {

    void end(RunState run, RunStatus status, String error, Instant now, List<Effect> out) {
        if (status != RunStatus.SUCCESS) {
            cutShort(run, now, out);
        }
        var session = run.session().takeChanges(now);
        if (session != null) {
            out.add(new Effect.Record(session));
        }
        if (!run.graph().policy().keepsHistory(status)) {
            out.removeIf(effect -> effect instanceof Effect.Record record && record.entry() instanceof StepRow);
            out.add(new Effect.DropHistory());
        }
        String result = status == RunStatus.SUCCESS && run.hasResult()
                ? run.lastOutput().toString()
                : null;
        RunEntries.record(
                run, run.row().ended(status, result, error == null ? null : RunEntries.trim(error), now), out);
        out.add(RunEntries.announce(run, EventType.endOf(status), null, null, error, now));
        out.add(new Effect.Ended());
        if (run.hasPausedWork()) {
            out.add(new Effect.ForgetSchedules());
        }
    }

    /** Running and waiting attempts are revoked; nodes that never ran are skipped. A failed attempt stays as it is. */
    private void cutShort(RunState run, Instant now, List<Effect> out) {
        List<Node> notRun = new ArrayList<>();
        for (Node node : run.traversal().unresolved()) {
            StepRow step = run.step(node.id());
            if (step != null && (step.status() == StepStatus.RUNNING || step.status() == StepStatus.WAITING)) {
                RunEntries.record(run, step.withRevocation(now), out);
            } else if (step == null || step.status() != StepStatus.FAILURE) {
                notRun.add(node);
            }
        }
        RunEntries.recordSkipped(run, notRun, now, out);
        out.add(new Effect.InterruptRunning());
        run.clearQueue();
    }
}
