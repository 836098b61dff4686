package io.orchestrator.runs;

import io.orchestrator.platform.ListTotal;
import io.orchestrator.workflow.LastExecution;
import io.orchestrator.workflow.RunHistory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.TypedQuery;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/** Runs with their node executions: the one aggregate of this package, read and deleted, never written. */
@ApplicationScoped
public class RunRepository implements RunHistory {

    @PersistenceContext(unitName = "orchestrator")
    EntityManager em;

    public Optional<Run> find(String runId) {
        return Optional.ofNullable(em.find(Run.class, runId));
    }

    /** One page of runs, newest first, without their input and output, and the first run after it if any. */
    public List<RunSummary> pageAndOneMore(RunQuery query) {
        TypedQuery<RunSummary> select = em.createQuery(
                RunSummary.SELECT + where(query) + " order by r.createdAt desc, r.id desc", RunSummary.class);
        return bind(select, query)
                .setFirstResult(query.offset())
                .setMaxResults(query.limit() + 1)
                .getResultList();
    }

    /** How many runs the filters match, wherever the page is (a cursor does not narrow the count), up to a limit. */
    public ListTotal count(RunQuery query) {
        RunQuery all = new RunQuery(
                query.workflowId(),
                query.statuses(),
                query.since(),
                query.until(),
                null,
                query.limit(),
                0,
                query.workspaces());
        return new ListTotal(bind(em.createQuery(ListTotal.countQuery("Run", "r", where(all)), Long.class), all)
                .getSingleResult());
    }

    /** Every attempt of every node of the run, in the order they began. */
    public List<NodeExecution> nodeExecutions(String runId) {
        return em.createNamedQuery("NodeExecution.ofRun", NodeExecution.class)
                .setParameter("runId", runId)
                .getResultList();
    }

    @Override
    public List<LastExecution> recentExecutions(String workflowId) {
        List<String> runIds = recentRunIds(workflowId);
        return runIds.isEmpty()
                ? List.of()
                : em.createNamedQuery("NodeExecution.finishedInRuns", LastExecution.class)
                        .setParameter("runIds", runIds)
                        .getResultList();
    }

    @Override
    public List<LastExecution> recentExecutions(String workflowId, Collection<String> nodeIds) {
        List<String> runIds = nodeIds.isEmpty() ? List.of() : recentRunIds(workflowId);
        return runIds.isEmpty()
                ? List.of()
                : em.createNamedQuery("NodeExecution.finishedInRunsOfNodes", LastExecution.class)
                        .setParameter("runIds", runIds)
                        .setParameter("nodeIds", nodeIds)
                        .getResultList();
    }

    private List<String> recentRunIds(String workflowId) {
        return em.createNamedQuery("Run.idsOfWorkflowNewestFirst", String.class)
                .setParameter("workflowId", workflowId)
                .setMaxResults(RECENT_RUNS)
                .getResultList();
    }

    public List<String> idsUnderWayOfWorkflow(String workflowId) {
        return em.createNamedQuery("Run.idsUnderWayOfWorkflow", String.class)
                .setParameter("workflowId", workflowId)
                .getResultList();
    }

    /** Deletes a run and its node executions; false when there was no such run. */
    public boolean delete(String runId) {
        em.createNamedQuery("NodeExecution.deleteOfRun")
                .setParameter("runId", runId)
                .executeUpdate();
        em.createNamedQuery("LlmResponse.deleteOfRun")
                .setParameter("runId", runId)
                .executeUpdate();
        return em.createNamedQuery("Run.delete").setParameter("runId", runId).executeUpdate() == 1;
    }

    /** Deletes every run of a workflow with their node executions, and the graphs they ran. */
    public void deleteAllOfWorkflow(String workflowId) {
        em.createNamedQuery("NodeExecution.deleteOfWorkflow")
                .setParameter("workflowId", workflowId)
                .executeUpdate();
        em.createNamedQuery("LlmResponse.deleteOfWorkflow")
                .setParameter("workflowId", workflowId)
                .executeUpdate();
        em.createNamedQuery("Run.deleteOfWorkflow")
                .setParameter("workflowId", workflowId)
                .executeUpdate();
        // The snapshots are the engine's table, written with JDBC and mapped by no entity.
        em.createNativeQuery("DELETE FROM workflow_snapshot WHERE workflow_id = ?1")
                .setParameter(1, workflowId)
                .executeUpdate();
    }

    /**
     * The filters as JPQL: only those given, so that each combination has a plain statement the
     * database can serve from its index ({@code workflow_id, created_at} or {@code created_at}).
     */
    private static String where(RunQuery query) {
        List<String> conditions = new java.util.ArrayList<>();
        if (query.workflowId() != null) {
            conditions.add("r.workflowId = :workflowId");
        }
        if (!query.statuses().isEmpty()) {
            conditions.add("r.status in :statuses");
        }
        if (query.since() != null) {
            conditions.add("r.createdAt >= :since");
        }
        if (query.until() != null) {
            conditions.add("r.createdAt < :until");
        }
        if (query.workspaces() != null) {
            conditions.add("r.workflowId in (select w.id from Workflow w where w.workspace in :workspaces)");
        }
        if (query.after() != null) {
            conditions.add("(r.createdAt < :cursorAt or (r.createdAt = :cursorAt and r.id < :cursorId))");
        }
        return conditions.isEmpty() ? "" : " where " + String.join(" and ", conditions);
    }

    private static <T> TypedQuery<T> bind(TypedQuery<T> select, RunQuery query) {
        if (query.workflowId() != null) {
            select.setParameter("workflowId", query.workflowId());
        }
        if (!query.statuses().isEmpty()) {
            select.setParameter("statuses", List.copyOf(query.statuses()));
        }
        if (query.since() != null) {
            select.setParameter("since", query.since());
        }
        if (query.until() != null) {
            select.setParameter("until", query.until());
        }
        if (query.workspaces() != null) {
            select.setParameter("workspaces", query.workspaces().isEmpty() ? List.of("") : query.workspaces());
        }
        if (query.after() != null) {
            select.setParameter("cursorAt", query.after().createdAt());
            select.setParameter("cursorId", query.after().id());
        }
        return select;
    }
}
