package io.orchestrator.workflow;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** An edge from a route (source handle) of one node to another node. */
@Entity
@Table(name = "workflow_edge")
@NamedQuery(
        name = "WorkflowEdge.graphOfWorkflow",
        query = "select e.id, e.sourceNodeId, e.sourceHandle, e.targetNodeId,"
                + " e.targetHandle from WorkflowEdge e where e.workflowId = :workflowId order by e.createdAt, e.id")
@NamedQuery(
        name = "WorkflowEdge.touching",
        query = "select e from WorkflowEdge e" + " where e.sourceNodeId = :nodeId or e.targetNodeId = :nodeId")
@NamedQuery(
        name = "WorkflowEdge.into",
        query = "select e from WorkflowEdge e where e.targetNodeId = :nodeId" + " order by e.createdAt, e.id")
public class WorkflowEdge {

    @Id
    @Column(length = 36)
    private String id;

    @Column(name = "workflow_id", nullable = false, length = 36)
    private String workflowId;

    @Column(name = "source_node_id", nullable = false, length = 36)
    private String sourceNodeId;

    @Column(name = "source_handle", nullable = false, length = 100)
    private String sourceHandle;

    @Column(name = "target_node_id", nullable = false, length = 36)
    private String targetNodeId;

    @Column(name = "target_handle", nullable = false, length = 100)
    private String targetHandle;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    protected WorkflowEdge() {}

    public WorkflowEdge(String workflowId, WorkflowGraph.Edge edge) {
        this.id = edge.id() != null ? edge.id() : UUID.randomUUID().toString();
        this.workflowId = workflowId;
        this.sourceNodeId = edge.source();
        this.sourceHandle = edge.sourceHandle();
        this.targetNodeId = edge.target();
        this.targetHandle = edge.targetHandle();
        this.createdAt = Instant.now();
    }

    public WorkflowGraph.Edge toGraphEdge() {
        return new WorkflowGraph.Edge(id, sourceNodeId, sourceHandle, targetNodeId, targetHandle);
    }

    public String id() {
        return id;
    }

    public String workflowId() {
        return workflowId;
    }

    public String sourceNodeId() {
        return sourceNodeId;
    }

    public String sourceHandle() {
        return sourceHandle;
    }

    public String targetNodeId() {
        return targetNodeId;
    }

    public String targetHandle() {
        return targetHandle;
    }
}
