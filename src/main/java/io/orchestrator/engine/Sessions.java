package io.orchestrator.engine;

import io.orchestrator.platform.JsonText;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonArray;
import jakarta.json.JsonValue;

/** Opens sessions: the stored one with that id, or a new empty one. */
@ApplicationScoped
public class Sessions {

    @Inject
    RunRecords records;

    /**
     * The session a new run asked for by id, or, when it asked for none, a new one under the run's
     * own id: nothing is stored under an id that did not exist a moment ago, so there is nothing to read.
     */
    public LiveSession forNewRun(String requestedId, String runId) {
        return requestedId == null || requestedId.isBlank() ? LiveSession.empty(runId) : open(requestedId);
    }

    public LiveSession open(String sessionId) {
        return records.session(sessionId)
                .map(row -> new LiveSession(row.id(), JsonText.parseObject(row.variables()), cookies(row.cookies())))
                .orElseGet(() -> LiveSession.empty(sessionId));
    }

    private static JsonArray cookies(String text) {
        JsonValue value = JsonText.parse(text);
        return value instanceof JsonArray array ? array : JsonValue.EMPTY_JSON_ARRAY;
    }
}
