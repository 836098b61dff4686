package io.orchestrator.connections;

import io.orchestrator.platform.JsonText;
import io.orchestrator.security.Secrets;
import io.orchestrator.workspaces.WorkspaceOf;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import jakarta.json.JsonArray;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The connections as the nodes use them: read from the database, the secret opened, and kept for a
 * few seconds. An llm node asks for each of its models' connections at every execution, and the
 * read (a transaction, a query, the secret's AES-GCM, four JSON texts parsed) was a good part of
 * what a cache hit cost. A change made through this server is seen at once (the entry is forgotten
 * when its transaction ends); one made by another server of a cluster within {@link #KEPT}.
 */
@ApplicationScoped
public class StoredConnections implements ConnectionLookup {

    static final Duration KEPT = Duration.ofSeconds(5);

    /** Enough for every connection a server uses; past it, reads are not kept. */
    private static final int MAX_KEPT = 1_000;

    private record Kept(Optional<ConnectionSettings> settings, long readAtNanos) {}

    private final ConcurrentMap<String, Kept> kept = new ConcurrentHashMap<>();
    /** Counts the changes seen: a read that a change overtook is not kept (it may be the old one). */
    private final AtomicLong changes = new AtomicLong();

    @Inject
    ConnectionRepository connections;

    @Inject
    Secrets secrets;

    @Inject
    WorkspaceOf workspaceOf;

    @Inject
    StoredConnections self;

    @Override
    public Optional<ConnectionSettings> find(String connectionId) {
        long now = System.nanoTime();
        Kept known = connectionId == null ? null : kept.get(connectionId);
        if (known != null && now - known.readAtNanos() < KEPT.toNanos()) {
            return known.settings();
        }
        long changesBefore = changes.get();
        Optional<ConnectionSettings> read = self.read(connectionId);
        if (connectionId != null
                && changes.get() == changesBefore
                && (kept.size() < MAX_KEPT || kept.containsKey(connectionId))) {
            kept.put(connectionId, new Kept(read, now));
        }
        return read;
    }

    @Override
    public Optional<ConnectionSettings> findFor(String workflowId, String connectionId) {
        Optional<String> workspace = workspaceOf.workflow(workflowId);
        return find(connectionId)
                .filter(connection -> workspace.isPresent() && workspace.get().equals(connection.workspace()));
    }

    /** Through the proxy ({@link #self}), for the transaction. */
    @Transactional
    Optional<ConnectionSettings> read(String connectionId) {
        return connections.find(connectionId).map(this::settings);
    }

    void forget(@Observes(during = TransactionPhase.AFTER_COMPLETION) ConnectionChanged change) {
        changes.incrementAndGet();
        kept.remove(change.id());
    }

    private ConnectionSettings settings(StoredConnection connection) {
        return new ConnectionSettings(
                connection.id(),
                connection.name(),
                connection.kind(),
                connection.baseUrl(),
                connection.sealedSecret() == null ? null : secrets.open(connection.sealedSecret()),
                JsonText.parseObject(connection.headers()),
                (JsonArray) JsonText.parse(connection.models()),
                JsonText.parseObject(connection.prices()),
                JsonText.parseObject(connection.defaults()),
                connection.workspace());
    }
}
