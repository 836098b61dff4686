package io.orchestrator.engine;

import io.orchestrator.engine.journal.SessionRow;
import io.orchestrator.platform.ApiException;
import io.orchestrator.platform.ErrorCode;
import io.orchestrator.platform.JsonText;
import io.orchestrator.workspaces.Workspace;
import io.orchestrator.workspaces.WorkspaceOf;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonArray;
import jakarta.json.JsonValue;
import java.util.Optional;

/**
 * Opens sessions: the stored one with that id, or a new empty one. A session named by a caller must
 * be of the workflow's workspace (another workspace's answers 404, as if it did not exist); in
 * development mode it must also be one that development mode made.
 */
@ApplicationScoped
public class Sessions {

    @Inject
    RunRecords records;

    @Inject
    WorkspaceOf workspaceOf;

    /**
     * The session a new run asked for by id, or, when it asked for none, a new one under the run's
     * own id: nothing is stored under an id that did not exist a moment ago, so there is nothing to read.
     */
    public LiveSession forNewRun(String requestedId, String runId, String workflowId) {
        SessionOwner owner = SessionOwner.production(workspaceOf(workflowId));
        if (requestedId == null || requestedId.isBlank()) {
            return LiveSession.empty(runId, owner);
        }
        return stored(requestedId)
                .map(session -> sameWorkspace(session, owner))
                .orElseGet(() -> LiveSession.empty(requestedId, owner));
    }

    /** The development session with that id, or a new one: never a production run's, nor another workspace's. */
    public LiveSession forDevelopment(String requestedId, String workflowId) {
        SessionOwner owner = SessionOwner.development(workspaceOf(workflowId));
        return stored(requestedId)
                .map(session -> {
                    sameWorkspace(session, owner);
                    if (session.owner().origin() != SessionOwner.Origin.DEVELOPMENT) {
                        throw new ApiException(
                                ErrorCode.CONFLICT,
                                "Session " + requestedId + " belongs to a production run; development mode continues"
                                        + " only its own sessions: leave session_id out to start one");
                    }
                    return session;
                })
                .orElseGet(() -> LiveSession.empty(requestedId, owner));
    }

    /**
     * Refuses, before a run is queued, a session that the run could not join (another workspace's),
     * so that the caller hears it rather than the run failing later.
     */
    public void checkJoinable(String sessionId, String workflowId) {
        if (sessionId != null && !sessionId.isBlank()) {
            SessionOwner owner = SessionOwner.production(workspaceOf(workflowId));
            stored(sessionId).ifPresent(session -> sameWorkspace(session, owner));
        }
    }

    /** A run's own session as stored (a queued run starting, a run resumed, rewound or forked), or a new one. */
    public LiveSession open(String sessionId, String workflowId) {
        return stored(sessionId)
                .orElseGet(() -> LiveSession.empty(sessionId, SessionOwner.production(workspaceOf(workflowId))));
    }

    private Optional<LiveSession> stored(String sessionId) {
        return records.session(sessionId).map(Sessions::live);
    }

    private static LiveSession sameWorkspace(LiveSession session, SessionOwner owner) {
        if (!session.owner().workspace().equals(owner.workspace())) {
            throw ApiException.notFound("Session", session.id());
        }
        return session;
    }

    private String workspaceOf(String workflowId) {
        return workspaceOf.workflow(workflowId).orElse(Workspace.DEFAULT);
    }

    private static LiveSession live(SessionRow row) {
        return new LiveSession(
                row.id(),
                new SessionOwner(row.workspace(), SessionOwner.Origin.valueOf(row.origin())),
                JsonText.parseObject(row.variables()),
                cookies(row.cookies()));
    }

    private static JsonArray cookies(String text) {
        JsonValue value = JsonText.parse(text);
        return value instanceof JsonArray array ? array : JsonValue.EMPTY_JSON_ARRAY;
    }
}
