package io.orchestrator.connections;

import io.orchestrator.platform.ApiException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.TypedQuery;
import java.util.List;
import java.util.Optional;

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

    public List<StoredConnection> page(ConnectionKind kind, int limit, int offset) {
        TypedQuery<StoredConnection> query = kind == null
                ? em.createNamedQuery("StoredConnection.page", StoredConnection.class)
                : em.createNamedQuery("StoredConnection.pageOfKind", StoredConnection.class)
                        .setParameter("kind", kind);
        return query.setFirstResult(offset).setMaxResults(limit).getResultList();
    }

    public long count(ConnectionKind kind) {
        return kind == null
                ? em.createNamedQuery("StoredConnection.count", Long.class).getSingleResult()
                : em.createNamedQuery("StoredConnection.countOfKind", Long.class)
                        .setParameter("kind", kind)
                        .getSingleResult();
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
