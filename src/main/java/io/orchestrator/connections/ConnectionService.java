package io.orchestrator.connections;

import static io.orchestrator.platform.Jsonp.JSON;

import io.orchestrator.connections.ConnectionDraft.SecretChange;
import io.orchestrator.platform.ApiException;
import io.orchestrator.platform.FieldErrors;
import io.orchestrator.platform.JsonMergePatch;
import io.orchestrator.security.Secrets;
import io.orchestrator.security.WorkspaceRole;
import io.orchestrator.workspaces.WorkspaceAccess;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.Transactional;
import java.util.Set;

/**
 * Creating, reading, changing and deleting connections. Deleting one that nodes still name is
 * allowed: those nodes fail at their next run with a message saying the connection is gone, as
 * they would if it had never existed, and a person can point them at another one.
 */
@ApplicationScoped
@Transactional
public class ConnectionService {

    /** One page of connections and how many there are in all. */
    public record Page(JsonArrayBuilder connections, long total) {}

    @Inject
    ConnectionRepository connections;

    @Inject
    Secrets secrets;

    @Inject
    Event<ConnectionChanged> changed;

    @Inject
    WorkspaceAccess access;

    /** The connections of the caller's workspaces. */
    public Page list(ConnectionKind kind, int limit, int offset) {
        Set<String> visible = access.visible().orElse(null);
        JsonArrayBuilder list = JSON.createArrayBuilder();
        connections.page(kind, visible, limit, offset).forEach(connection -> list.add(ConnectionJson.of(connection)));
        return new Page(list, connections.count(kind, visible));
    }

    public JsonObject get(String id) {
        return ConnectionJson.of(connections.require(id));
    }

    public JsonObject create(JsonObject document) {
        ConnectionDraft draft = ConnectionRequest.read(document, false);
        access.requireIn(WorkspaceRole.OWNER, draft.workspace());
        refuseTakenName(draft.name(), null);
        StoredConnection connection = new StoredConnection(draft, sealed(draft.secret(), null));
        connections.add(connection);
        flush(draft.name());
        return ConnectionJson.of(connection);
    }

    /** A PATCH merges the body over the connection as answered; a PUT replaces it all. */
    public JsonObject update(String id, JsonObject body, boolean partial) {
        StoredConnection connection = connections.lock(id);
        JsonObject document = partial ? JsonMergePatch.apply(ConnectionJson.of(connection), body) : body;
        if (!document.containsKey("workspace")) {
            document = JSON.createObjectBuilder(document)
                    .add("workspace", connection.workspace())
                    .build();
        }
        ConnectionDraft draft = ConnectionRequest.read(document, connection.sealedSecret() != null);
        if (!draft.workspace().equals(connection.workspace())) {
            throw ApiException.validation(
                    "A connection stays in its workspace",
                    new FieldErrors()
                            .add(
                                    "workspace",
                                    "A connection stays in the workspace it was made in; create another one there."));
        }
        refuseTakenName(draft.name(), id);
        connection.apply(draft, sealed(draft.secret(), connection.sealedSecret()));
        flush(draft.name());
        changed.fire(new ConnectionChanged(id));
        return ConnectionJson.of(connection);
    }

    public void delete(String id) {
        connections.remove(connections.lock(id));
        changed.fire(new ConnectionChanged(id));
    }

    private String sealed(SecretChange change, String stored) {
        if (change instanceof SecretChange.Set set) {
            return secrets.seal(set.clear());
        }
        return change instanceof SecretChange.Keep ? stored : null;
    }

    private void refuseTakenName(String name, String exceptId) {
        if (connections.nameTaken(name, exceptId)) {
            throw nameConflict(name);
        }
    }

    /** Two requests taking one name at once: the second meets the unique constraint. */
    private void flush(String name) {
        try {
            connections.flush();
        } catch (PersistenceException duplicate) {
            throw nameConflict(name);
        }
    }

    private static ApiException nameConflict(String name) {
        return ApiException.conflict(
                "Another connection is already named '" + name + "'",
                JSON.createObjectBuilder().add("name", name).build());
    }
}
