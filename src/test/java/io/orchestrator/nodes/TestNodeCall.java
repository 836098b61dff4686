package io.orchestrator.nodes;

import static io.orchestrator.platform.Jsonp.JSON;

import io.orchestrator.engine.expressions.ExpressionException;
import io.orchestrator.engine.expressions.ExpressionScope;
import io.orchestrator.engine.expressions.Expressions;
import io.orchestrator.nodes.form.FieldType;
import io.orchestrator.nodes.form.FormField;
import io.orchestrator.testing.JsonLiterals;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.HashMap;
import java.util.Map;

/**
 * A {@link NodeCall} for node type tests, with the real {@link Expressions}: form values (with the
 * type's defaults) are resolved as the engine resolves them, EXPRESSION fields as one expression
 * with or without {@code ${}}, and the session lives in memory.
 */
public final class TestNodeCall implements NodeCall {

    private static final Expressions EXPRESSIONS = new Expressions();

    private final NodeType type;
    private final JsonObject formValues;
    private final JsonValue input;
    private final Map<String, JsonValue> nodeOutputs = new HashMap<>();
    private final MemorySession session = new MemorySession();

    public TestNodeCall(NodeType type, JsonObject formValues, JsonValue input) {
        this.type = type;
        this.formValues = type.form().withDefaults(formValues);
        this.input = input;
    }

    /** Form values and input written as single-quoted JSON. */
    public static TestNodeCall of(NodeType type, String formValues, String input) {
        return new TestNodeCall(type, JsonLiterals.object(formValues), JsonLiterals.json(input));
    }

    public TestNodeCall withNodeOutput(String nodeName, JsonValue output) {
        nodeOutputs.put(nodeName, output);
        return this;
    }

    public NodeOutcome run() throws NodeFailure {
        return type.execute(this);
    }

    @Override
    public String workflowId() {
        return "workflow-1";
    }

    @Override
    public String runId() {
        return "run-1";
    }

    @Override
    public String nodeId() {
        return "node-1";
    }

    @Override
    public String nodeName() {
        return type.displayName();
    }

    @Override
    public int attempt() {
        return 1;
    }

    @Override
    public JsonValue input() {
        return input;
    }

    @Override
    public JsonObject formValues() {
        return formValues;
    }

    @Override
    public JsonValue resolved(String field) throws NodeFailure {
        JsonValue value = formValues.getOrDefault(field, JsonValue.NULL);
        boolean expression = type.form().field(field).map(FormField::type).orElse(null) == FieldType.EXPRESSION;
        try {
            return expression && value instanceof JsonString text
                    ? EXPRESSIONS.evaluate(text.getString(), scope())
                    : EXPRESSIONS.render(value, scope());
        } catch (ExpressionException broken) {
            throw new NodeFailure(ErrorType.EXPRESSION, "The field '" + field + "': " + broken.getMessage());
        }
    }

    @Override
    public boolean test(String field) throws NodeFailure {
        if (!(formValues.get(field) instanceof JsonString expression)) {
            throw new NodeFailure(ErrorType.EXPRESSION, "The field '" + field + "' holds no expression.");
        }
        try {
            return EXPRESSIONS.test(expression.getString(), scope());
        } catch (ExpressionException broken) {
            throw new NodeFailure(ErrorType.EXPRESSION, "The field '" + field + "': " + broken.getMessage());
        }
    }

    private ExpressionScope scope() {
        return new ExpressionScope(
                input,
                nodeOutputs::get,
                JSON.createObjectBuilder().add("id", runId()).build(),
                session.variables(),
                JSON.createObjectBuilder().add("id", workflowId()).build());
    }

    @Override
    public MemorySession session() {
        return session;
    }

    @Override
    public long remainingMillis() {
        return 30_000;
    }

    /** A session that keeps its variables and cookies in memory. */
    public static final class MemorySession implements NodeSession {

        private JsonObject variables = JsonValue.EMPTY_JSON_OBJECT;
        private JsonArray cookies = JsonValue.EMPTY_JSON_ARRAY;

        @Override
        public String id() {
            return "session-1";
        }

        @Override
        public JsonObject variables() {
            return variables;
        }

        @Override
        public void putVariables(JsonObject values) {
            var merged = JSON.createObjectBuilder(variables);
            values.forEach(merged::add);
            variables = merged.build();
        }

        @Override
        public JsonArray cookies() {
            return cookies;
        }

        @Override
        public void replaceCookies(JsonArray cookies) {
            this.cookies = cookies;
        }
    }
}
