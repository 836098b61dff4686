package io.orchestrator.artifacts;

import static io.orchestrator.platform.Jsonp.JSON;

import io.orchestrator.platform.ApiException;
import io.orchestrator.platform.ListTotal;
import io.orchestrator.platform.OrchestratorConfig;
import io.orchestrator.platform.PageCursor;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.PersistenceException;
import jakarta.persistence.TypedQuery;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * The artifacts' rows, and their files' lifetime: a file goes when the last row naming its content
 * goes (deleted, purged at its expiry, or with its run).
 */
@ApplicationScoped
@Transactional
public class ArtifactService {

    @PersistenceContext(unitName = "orchestrator")
    EntityManager em;

    @Inject
    OrchestratorConfig config;

    @Inject
    Event<ArtifactCreated> created;

    @Inject
    Event<ContentUnnamed> unnamed;

    private ArtifactFiles files;

    private static final long STORED_BYTES_REUSE_NANOS = 60_000_000_000L;

    private volatile StoredBytes storedBytes;

    private record StoredBytes(long bytes, long atNanos) {}

    @PostConstruct
    void open() {
        files = new ArtifactFiles(config.dataDirectory());
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    ArtifactFiles files() {
        return files;
    }

    /** The workflow of a stored run, if there is such a run. */
    public Optional<String> workflowOfRun(String runId) {
        List<?> found = em.createNativeQuery("SELECT workflow_id FROM run WHERE id = ?1")
                .setParameter(1, runId)
                .getResultList();
        return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0).toString());
    }

    /** Keeps stored content as an artifact of the run, for the configured retention. */
    public JsonObject keep(ArtifactOrigin origin, ArtifactDescription description, ArtifactFiles.Stored content) {
        Instant now = Instant.now();
        Duration retention = config.artifactRetention();
        Artifact artifact = new Artifact(
                UUID.randomUUID().toString(),
                origin,
                description,
                content,
                now,
                retention.isZero() ? null : now.plus(retention));
        em.persist(artifact);
        JsonObject json = ArtifactJson.of(artifact);
        created.fire(new ArtifactCreated(origin.workflowId(), origin.runId(), origin.nodeId(), json));
        return json;
    }

    /** Keeps stored contents as artifacts, in one transaction. */
    public void keepAll(List<Kept> made) {
        made.forEach(one -> keep(one.origin(), one.description(), one.content()));
    }

    /** One content to keep as an artifact, and whose it is. */
    public record Kept(ArtifactOrigin origin, ArtifactDescription description, ArtifactFiles.Stored content) {}

    /**
     * The sizes of every artifact kept, summed at most once a minute: a sum reads every row, and
     * Prometheus asks every few seconds. Null when the database did not answer.
     */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Long storedBytesRecently() {
        StoredBytes counted = storedBytes;
        if (counted != null && System.nanoTime() - counted.atNanos() < STORED_BYTES_REUSE_NANOS) {
            return counted.bytes();
        }
        try {
            Number sum = em.createQuery("select coalesce(sum(a.size), 0) from Artifact a", Number.class)
                    .getSingleResult();
            storedBytes = new StoredBytes(sum.longValue(), System.nanoTime());
            return sum.longValue();
        } catch (PersistenceException unreachable) {
            return null;
        }
    }

    /** {@code {artifacts, total_count, total_count_exact, has_more, next_cursor}}: one page, newest first. */
    public JsonObject list(ArtifactQuery query) {
        Map<String, Object> filters = new LinkedHashMap<>();
        if (query.runId() != null) {
            filters.put("runId", query.runId());
        }
        if (query.nodeId() != null) {
            filters.put("nodeId", query.nodeId());
        }
        if (query.artifactType() != null) {
            filters.put("artifactType", query.artifactType());
        }
        // An artifact past its retention is gone for clients from then on, purged or not yet.
        String where = " where (a.expiresAt is null or a.expiresAt > :now)"
                + filters.keySet().stream()
                        .map(name -> " and a." + name + " = :" + name)
                        .reduce("", String::concat);
        if (query.workspaces() != null) {
            where += " and a.workflowId in (select w.id from Workflow w where w.workspace in :workspaces)";
            filters.put("workspaces", query.workspaces().isEmpty() ? List.of("") : query.workspaces());
        }
        filters.put("now", Instant.now());
        Map<String, Object> pageFilters = new LinkedHashMap<>(filters);
        String pageWhere = where;
        if (query.after() != null) {
            pageWhere += " and (a.createdAt < :cursorAt or (a.createdAt = :cursorAt and a.id < :cursorId))";
            pageFilters.put("cursorAt", query.after().createdAt());
            pageFilters.put("cursorId", query.after().id());
        }
        TypedQuery<Artifact> page = em.createQuery(
                        "select a from Artifact a" + pageWhere + " order by a.createdAt desc, a.id desc",
                        Artifact.class)
                .setFirstResult(query.offset())
                .setMaxResults(query.limit() + 1); // one more: whether another page follows
        pageFilters.forEach(page::setParameter);
        TypedQuery<Long> count = em.createQuery(ListTotal.countQuery("Artifact", "a", where), Long.class);
        filters.forEach(count::setParameter);
        List<Artifact> fetched = page.getResultList();
        boolean more = fetched.size() > query.limit();
        List<Artifact> artifacts = more ? fetched.subList(0, query.limit()) : fetched;
        JsonArrayBuilder list = JSON.createArrayBuilder();
        artifacts.forEach(artifact -> list.add(ArtifactJson.of(artifact)));
        Artifact last = artifacts.isEmpty() ? null : artifacts.get(artifacts.size() - 1);
        return new ListTotal(count.getSingleResult())
                .addTo(JSON.createObjectBuilder().add("artifacts", list))
                .add("has_more", more)
                .add(
                        "next_cursor",
                        PageCursor.next(more, last == null ? null : last.createdAt(), last == null ? null : last.id()))
                .build();
    }

    public Artifact require(String id) {
        Artifact artifact = em.find(Artifact.class, id);
        if (artifact == null
                || artifact.expiresAt() != null && !artifact.expiresAt().isAfter(Instant.now())) {
            throw ApiException.notFound("Artifact", id);
        }
        return artifact;
    }

    public JsonObject detail(String id) {
        return ArtifactJson.of(require(id));
    }

    /** Deletes the artifact, and its file unless another artifact has the same content; 404 when unknown. */
    public void delete(String id) {
        Artifact artifact = em.find(Artifact.class, id);
        if (artifact == null) {
            throw ApiException.notFound("Artifact", id);
        }
        remove(List.of(artifact));
    }

    /** Deletes every artifact of a run (the run is being deleted). */
    public void deleteOfRun(String runId) {
        remove(em.createNamedQuery("Artifact.ofRun", Artifact.class)
                .setParameter("runId", runId)
                .getResultList());
    }

    /** Deletes every artifact of a workflow's runs (the workflow is being deleted). */
    public void deleteOfWorkflow(String workflowId) {
        remove(em.createNamedQuery("Artifact.ofWorkflow", Artifact.class)
                .setParameter("workflowId", workflowId)
                .getResultList());
    }

    /** Deletes up to {@code max} artifacts whose retention has passed; returns how many. */
    public int purgeExpired(Instant now, int max) {
        List<Artifact> expired = em.createNamedQuery("Artifact.expired", Artifact.class)
                .setParameter("now", now)
                .setMaxResults(max)
                .getResultList();
        remove(expired);
        return expired.size();
    }

    /** Removes content that no artifact names (an upload refused after its file was stored). */
    public void forgetUnused(ArtifactFiles.Stored content) {
        if (stillNamed(content.sha256()) == 0) {
            unnamed.fire(new ContentUnnamed(Set.of(content.sha256())));
        }
    }

    /**
     * Deletes the rows, then asks for the files of the contents no row names any more: each content
     * is counted once, and its file goes only once the deletion has committed (a rollback keeps both).
     */
    private void remove(List<Artifact> artifacts) {
        if (artifacts.isEmpty()) {
            return;
        }
        artifacts.forEach(em::remove);
        em.flush();
        Set<String> unnamedContents = artifacts.stream()
                .map(Artifact::sha256)
                .distinct()
                .filter(sha256 -> stillNamed(sha256) == 0)
                .collect(Collectors.toSet());
        if (!unnamedContents.isEmpty()) {
            unnamed.fire(new ContentUnnamed(unnamedContents));
        }
    }

    private long stillNamed(String sha256) {
        return em.createNamedQuery("Artifact.countOfContent", Long.class)
                .setParameter("sha256", sha256)
                .getSingleResult();
    }
}
