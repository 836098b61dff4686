package io.orchestrator.engine.journal;

import io.orchestrator.engine.RunStatus;
import io.orchestrator.engine.TriggerType;
import java.time.Instant;

/**
 * The values of one row of table run at one moment; JSON columns already as text. Changes go through
 * the {@code with…} methods, which say what happened to the run; {@link JournalTables#RUN} maps it to
 * its columns.
 */
public record RunRow(
        String id,
        String workflowId,
        long workflowVersion,
        RunStatus status,
        TriggerType triggerType,
        String input,
        String output,
        String error,
        String sessionId,
        String parentRunId,
        String startNodeId,
        String fromNodeId,
        String owner,
        Instant createdAt,
        Instant startedAt,
        Instant finishedAt,
        Instant updatedAt)
        implements JournalEntry {

    /** A run not started yet (PENDING, for whichever server takes it) or started now by {@code owner}. */
    public static RunRow created(
            String id,
            String workflowId,
            long workflowVersion,
            RunStatus status,
            TriggerType trigger,
            String input,
            String sessionId,
            String parentRunId,
            String startNodeId,
            String fromNodeId,
            String owner,
            Instant now) {
        return new RunRow(
                id,
                workflowId,
                workflowVersion,
                status,
                trigger,
                input,
                null,
                null,
                sessionId,
                parentRunId,
                startNodeId,
                fromNodeId,
                owner,
                now,
                status == RunStatus.PENDING ? null : now,
                null,
                now);
    }

    /** Under way with another status (STARTED, WAITING); the first such change is its start. */
    public RunRow withStatus(RunStatus newStatus, Instant now) {
        return changed(newStatus, output, error, fromNodeId, owner, startedOr(now), finishedAt, now);
    }

    /** Ended with a final status, the result of its last node (success) or what went wrong. */
    public RunRow ended(RunStatus finalStatus, String result, String failure, Instant now) {
        return changed(finalStatus, result, failure, fromNodeId, owner, startedOr(now), now, now);
    }

    /** Taken up by a server ({@code newOwner}) to run on: from PENDING it starts, otherwise it resumes. */
    public RunRow resumedBy(String newOwner, Instant now) {
        RunStatus resumed = status == RunStatus.PENDING ? RunStatus.STARTED : status;
        return changed(resumed, output, error, fromNodeId, newOwner, startedOr(now), null, now);
    }

    /** A finished run started again from a node (rewind): a new start, no result yet. */
    public RunRow rewoundFrom(String nodeId, String newOwner, Instant now) {
        return changed(RunStatus.STARTED, null, null, nodeId, newOwner, now, null, now);
    }

    private Instant startedOr(Instant now) {
        return startedAt == null ? now : startedAt;
    }

    /** The same run with what a change sets; what never changes (identity, trigger, input, session) is kept. */
    private RunRow changed(
            RunStatus newStatus,
            String newOutput,
            String newError,
            String newFromNodeId,
            String newOwner,
            Instant newStartedAt,
            Instant newFinishedAt,
            Instant now) {
        return new RunRow(
                id,
                workflowId,
                workflowVersion,
                newStatus,
                triggerType,
                input,
                newOutput,
                newError,
                sessionId,
                parentRunId,
                startNodeId,
                newFromNodeId,
                newOwner,
                createdAt,
                newStartedAt,
                newFinishedAt,
                now);
    }
}
