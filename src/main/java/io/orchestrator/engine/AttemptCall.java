package io.orchestrator.engine;

import io.orchestrator.engine.expressions.ExpressionException;
import io.orchestrator.engine.expressions.ExpressionScope;
import io.orchestrator.engine.expressions.Expressions;
import io.orchestrator.nodes.ErrorType;
import io.orchestrator.nodes.NodeCall;
import io.orchestrator.nodes.NodeFailure;
import io.orchestrator.nodes.NodeSession;
import io.orchestrator.nodes.form.FieldType;
import io.orchestrator.nodes.form.Form;
import io.orchestrator.nodes.form.FormField;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

/** One attempt of one node, as the node sees it, in a run or in development mode. */
final class AttemptCall implements NodeCall {

    private final String workflowId;
    private final String runId;
    private final GraphSnapshot.Node node;
    private final int attempt;
    private final JsonValue input;
    private final JsonObject formValues;
    private final ExpressionScope scope;
    private final NodeSession session;
    private final Expressions expressions;
    private final Form form;
    private final long deadlineNanos;
    private String feedback;

    AttemptCall(
            String workflowId,
            String runId,
            GraphSnapshot.Node node,
            int attempt,
            JsonValue input,
            JsonObject formValues,
            ExpressionScope scope,
            NodeSession session,
            Expressions expressions,
            Form form,
            long timeoutMillis) {
        this.workflowId = workflowId;
        this.runId = runId;
        this.node = node;
        this.attempt = attempt;
        this.input = input;
        this.formValues = formValues;
        this.scope = scope;
        this.session = session;
        this.expressions = expressions;
        this.form = form;
        this.deadlineNanos = System.nanoTime() + timeoutMillis * 1_000_000L;
    }

    /** A person's word on the node's previous output, for an attempt they asked for (regenerate). */
    AttemptCall withFeedback(String text) {
        this.feedback = text;
        return this;
    }

    @Override
    public String feedback() {
        return feedback;
    }

    @Override
    public String workflowId() {
        return workflowId;
    }

    @Override
    public String runId() {
        return runId;
    }

    @Override
    public String nodeId() {
        return node.id();
    }

    @Override
    public String nodeName() {
        return node.name();
    }

    @Override
    public int attempt() {
        return attempt;
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
        JsonValue template = formValues.get(field);
        if (template == null) {
            return JsonValue.NULL;
        }
        try {
            // An expression field holds one expression, written with or without ${}.
            if (template instanceof JsonString text
                    && form.field(field).map(FormField::type).orElse(null) == FieldType.EXPRESSION) {
                return expressions.evaluate(text.getString(), scope);
            }
            return expressions.render(template, scope);
        } catch (ExpressionException broken) {
            throw fieldFailure(field, broken);
        }
    }

    @Override
    public boolean test(String field) throws NodeFailure {
        JsonValue expression = formValues.get(field);
        if (!(expression instanceof JsonString text) || text.getString().isBlank()) {
            throw new NodeFailure(ErrorType.VALIDATION, "Field '" + field + "' needs an expression.");
        }
        try {
            return expressions.test(text.getString(), scope);
        } catch (ExpressionException broken) {
            throw fieldFailure(field, broken);
        }
    }

    private NodeFailure fieldFailure(String field, ExpressionException broken) {
        return new NodeFailure(
                ErrorType.EXPRESSION, "Field '" + field + "' of node '" + node.name() + "': " + broken.getMessage());
    }

    @Override
    public NodeSession session() {
        return session;
    }

    @Override
    public long remainingMillis() {
        return Math.max(0, (deadlineNanos - System.nanoTime()) / 1_000_000L);
    }
}
