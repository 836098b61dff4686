package io.orchestrator.engine;

import io.orchestrator.engine.Effect.Record;
import io.orchestrator.engine.GraphSnapshot.Node;
import io.orchestrator.engine.journal.JournalEntry;
import io.orchestrator.engine.journal.RunRow;
import io.orchestrator.engine.journal.StepRow;
import jakarta.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * How the decisions record what changed: a node's or the run's new row becomes the run's latest and
 * goes out as an {@link Effect.Record}, in the order of the change, and so do the events about it.
 */
final class RunEntries {

    static final int MAX_ERROR_LENGTH = 4000;

    private RunEntries() {}

    static void recordSkipped(RunState run, List<Node> skipped, Instant now, List<Effect> out) {
        for (Node node : skipped) {
            StepRow existing = run.step(node.id());
            if (existing != null && existing.status() == StepStatus.SKIPPED) {
                continue;
            }
            record(run, StepRow.skipped(identity(run, node, run.attemptOf(node) + 1), now), out);
            out.add(announce(run, EventType.NODE_SKIPPED, node, null, null, now));
        }
    }

    static StepRow.Identity identity(RunState run, Node node, int attempt) {
        return new StepRow.Identity(run.id(), node.id(), node.name(), node.type(), attempt, run.nextSeq());
    }

    /** A node's new row: it becomes the node's latest, and is recorded for the journal. */
    static void record(RunState run, StepRow step, List<Effect> out) {
        run.put(step);
        out.add(new Record(step));
    }

    /** The run's new row: it becomes the run's, and is recorded for the journal. */
    static void record(RunState run, RunRow changed, List<Effect> out) {
        run.row(changed);
        out.add(new Record(changed));
    }

    static Record announce(RunState run, EventType type, Node node, String route, String error, Instant at) {
        return announce(run, type, node, route, error, at, null);
    }

    /** With the request a node waiting for a person shows them. */
    static Record announce(
            RunState run, EventType type, Node node, String route, String error, Instant at, JsonObject request) {
        return announce(run, type, node, route, error, at, request, null);
    }

    /** node_completed or node_failed for the attempt this step row ended, with the attempt's duration. */
    static Record announceEnd(RunState run, EventType type, Node node, StepRow ended, String route, String error) {
        Instant at = ended.finishedAt();
        Long durationMs = ended.startedAt() == null
                ? null
                : Duration.between(ended.startedAt(), at).toMillis();
        return announce(run, type, node, route, error, at, null, durationMs);
    }

    private static Record announce(
            RunState run,
            EventType type,
            Node node,
            String route,
            String error,
            Instant at,
            JsonObject request,
            Long durationMs) {
        return new Record(new JournalEntry.Announcement(new RunEvent(
                type,
                run.graph().workflowId(),
                run.id(),
                node == null ? null : node.id(),
                node == null ? null : node.type(),
                node == null ? null : node.name(),
                route,
                error,
                at,
                request,
                durationMs)));
    }

    static String trim(String text) {
        if (text == null) {
            return "Unknown error";
        }
        return text.length() > MAX_ERROR_LENGTH ? text.substring(0, MAX_ERROR_LENGTH - 1) + "…" : text;
    }
}
