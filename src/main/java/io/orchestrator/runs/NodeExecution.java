package io.orchestrator.runs;

import io.orchestrator.engine.StepStatus;
import io.orchestrator.workflow.JsonColumns;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Lob;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;

/**
 * One attempt of one node in a run, as the engine's journal wrote it. A retried node has a row
 * per attempt; a rewound node gets further attempts after its earlier ones, so the rows of a run
 * are its whole history. Read-only here, like {@link Run}.
 */
@Entity
@Table(name = "node_execution")
@IdClass(NodeExecution.Key.class)
@NamedQuery(
        name = "NodeExecution.ofRun",
        query = "select e from NodeExecution e where e.runId = :runId order by e.seq, e.attempt")
@NamedQuery(name = "NodeExecution.finishedInRuns", query = NodeExecution.FINISHED_IN_RUNS)
@NamedQuery(
        name = "NodeExecution.finishedInRunsOfNodes",
        query = NodeExecution.FINISHED_IN_RUNS + " and e.nodeId in :nodeIds")
@NamedQuery(name = "NodeExecution.deleteOfRun", query = "delete from NodeExecution e where e.runId = :runId")
@NamedQuery(
        name = "NodeExecution.deleteOfWorkflow",
        query = "delete from NodeExecution e where e.runId in"
                + " (select r.id from Run r where r.workflowId = :workflowId)")
public class NodeExecution {

    /**
     * The executions of these runs that succeeded or failed: skipped and revoked nodes did not
     * execute. Read through the primary key's prefix (run_id), so no index serves it alone.
     */
    static final String FINISHED_IN_RUNS = "select e.nodeId, e.input, e.output, e.finishedAt from NodeExecution e"
            + " where e.runId in :runIds and e.status in (io.orchestrator.engine.StepStatus.SUCCESS,"
            + " io.orchestrator.engine.StepStatus.FAILURE)";

    /** The primary key: run, node, attempt. */
    public static class Key implements Serializable {

        private String runId;
        private String nodeId;
        private int attempt;

        protected Key() {}

        @Override
        public boolean equals(Object other) {
            return other instanceof Key key
                    && attempt == key.attempt
                    && Objects.equals(runId, key.runId)
                    && Objects.equals(nodeId, key.nodeId);
        }

        @Override
        public int hashCode() {
            return Objects.hash(runId, nodeId, attempt);
        }
    }

    @Id
    @Column(name = "run_id", length = 36)
    private String runId;

    @Id
    @Column(name = "node_id", length = 36)
    private String nodeId;

    @Id
    @Column(nullable = false)
    private int attempt;

    @Column(nullable = false)
    private int seq;

    @Column(name = "node_name", nullable = false, length = 200)
    private String nodeName;

    @Column(name = "node_type", nullable = false, length = 100)
    private String nodeType;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 16)
    private StepStatus status;

    @Lob
    @Column(length = JsonColumns.JSON_TEXT)
    private String input;

    @Lob
    @Column(length = JsonColumns.JSON_TEXT)
    private String output;

    @Column(length = 200)
    private String route;

    @Column(length = 4000)
    private String error;

    @Column(name = "error_type", length = 64)
    private String errorType;

    @Column(name = "started_at")
    private Instant startedAt;

    @Column(name = "finished_at")
    private Instant finishedAt;

    @Column(name = "wake_at")
    private Instant wakeAt;

    protected NodeExecution() {}

    public String nodeId() {
        return nodeId;
    }

    public String nodeName() {
        return nodeName;
    }

    public String nodeType() {
        return nodeType;
    }

    public int attempt() {
        return attempt;
    }

    public StepStatus status() {
        return status;
    }

    /** The route the node took (null unless it finished on one). */
    public String route() {
        return route;
    }

    public String input() {
        return input;
    }

    public String output() {
        return output;
    }

    public String error() {
        return error;
    }

    public String errorType() {
        return errorType;
    }

    public Instant startedAt() {
        return startedAt;
    }

    public Instant finishedAt() {
        return finishedAt;
    }

    /** When a waiting node is due to wake (null unless it waits). */
    public Instant wakeAt() {
        return wakeAt;
    }
}
