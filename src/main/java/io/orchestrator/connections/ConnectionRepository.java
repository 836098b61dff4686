package io.orchestrator.connections;

import io.orchestrator.platform.ApiException;
import io.orchestrator.platform.QueryConditions;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** The stored connections. */
@ApplicationScoped
public class ConnectionRepository {

    @PersistenceContext(unitName = "orchestrator")
    EntityManager em;

    public Optional<StoredConnection> find(String id) {
        return id == null || id.length() > 36
                ? Optional.empty()
                : Optional.ofNullable(em.find(StoredConnection.class, id));
    }

    public StoredConnection require(String id) {
        return find(id).orElseThrow(() -> ApiException.notFound("Connection", id));
    }

    public StoredConnection lock(String id) {
        StoredConnection connection = require(id);
        em.lock(connection, LockModeType.PESSIMISTIC_WRITE);
        return connection;
    }

    /** A page of the connections of that kind (null: any) in those workspaces (null: all). */
    public List<StoredConnection> page(ConnectionKind kind, Set<String> workspaces, int limit, int offset) {
        QueryConditions conditions = conditions(kind, workspaces);
        return conditions
                .bind(em.createQuery(
                        "select c from StoredConnection c" + conditions.where() + " order by c.createdAt, c.id",
                        StoredConnection.class))
                .setFirstResult(offset)
                .setMaxResults(limit)
                .getResultList();
    }

    public long count(ConnectionKind kind, Set<String> workspaces) {
        QueryConditions conditions = conditions(kind, workspaces);
        return conditions
                .bind(em.createQuery("select count(c) from StoredConnection c" + conditions.where(), Long.class))
                .getSingleResult();
    }

    private static QueryConditions conditions(ConnectionKind kind, Set<String> workspaces) {
        return new QueryConditions()
                .add("c.kind = :kind", "kind", kind)
                .addIn("c.workspace in :workspaces", "workspaces", workspaces);
    }

    public boolean nameTaken(String name, String exceptId) {
        return !em.createNamedQuery("StoredConnection.named", String.class)
                .setParameter("name", name)
                .setParameter("except", exceptId == null ? "" : exceptId)
                .setMaxResults(1)
                .getResultList()
                .isEmpty();
    }

    public void add(StoredConnection connection) {
        em.persist(connection);
    }

    public void remove(StoredConnection connection) {
        em.remove(connection);
    }

    public void flush() {
        em.flush();
    }
}
