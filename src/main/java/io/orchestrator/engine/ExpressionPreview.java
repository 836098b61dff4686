package io.orchestrator.engine;

import io.orchestrator.engine.expressions.ExpressionException;
import io.orchestrator.engine.expressions.ExpressionScope;
import io.orchestrator.engine.expressions.Expressions;
import io.orchestrator.platform.JsonText;
import io.orchestrator.platform.Jsonp;
import io.orchestrator.workflow.DevelopmentRecords;
import io.orchestrator.workflow.NodeInContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.Optional;
import java.util.UUID;

/**
 * Evaluates a template as the node would when executed now, for the editor's live preview: the
 * scope of development mode (the node's input by the run's rule, every node's last output, the
 * session's variables when a session is named), the same sandbox and the same result limits. It
 * runs nothing and stores nothing; a session named here is read, never created. An expression's
 * failure is an answer with {@code success: false}, as a node's failure is in development mode.
 */
@ApplicationScoped
public class ExpressionPreview {

    /**
     * Characters of a result's JSON the answer carries: a preview is read by a person, and a
     * result up to the run's limits (megabytes) would only slow the editor. Longer results come
     * as the start of their JSON text, with {@code truncated: true}.
     */
    static final int MAX_SHOWN_CHARS = 64 * 1024;

    /** What to evaluate: a template (text with {@code ${...}} parts, or JSON whose strings hold them) or one expression. */
    public enum Kind {
        TEMPLATE,
        EXPRESSION
    }

    public record Request(
            String nodeId, JsonValue template, Kind kind, Optional<JsonValue> input, Optional<String> sessionId) {}

    @Inject
    DevelopmentRecords records;

    @Inject
    DevelopmentMode development;

    @Inject
    Sessions sessions;

    @Inject
    Expressions expressions;

    public JsonObject preview(String workflowId, Request request) {
        NodeInContext node = records.read(workflowId, request.nodeId(), Optional.empty());
        JsonValue input = request.input().orElseGet(() -> development.inputOf(node.sources()));
        JsonObject variables = request.sessionId()
                .map(id -> sessions.forDevelopment(id, workflowId).variables())
                .orElse(JsonValue.EMPTY_JSON_OBJECT);
        ExpressionScope scope =
                DevelopmentMode.scopeOf(workflowId, "preview-" + UUID.randomUUID(), node, input, variables);
        JsonObjectBuilder answer = Jsonp.JSON.createObjectBuilder();
        try {
            return shown(evaluate(request, scope), answer).build();
        } catch (ExpressionException failed) {
            return failed(answer, failed.getMessage()).build();
        } catch (RuntimeException | StackOverflowError defect) { // the editor shows it; never a 500
            return failed(answer, "The expression could not be evaluated: " + defect.getMessage())
                    .build();
        }
    }

    private JsonValue evaluate(Request request, ExpressionScope scope) throws ExpressionException {
        if (request.kind() == Kind.EXPRESSION) {
            return expressions.evaluate(((JsonString) request.template()).getString(), scope);
        }
        return expressions.render(request.template(), scope);
    }

    private static JsonObjectBuilder shown(JsonValue result, JsonObjectBuilder answer) {
        answer.add("success", true);
        String written = JsonText.write(result);
        if (written.length() <= MAX_SHOWN_CHARS) {
            return answer.add("result", result);
        }
        return answer.add("result", written.substring(0, MAX_SHOWN_CHARS))
                .add("truncated", true)
                .add("result_chars", written.length());
    }

    private static JsonObjectBuilder failed(JsonObjectBuilder answer, String message) {
        return answer.add("success", false).add("error", message).add("result", JsonValue.NULL);
    }
}
