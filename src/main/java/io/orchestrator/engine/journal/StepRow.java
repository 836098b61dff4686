package io.orchestrator.engine.journal;

import io.orchestrator.engine.StepStatus;
import java.time.Instant;

/** The values of one row of table node_execution (one attempt of one node) at one moment. */
public record StepRow(String runId, String nodeId, int attempt, int seq, String nodeName, String nodeType,
                      StepStatus status, String input, String output, String route, String error, String errorType,
                      Instant startedAt, Instant finishedAt, Instant wakeAt) {
}
