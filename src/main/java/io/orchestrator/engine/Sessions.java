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
