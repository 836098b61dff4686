package io.orchestrator.engine;

import io.orchestrator.engine.journal.SessionRow;
import io.orchestrator.nodes.NodeSession;
import io.orchestrator.platform.Jsonp;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import java.time.Instant;
import java.util.Map;

/**
 * A session in memory while a run (or a development-mode call) uses it. It is written to the
 * journal only when a node changed it.
 */
public final class LiveSession implements NodeSession {

    private final String id;
    private final SessionOwner owner;
    private JsonObject variables;
    private JsonArray cookies;
    private boolean changed;

    public LiveSession(String id, SessionOwner owner, JsonObject variables, JsonArray cookies) {
        this.id = id;
        this.owner = owner;
        this.variables = variables;
        this.cookies = cookies;
    }

    public static LiveSession empty(String id, SessionOwner owner) {
        return new LiveSession(id, owner, JsonValue.EMPTY_JSON_OBJECT, JsonValue.EMPTY_JSON_ARRAY);
    }

    public SessionOwner owner() {
        return owner;
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public synchronized JsonObject variables() {
        return variables;
    }

    @Override
    public synchronized void putVariables(JsonObject values) {
        JsonObjectBuilder merged = Jsonp.JSON.createObjectBuilder(variables);
        for (Map.Entry<String, JsonValue> entry : values.entrySet()) {
            merged.add(entry.getKey(), entry.getValue());
        }
        variables = merged.build();
        changed = true;
    }

    @Override
    public synchronized JsonArray cookies() {
        return cookies;
    }

    @Override
    public synchronized void replaceCookies(JsonArray newCookies) {
        if (!newCookies.equals(cookies)) {
            cookies = newCookies;
            changed = true;
        }
    }

    /** The row to write when something changed since the last call, else null. */
    public synchronized SessionRow takeChanges(Instant now) {
        if (!changed) {
            return null;
        }
        changed = false;
        return new SessionRow(
                id,
                variables.toString(),
                cookies.toString(),
                now,
                owner.workspace(),
                owner.origin().name());
    }
}
