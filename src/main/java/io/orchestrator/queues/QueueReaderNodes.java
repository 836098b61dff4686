package io.orchestrator.queues;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.util.List;

/** The workflows that should be consuming: active ones with a queue-reader node. */
@ApplicationScoped
public class QueueReaderNodes {

    @PersistenceContext(unitName = "orchestrator")
    EntityManager em;

    @Transactional
    public List<String> activeWorkflows() {
        return em.createQuery(
                        "select distinct n.workflowId from WorkflowNode n, Workflow w"
                                + " where w.id = n.workflowId and w.active = true and n.nodeType = :type",
                        String.class)
                .setParameter("type", QueueReaderNode.KEY)
                .getResultList();
    }
}
