package io.orchestrator.blocks;

import io.orchestrator.platform.ApiException;
import io.orchestrator.platform.LikePatterns;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.TypedQuery;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Prompt blocks in their table. */
@ApplicationScoped
public class BlockRepository {

    /** One page of blocks and how many match in all. */
    record Page(List<PromptBlock> blocks, long total) {}

    @PersistenceContext(unitName = "orchestrator")
    EntityManager em;

    /** A page of the blocks the query asks for, in those workspaces (null: all). */
    Page page(BlockQuery query, Set<String> workspaces) {
        StringBuilder where = new StringBuilder(" where 1 = 1");
        Map<String, Object> parameters = new HashMap<>();
        if (workspaces != null) {
            where.append(" and b.workspace in :workspaces");
            parameters.put("workspaces", workspaces.isEmpty() ? List.of("") : workspaces);
        }
        if (query.text() != null) {
            // Hibernate refuses lower() on a large-object column; as a string it is the same text.
            where.append(" and (lower(b.title) like :text escape '!'"
                    + " or lower(cast(b.content as String)) like :text escape '!')");
            parameters.put("text", LikePatterns.containsIgnoringCase(query.text()));
        }
        if (query.tag() != null) {
            where.append(" and lower(b.tags) like :tag escape '!'");
            parameters.put("tag", "%," + LikePatterns.escape(query.tag().toLowerCase(Locale.ROOT)) + ",%");
        }
        if (query.folder() != null && !query.folder().isEmpty()) {
            where.append(" and (b.folderPath = :folder or b.folderPath like :subfolders escape '!')");
            parameters.put("folder", query.folder());
            parameters.put("subfolders", LikePatterns.escape(query.folder()) + "/%");
        }
        TypedQuery<PromptBlock> select = em.createQuery(
                "select b from PromptBlock b" + where + " order by b.folderPath, b.title, b.id", PromptBlock.class);
        TypedQuery<Long> count = em.createQuery("select count(b) from PromptBlock b" + where, Long.class);
        parameters.forEach((name, value) -> {
            select.setParameter(name, value);
            count.setParameter(name, value);
        });
        List<PromptBlock> blocks = select.setFirstResult(query.offset())
                .setMaxResults(query.limit())
                .getResultList();
        return new Page(blocks, count.getSingleResult());
    }

    PromptBlock require(String id) {
        return Optional.ofNullable(em.find(PromptBlock.class, id))
                .orElseThrow(() -> ApiException.notFound("Block", id));
    }

    boolean titleTaken(String workspace, String title, String exceptId) {
        return em.createNamedQuery("PromptBlock.titleTaken", Long.class)
                        .setParameter("workspace", workspace)
                        .setParameter("title", title)
                        .setParameter("exceptId", exceptId == null ? "" : exceptId)
                        .getSingleResult()
                > 0;
    }

    List<PromptBlock> byTitles(Collection<String> titles) {
        return em.createNamedQuery("PromptBlock.byTitles", PromptBlock.class)
                .setParameter("titles", titles)
                .getResultList();
    }

    List<PromptBlock> byTitles(String workspace, Collection<String> titles) {
        return em.createNamedQuery("PromptBlock.byTitlesIn", PromptBlock.class)
                .setParameter("workspace", workspace)
                .setParameter("titles", titles)
                .getResultList();
    }

    List<PromptBlock> byIds(Collection<String> ids) {
        return ids.isEmpty()
                ? new ArrayList<>()
                : em.createNamedQuery("PromptBlock.byIds", PromptBlock.class)
                        .setParameter("ids", ids)
                        .getResultList();
    }

    void add(PromptBlock block) {
        em.persist(block);
    }

    void remove(PromptBlock block) {
        em.remove(block);
    }

    void flush() {
        em.flush();
    }
}
