package io.orchestrator.runs;

import io.orchestrator.engine.RunStatus;
import java.time.Instant;

/**
 * A run without its input and output: one row of the runs list. Hibernate builds it from the
 * selected columns, so that listing runs never reads their (possibly large) JSON documents.
 */
public record RunSummary(
        String id,
        String workflowId,
        Long workflowVersion,
        RunStatus status,
        String triggerType,
        String error,
        String sessionId,
        String parentRunId,
        String fromNodeId,
        Instant createdAt,
        Instant startedAt,
        Instant finishedAt) {

    /** The JPQL select list that builds this record, in the order of its components. */
    static final String SELECT = "select r.id, r.workflowId, r.workflowVersion, r.status, r.triggerType, r.error,"
            + " r.sessionId, r.parentRunId, r.fromNodeId, r.createdAt, r.startedAt, r.finishedAt from Run r";
}
