package io.orchestrator.nodes.http;

import static io.orchestrator.platform.Jsonp.JSON;

import io.orchestrator.nodes.NodeCall;
import io.orchestrator.nodes.NodeSession;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

/**
 * The smallest {@link NodeCall} for running a node type in a unit test: form values taken literally
 * ({@link #resolved} evaluates nothing), an in-memory session, and a time budget.
 */
public final class LiteralNodeCall implements NodeCall {

    private final JsonObject formValues;
    private final MemorySession session;
    private final long remainingMillis;

    public LiteralNodeCall(JsonObject formValues, MemorySession session, long remainingMillis) {
        this.formValues = formValues;
        this.session = session;
        this.remainingMillis = remainingMillis;
    }

    public LiteralNodeCall(JsonObject formValues) {
        this(formValues, new MemorySession(), 60_000);
    }

    /** Variables and cookies held in fields, so that a test can read what the node stored. */
    public static final class MemorySession implements NodeSession {

        private JsonObject variables = JsonValue.EMPTY_JSON_OBJECT;
        private JsonArray cookies = JsonValue.EMPTY_JSON_ARRAY;
        private int cookieWrites;

        @Override
        public String id() {
            return "test-session";
        }

        @Override
        public JsonObject variables() {
            return variables;
        }

        @Override
        public void putVariables(JsonObject values) {
            variables = JSON.createObjectBuilder(variables)
                    .addAll(JSON.createObjectBuilder(values))
                    .build();
        }

        @Override
        public JsonArray cookies() {
            return cookies;
        }

        @Override
        public void replaceCookies(JsonArray replacement) {
            cookies = replacement;
            cookieWrites++;
        }

        public int cookieWrites() {
            return cookieWrites;
        }
    }

    @Override
    public String workflowId() {
        return "test-workflow";
    }

    @Override
    public String runId() {
        return "test-run";
    }

    @Override
    public String nodeId() {
        return "test-node";
    }

    @Override
    public String nodeName() {
        return "Test Node";
    }

    @Override
    public int attempt() {
        return 1;
    }

    @Override
    public JsonValue input() {
        return JsonValue.EMPTY_JSON_OBJECT;
    }

    @Override
    public JsonObject formValues() {
        return formValues;
    }

    @Override
    public JsonValue resolved(String field) {
        return formValues.getOrDefault(field, JsonValue.NULL);
    }

    @Override
    public boolean test(String field) {
        return formValues.getBoolean(field, false);
    }

    @Override
    public MemorySession session() {
        return session;
    }

    @Override
    public long remainingMillis() {
        return remainingMillis;
    }
}
