package io.orchestrator.engine.journal;

import io.orchestrator.engine.RunStatus;
import java.time.Instant;

/** The values of one row of table run at one moment; JSON columns already as text. */
public record RunRow(String id, String workflowId, long workflowVersion, RunStatus status, String triggerType,
                     String input, String output, String error, String sessionId, String parentRunId,
                     String startNodeId, String fromNodeId, String owner, Instant createdAt, Instant startedAt, Instant finishedAt,
                     Instant updatedAt) {
}
