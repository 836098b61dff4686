package io.orchestrator.security;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/** The stored tokens. */
@ApplicationScoped
public class ApiTokenRepository {

    @PersistenceContext(unitName = "orchestrator")
    EntityManager em;

    public Optional<ApiToken> find(String id) {
        return Optional.ofNullable(em.find(ApiToken.class, id));
    }

    /**
     * In its own transaction on purpose: outside one, Liberty keeps one persistence context for the
     * whole request, and a second look-up would return the first one's (possibly revoked) entity.
     */
    @Transactional
    public Optional<ApiToken> findByHash(String hash) {
        return em.createNamedQuery("ApiToken.byHash", ApiToken.class)
                .setParameter("hash", hash)
                .getResultStream()
                .findFirst();
    }

    public List<ApiToken> findAll(Collection<String> ids) {
        return ids.isEmpty()
                ? List.of()
                : em.createNamedQuery("ApiToken.byIds", ApiToken.class)
                        .setParameter("ids", ids)
                        .getResultList();
    }

    public List<ApiToken> all() {
        return em.createNamedQuery("ApiToken.all", ApiToken.class).getResultList();
    }

    public List<ApiToken> inWorkspace(String workspace) {
        return em.createNamedQuery("ApiToken.inWorkspace", ApiToken.class)
                .setParameter("workspace", workspace)
                .getResultList();
    }

    public void add(ApiToken token) {
        em.persist(token);
    }

    public long count() {
        return em.createNamedQuery("ApiToken.count", Long.class).getSingleResult();
    }

    public long countActiveAdmins() {
        return em.createNamedQuery("ApiToken.countActiveAdmins", Long.class)
                .setParameter("now", Instant.now())
                .getSingleResult();
    }

    /** Records use in its own short transaction, apart from the request's work. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void touch(String id, Instant now) {
        em.createNamedQuery("ApiToken.touch")
                .setParameter("now", now)
                .setParameter("id", id)
                .executeUpdate();
    }
}
