package io.orchestrator.workflow;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Lob;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * A node on a workflow's canvas: its type, its unique name (expressions refer to it), its position,
 * its form values and run settings, and the input and output of its last execution in development
 * mode (a run's stay in the run history: {@link LastExecutions} picks the later), and the output
 * pinned on it, if any. JSON documents are kept as text.
 */
@Entity
@Table(name = "workflow_node")
@NamedQuery(
        name = "WorkflowNode.ofWorkflow",
        query = "select n from WorkflowNode n where n.workflowId = :workflowId order by n.createdAt, n.id")
@NamedQuery(
        name = "WorkflowNode.outlinesOfWorkflow",
        query = "select n.id, n.name, n.nodeType, n.formValues"
                + " from WorkflowNode n where n.workflowId = :workflowId order by n.createdAt, n.id")
@NamedQuery(name = "WorkflowNode.existingIds", query = "select n.id from WorkflowNode n where n.id in :ids")
@NamedQuery(
        name = "WorkflowNode.nameTaken",
        query = "select count(n) from WorkflowNode n"
                + " where n.workflowId = :workflowId and n.name = :name and n.id <> :exceptId")
@NamedQuery(
        name = "WorkflowNode.namesLike",
        query = "select n.name from WorkflowNode n where n.workflowId = :workflowId and n.name like :prefix escape '!'")
@NamedQuery(
        name = "WorkflowNode.move",
        query = "update WorkflowNode n set n.positionX = :x, n.positionY = :y, n.updatedAt = :now"
                + " where n.id = :id and n.workflowId = :workflowId")
public class WorkflowNode {

    @Id
    @Column(length = 36)
    private String id;

    @Column(name = "workflow_id", nullable = false, length = 36)
    private String workflowId;

    @Column(name = "node_type", nullable = false, length = 100)
    private String nodeType;

    @Column(nullable = false, length = 200)
    private String name;

    @Column(name = "position_x", nullable = false)
    private double positionX;

    @Column(name = "position_y", nullable = false)
    private double positionY;

    @Lob
    @Column(name = "form_values", nullable = false, length = JsonColumns.JSON_TEXT)
    private String formValues;

    @Column(nullable = false)
    private boolean disabled;

    @Column(name = "retry_max_attempts", nullable = false)
    private int retryMaxAttempts;

    @Column(name = "retry_delay_ms", nullable = false)
    private long retryDelayMs;

    @Column(name = "retry_backoff", nullable = false)
    private double retryBackoff;

    @Column(name = "timeout_ms")
    private Long timeoutMs;

    @Lob
    @Column(name = "input_data", length = JsonColumns.JSON_TEXT)
    private String inputData;

    @Lob
    @Column(name = "output_data", length = JsonColumns.JSON_TEXT)
    private String outputData;

    @Column(name = "executed_at")
    private Instant executedAt;

    @Lob
    @Column(name = "pinned_output", length = JsonColumns.JSON_TEXT)
    private String pinnedOutput;

    @Column(name = "pinned_route", length = 100)
    private String pinnedRoute;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    protected WorkflowNode() {}

    public WorkflowNode(
            String id,
            String workflowId,
            String nodeType,
            String name,
            Position position,
            String formValues,
            NodeSettings settings) {
        this.id = id;
        this.workflowId = workflowId;
        this.nodeType = nodeType;
        this.name = name;
        this.positionX = position.x();
        this.positionY = position.y();
        this.formValues = formValues;
        this.createdAt = Instant.now();
        this.updatedAt = createdAt;
        apply(settings);
    }

    public void rename(String newName) {
        this.name = newName;
        touch();
    }

    public void moveTo(Position position) {
        this.positionX = position.x();
        this.positionY = position.y();
        touch();
    }

    public void replaceFormValues(String json) {
        this.formValues = json;
        touch();
    }

    public void apply(NodeSettings settings) {
        this.disabled = settings.disabled();
        this.retryMaxAttempts = settings.maxAttempts();
        this.retryDelayMs = settings.retryDelayMs();
        this.retryBackoff = settings.backoffMultiplier();
        this.timeoutMs = settings.timeoutMs();
        touch();
    }

    private void touch() {
        this.updatedAt = Instant.now();
    }

    public String id() {
        return id;
    }

    public String workflowId() {
        return workflowId;
    }

    public String nodeType() {
        return nodeType;
    }

    public String name() {
        return name;
    }

    public Position position() {
        return new Position(positionX, positionY);
    }

    public String formValues() {
        return formValues;
    }

    public NodeSettings settings() {
        return new NodeSettings(disabled, retryMaxAttempts, retryDelayMs, retryBackoff, timeoutMs);
    }

    /** The node's last execution in development mode, or null when it has none. */
    public LastExecution developmentExecution() {
        return inputData == null && outputData == null && executedAt == null
                ? null
                : new LastExecution(id, inputData, outputData, executedAt);
    }

    /** Keeps what the node's execution in development mode saw and produced, and when. */
    public void recordExecution(String input, String output) {
        this.inputData = input;
        this.outputData = output;
        this.executedAt = Instant.now();
        touch();
    }

    /** The output and route pinned on the node, or null when it is not pinned. */
    public PinnedOutput pin() {
        return pinnedOutput == null ? null : new PinnedOutput(pinnedOutput, pinnedRoute);
    }

    /** Pins an output (JSON text) and its route; null unpins. */
    public void pin(PinnedOutput pin) {
        this.pinnedOutput = pin == null ? null : pin.output();
        this.pinnedRoute = pin == null ? null : pin.route();
        touch();
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Instant updatedAt() {
        return updatedAt;
    }
}
