package io.orchestrator.engine.journal;

import io.orchestrator.engine.StepStatus;
import io.orchestrator.nodes.ErrorType;
import java.time.Instant;

/**
 * The values of one row of table node_execution (one attempt of one node) at one moment. An attempt
 * begins RUNNING (or is SKIPPED outright) and its row then changes through the {@code with…} methods;
 * {@link JournalTables#STEP} maps it to its columns.
 */
public record StepRow(
        String runId,
        String nodeId,
        int attempt,
        int seq,
        String nodeName,
        String nodeType,
        StepStatus status,
        String input,
        String output,
        String route,
        String error,
        String errorType,
        Instant startedAt,
        Instant finishedAt,
        Instant wakeAt)
        implements JournalEntry {

    /** Which node of which run, and where its attempt stands in the run: the part of a row that never changes. */
    public record Identity(String runId, String nodeId, String nodeName, String nodeType, int attempt, int seq) {}

    public static StepRow running(Identity step, String input, Instant now) {
        return first(step, StepStatus.RUNNING, input, now, null);
    }

    public static StepRow skipped(Identity step, Instant now) {
        return first(step, StepStatus.SKIPPED, null, null, now);
    }

    /** An attempt's first row: nothing produced yet. */
    private static StepRow first(Identity step, StepStatus status, String input, Instant started, Instant finished) {
        return new StepRow(
                step.runId(),
                step.nodeId(),
                step.attempt(),
                step.seq(),
                step.nodeName(),
                step.nodeType(),
                status,
                input,
                null,
                null,
                null,
                null,
                started,
                finished,
                null);
    }

    public StepRow withSuccess(String route, String result, Instant now) {
        return with(StepStatus.SUCCESS, route, result, null, null, now, null);
    }

    /** Failed; with a route when the node's error route takes the run on (its output then describes the failure). */
    public StepRow withFailure(String route, String result, String message, ErrorType type, Instant now) {
        return with(StepStatus.FAILURE, route, result, message, type.wireName(), now, null);
    }

    /** Paused until {@code until}; the output is what the node completes with when it wakes. */
    public StepRow withWait(String result, Instant until) {
        return with(StepStatus.WAITING, null, result, null, null, null, until);
    }

    /**
     * Waiting for a person's answer to the request {@code result}; {@code until} (null for never) is
     * when it gives up and completes on {@code routeAtWake}, kept in the route column until then.
     */
    public StepRow withAnswerWait(String result, Instant until, String routeAtWake) {
        return with(StepStatus.WAITING, routeAtWake, result, null, null, null, until);
    }

    /** Cut short by the run's end (stopped, failed elsewhere, timed out). */
    public StepRow withRevocation(Instant now) {
        return with(StepStatus.REVOKED, null, output, null, null, now, null);
    }

    /** The same row in another run: a fork starts from copies of its parent's executions. */
    public StepRow copiedTo(String otherRunId) {
        return new StepRow(
                otherRunId,
                nodeId,
                attempt,
                seq,
                nodeName,
                nodeType,
                status,
                input,
                output,
                route,
                error,
                errorType,
                startedAt,
                finishedAt,
                wakeAt);
    }

    private StepRow with(
            StepStatus newStatus,
            String newRoute,
            String newOutput,
            String newError,
            String newErrorType,
            Instant finished,
            Instant wake) {
        return new StepRow(
                runId,
                nodeId,
                attempt,
                seq,
                nodeName,
                nodeType,
                newStatus,
                input,
                newOutput,
                newRoute,
                newError,
                newErrorType,
                startedAt,
                finished,
                wake);
    }
}
