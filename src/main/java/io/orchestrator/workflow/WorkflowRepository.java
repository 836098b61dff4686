package io.orchestrator.workflow;

import io.orchestrator.platform.ApiException;
import io.orchestrator.platform.LikePatterns;
import io.orchestrator.platform.QueryConditions;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Workflows with their nodes and edges: the one aggregate, stored in three tables. */
@ApplicationScoped
public class WorkflowRepository {

    /** What the graph rules need of a node: no run data, which may be large, and no managed entity. */
    public record NodeOutline(String id, String name, String nodeType, String formValues) {}

    @PersistenceContext(unitName = "orchestrator")
    EntityManager em;

    public Workflow require(String id) {
        return Optional.ofNullable(em.find(Workflow.class, id)).orElseThrow(() -> notFound(id));
    }

    public boolean exists(String id) {
        return em.find(Workflow.class, id) != null;
    }

    /** The workflow, locked until the transaction ends: graph changes to one workflow happen one at a time. */
    public Workflow lock(String id) {
        return Optional.ofNullable(em.find(Workflow.class, id, LockModeType.PESSIMISTIC_WRITE))
                .orElseThrow(() -> notFound(id));
    }

    /** Which workflows a list shows: a name containing {@code search} (or any), in those workspaces (null: all). */
    public record Filter(String search, Set<String> workspaces) {

        QueryConditions conditions() {
            return new QueryConditions()
                    .add(
                            "lower(w.name) like :pattern escape '!'",
                            "pattern",
                            search == null ? null : likePattern(search))
                    .addIn("w.workspace in :workspaces", "workspaces", workspaces);
        }
    }

    public List<Workflow> page(Filter filter, int limit, int offset) {
        QueryConditions conditions = filter.conditions();
        return conditions
                .bind(em.createQuery(
                        "select w from Workflow w" + conditions.where() + " order by w.createdAt desc, w.id",
                        Workflow.class))
                .setFirstResult(offset)
                .setMaxResults(limit)
                .getResultList();
    }

    public long count(Filter filter) {
        QueryConditions conditions = filter.conditions();
        return conditions
                .bind(em.createQuery("select count(w) from Workflow w" + conditions.where(), Long.class))
                .getSingleResult();
    }

    public void add(Workflow workflow) {
        em.persist(workflow);
    }

    public void remove(Workflow workflow) {
        em.remove(workflow);
    }

    public List<WorkflowNode> nodes(String workflowId) {
        return em.createNamedQuery("WorkflowNode.ofWorkflow", WorkflowNode.class)
                .setParameter("workflowId", workflowId)
                .getResultList();
    }

    public List<NodeOutline> nodeOutlines(String workflowId) {
        return em.createNamedQuery("WorkflowNode.outlinesOfWorkflow", NodeOutline.class)
                .setParameter("workflowId", workflowId)
                .getResultList();
    }

    /**
     * A workflow's edges as plain values: the canvas and the graph rules only read them, and
     * tracking 1,500 managed entities cost more than reading the rows. Hibernate builds the record
     * from the selected columns through its canonical constructor.
     */
    public List<WorkflowGraph.Edge> edges(String workflowId) {
        return em.createNamedQuery("WorkflowEdge.graphOfWorkflow", WorkflowGraph.Edge.class)
                .setParameter("workflowId", workflowId)
                .getResultList();
    }

    public WorkflowNode requireNode(String workflowId, String nodeId) {
        WorkflowNode node = em.find(WorkflowNode.class, nodeId);
        if (node == null || !node.workflowId().equals(workflowId)) {
            throw ApiException.notFound("Node", nodeId);
        }
        return node;
    }

    public WorkflowEdge requireEdge(String workflowId, String edgeId) {
        WorkflowEdge edge = em.find(WorkflowEdge.class, edgeId);
        if (edge == null || !edge.workflowId().equals(workflowId)) {
            throw ApiException.notFound("Edge", edgeId);
        }
        return edge;
    }

    /** Which of these node ids exist, in any workflow: one query for a whole canvas. */
    public Set<String> existingNodeIds(Collection<String> nodeIds) {
        if (nodeIds.isEmpty()) {
            return Set.of();
        }
        return new HashSet<>(em.createNamedQuery("WorkflowNode.existingIds", String.class)
                .setParameter("ids", nodeIds)
                .getResultList());
    }

    public boolean nameTaken(String workflowId, String name, String exceptNodeId) {
        return em.createNamedQuery("WorkflowNode.nameTaken", Long.class)
                        .setParameter("workflowId", workflowId)
                        .setParameter("name", name)
                        .setParameter("exceptId", exceptNodeId == null ? "" : exceptNodeId)
                        .getSingleResult()
                > 0;
    }

    public List<String> namesStartingWith(String workflowId, String prefix) {
        return em.createNamedQuery("WorkflowNode.namesLike", String.class)
                .setParameter("workflowId", workflowId)
                .setParameter("prefix", LikePatterns.escape(prefix) + "%")
                .getResultList();
    }

    /** Moves a node without loading it: the canvas sends many of these while a node is dragged. */
    public boolean move(String workflowId, String nodeId, Position position) {
        return em.createNamedQuery("WorkflowNode.move")
                        .setParameter("x", position.x())
                        .setParameter("y", position.y())
                        .setParameter("now", Instant.now())
                        .setParameter("id", nodeId)
                        .setParameter("workflowId", workflowId)
                        .executeUpdate()
                == 1;
    }

    public void add(WorkflowNode node) {
        em.persist(node);
    }

    public void add(WorkflowEdge edge) {
        em.persist(edge);
    }

    public void remove(WorkflowNode node) {
        em.remove(node);
    }

    public void remove(WorkflowEdge edge) {
        em.remove(edge);
    }

    public List<WorkflowEdge> edgesTouching(String nodeId) {
        return em.createNamedQuery("WorkflowEdge.touching", WorkflowEdge.class)
                .setParameter("nodeId", nodeId)
                .getResultList();
    }

    public List<WorkflowEdge> edgesInto(String nodeId) {
        return em.createNamedQuery("WorkflowEdge.into", WorkflowEdge.class)
                .setParameter("nodeId", nodeId)
                .getResultList();
    }

    /** Writes pending changes now, so that a following bulk statement or constraint sees them. */
    public void flush() {
        em.flush();
    }

    private static ApiException notFound(String id) {
        return ApiException.notFound("Workflow", id);
    }

    private static String likePattern(String search) {
        return LikePatterns.containsIgnoringCase(search);
    }
}
