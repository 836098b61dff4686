package io.orchestrator.runs;

import io.orchestrator.engine.RunStatus;
import io.orchestrator.workflow.JsonColumns;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Lob;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * One execution of a workflow (the API's task), as the engine's journal wrote it. Read-only here:
 * the engine writes these rows with plain JDBC while the run is under way, so this class has no
 * method that changes one.
 */
@Entity
@Table(name = "run")
@NamedQuery(
        name = "Run.idsUnderWayOfWorkflow",
        query = "select r.id from Run r where r.workflowId = :workflowId"
                + " and r.status in (io.orchestrator.engine.RunStatus.PENDING, io.orchestrator.engine.RunStatus.STARTED,"
                + " io.orchestrator.engine.RunStatus.WAITING, io.orchestrator.engine.RunStatus.PAUSED)")
@NamedQuery(
        name = "Run.idsOfWorkflowNewestFirst",
        query = "select r.id from Run r where r.workflowId = :workflowId order by r.createdAt desc")
@NamedQuery(name = "Run.delete", query = "delete from Run r where r.id = :runId")
@NamedQuery(name = "Run.deleteOfWorkflow", query = "delete from Run r where r.workflowId = :workflowId")
public class Run {

    @Id
    @Column(length = 36)
    private String id;

    @Column(name = "workflow_id", nullable = false, length = 36)
    private String workflowId;

    @Column(name = "workflow_version", nullable = false)
    private long workflowVersion;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 16)
    private RunStatus status;

    @Column(name = "trigger_type", nullable = false, length = 32)
    private String triggerType;

    @Lob
    @Column(length = JsonColumns.JSON_TEXT)
    private String input;

    @Lob
    @Column(length = JsonColumns.JSON_TEXT)
    private String output;

    @Column(length = 4000)
    private String error;

    @Column(name = "session_id", length = 64)
    private String sessionId;

    @Column(name = "parent_run_id", length = 36)
    private String parentRunId;

    @Column(name = "start_node_id", length = 36)
    private String startNodeId;

    @Column(name = "from_node_id", length = 36)
    private String fromNodeId;

    @Column(length = 200)
    private String owner;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "started_at")
    private Instant startedAt;

    @Column(name = "finished_at")
    private Instant finishedAt;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    protected Run() {}

    /** Everything but the input and output, which may be large: what a list of runs shows. */
    public RunSummary summary() {
        return new RunSummary(
                id,
                workflowId,
                workflowVersion,
                status,
                triggerType,
                error,
                sessionId,
                parentRunId,
                fromNodeId,
                createdAt,
                startedAt,
                finishedAt);
    }

    public String id() {
        return id;
    }

    public RunStatus status() {
        return status;
    }

    /** The trigger's input as JSON text (null when there was none). */
    public String input() {
        return input;
    }

    /** The run's result as JSON text (null until it succeeded). */
    public String output() {
        return output;
    }
}
