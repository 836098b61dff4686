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
        return new RunRow(
                id,
                workflowId,
                workflowVersion,
                newStatus,
                triggerType,
                input,
                output,
                error,
                sessionId,
                parentRunId,
                startNodeId,
                fromNodeId,
                owner,
                createdAt,
                startedAt == null ? now : startedAt,
                finishedAt,
                now);
    }

    /** Ended with a final status, the result of its last node (success) or what went wrong. */
    public RunRow ended(RunStatus finalStatus, String result, String failure, Instant now) {
        return new RunRow(
                id,
                workflowId,
                workflowVersion,
                finalStatus,
                triggerType,
                input,
                result,
                failure,
                sessionId,
                parentRunId,
                startNodeId,
                fromNodeId,
                owner,
                createdAt,
                startedAt == null ? now : startedAt,
                now,
                now);
    }

    /** Taken up by a server ({@code newOwner}) to run on: from PENDING it starts, otherwise it resumes. */
    public RunRow resumedBy(String newOwner, Instant now) {
        RunStatus resumed = status == RunStatus.PENDING ? RunStatus.STARTED : status;
        return new RunRow(
                id,
                workflowId,
                workflowVersion,
                resumed,
                triggerType,
                input,
                output,
                error,
                sessionId,
                parentRunId,
                startNodeId,
                fromNodeId,
                newOwner,
                createdAt,
                startedAt == null ? now : startedAt,
                null,
                now);
    }

    /** A finished run started again from a node (rewind): a new start, no result yet. */
    public RunRow rewoundFrom(String nodeId, String newOwner, Instant now) {
        return new RunRow(
                id,
                workflowId,
                workflowVersion,
                RunStatus.STARTED,
                triggerType,
                input,
                null,
                null,
                sessionId,
                parentRunId,
                startNodeId,
                nodeId,
                newOwner,
                createdAt,
                now,
                null,
                now);
    }
}
