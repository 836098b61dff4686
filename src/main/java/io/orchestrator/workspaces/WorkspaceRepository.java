package io.orchestrator.workspaces;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/** The stored workspaces, and what a workspace holds (which decides whether it may be deleted). */
@ApplicationScoped
public class WorkspaceRepository {

    @PersistenceContext(unitName = "orchestrator")
    EntityManager em;

    public Optional<Workspace> find(String name) {
        return name == null || name.length() > 64
                ? Optional.empty()
                : Optional.ofNullable(em.find(Workspace.class, name));
    }

    public List<Workspace> all() {
        return em.createNamedQuery("Workspace.all", Workspace.class).getResultList();
    }

    public List<Workspace> named(Collection<String> names) {
        return names.isEmpty()
                ? List.of()
                : em.createNamedQuery("Workspace.named", Workspace.class)
                        .setParameter("names", names)
                        .getResultList();
    }

    public void add(Workspace workspace) {
        em.persist(workspace);
    }

    public void remove(Workspace workspace) {
        em.remove(workspace);
    }

    /** Workflows, connections and prompt blocks in the workspace: a workspace holding any is not deleted. */
    public long contents(String name) {
        Number count = (Number) em.createNativeQuery("SELECT (SELECT COUNT(*) FROM workflow WHERE workspace = ?1)"
                        + " + (SELECT COUNT(*) FROM service_connection WHERE workspace = ?1)"
                        + " + (SELECT COUNT(*) FROM prompt_block WHERE workspace = ?1)")
                .setParameter(1, name)
                .getSingleResult();
        return count.longValue();
    }
}
