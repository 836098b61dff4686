package io.orchestrator.engine;

import io.orchestrator.engine.expressions.Expressions;
import io.orchestrator.platform.JsonText;
import io.orchestrator.platform.RequestBody;
import io.orchestrator.security.WorkspaceRole;
import io.orchestrator.workspaces.Held;
import io.orchestrator.workspaces.InWorkspace;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.Locale;
import java.util.Optional;

/**
 * {@code POST /api/workflow/{id}/nodes/{node_id}/preview/}: the result of a template over the
 * node's current input, for the expression editor's live preview ({@link ExpressionPreview}).
 * Reading only, so a viewer may preview as they may read the node's input. Like {@code input/},
 * served by the engine rather than by the workflow package's {@code NodeResource}.
 */
@ApplicationScoped
@Path("workflow/{workflowId}/nodes/{nodeId}/preview/")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class ExpressionPreviewResource {

    @Inject
    ExpressionPreview preview;

    @InWorkspace(value = Held.WORKFLOW, param = "workflowId", need = WorkspaceRole.VIEWER)
    @POST
    public JsonObject preview(
            @PathParam("workflowId") String workflowId, @PathParam("nodeId") String nodeId, JsonObject json) {
        return preview.preview(workflowId, request(nodeId, json));
    }

    /** {@code {template, kind?, input_data?, session_id?}}; an input_data of null is the input null. */
    static ExpressionPreview.Request request(String nodeId, JsonObject json) {
        RequestBody body = RequestBody.of(json);
        ExpressionPreview.Kind kind =
                body.text("kind", 20).map(text -> kindOf(text, body)).orElse(ExpressionPreview.Kind.TEMPLATE);
        JsonValue template = template(json.get("template"), kind, body);
        Optional<String> sessionId =
                body.text("session_id", 64).map(String::trim).filter(id -> !id.isEmpty());
        body.validate();
        return new ExpressionPreview.Request(
                nodeId, template, kind, Optional.ofNullable(json.get("input_data")), sessionId);
    }

    private static ExpressionPreview.Kind kindOf(String text, RequestBody body) {
        try {
            return ExpressionPreview.Kind.valueOf(text.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException unknown) {
            body.errors().add("kind", "Must be 'template' or 'expression'.");
            return ExpressionPreview.Kind.TEMPLATE;
        }
    }

    /** A text; for a template also JSON whose strings are templates (a json field's value). */
    private static JsonValue template(JsonValue template, ExpressionPreview.Kind kind, RequestBody body) {
        if (template == null || template == JsonValue.NULL) {
            body.errors().add("template", "This field is required.");
            return null;
        }
        boolean text = template instanceof JsonString;
        if (!text && (kind == ExpressionPreview.Kind.EXPRESSION || !isStructured(template))) {
            body.errors()
                    .add(
                            "template",
                            kind == ExpressionPreview.Kind.EXPRESSION
                                    ? "Must be a string."
                                    : "Must be a string, an object or a list.");
            return null;
        }
        int length = text
                ? ((JsonString) template).getString().length()
                : JsonText.write(template).length();
        if (length > Expressions.MAX_TEMPLATE_CHARS) {
            body.errors().add("template", "Must be at most " + Expressions.MAX_TEMPLATE_CHARS + " characters.");
            return null;
        }
        return template;
    }

    private static boolean isStructured(JsonValue value) {
        return value.getValueType() == JsonValue.ValueType.OBJECT || value.getValueType() == JsonValue.ValueType.ARRAY;
    }
}
