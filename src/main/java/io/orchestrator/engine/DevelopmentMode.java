package io.orchestrator.engine;

import io.orchestrator.engine.expressions.ExpressionScope;
import io.orchestrator.engine.expressions.Expressions;
import io.orchestrator.engine.journal.RunJournal;
import io.orchestrator.engine.journal.SessionRow;
import io.orchestrator.nodes.NodeFailure;
import io.orchestrator.nodes.NodeOutcome;
import io.orchestrator.nodes.NodeType;
import io.orchestrator.nodes.NodeTypeRegistry;
import io.orchestrator.nodes.form.SecretValues;
import io.orchestrator.platform.ApiException;
import io.orchestrator.platform.Jsonp;
import io.orchestrator.platform.RequestBody;
import io.orchestrator.workflow.CanvasService;
import io.orchestrator.workflow.NodeChanges;
import io.orchestrator.workflow.NodeSettings;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * Development mode (the seed's execute_and_save_node): one node, run on the request's thread with
 * the given form values and input, its input and output saved on the node. A session id carries
 * variables and cookies from one call to the next. The node's own failure is an answer with
 * {@code success: false}, not an HTTP error; bad requests still are.
 */
@ApplicationScoped
public class DevelopmentMode {

    @Inject
    CanvasService canvas;

    @Inject
    NodeTypeRegistry types;

    @Inject
    Expressions expressions;

    @Inject
    Sessions sessions;

    @Inject
    RunJournal journal;

    @Inject
    @org.eclipse.microprofile.config.inject.ConfigProperty(name = "ORCHESTRATOR_NODE_TIMEOUT_MS", defaultValue = "300000")
    long defaultNodeTimeoutMs;

    public JsonObject execute(String workflowId, RequestBody body) {
        String nodeId = body.requiredText("node_id", 36);
        JsonObject givenForm = body.object("form_values").orElse(null);
        JsonValue givenInput = body.has("input_data") ? body.json().get("input_data") : null;
        String sessionId = body.text("session_id", 64).map(String::trim).filter(id -> !id.isEmpty()).orElse(null);
        body.validate();
        if (givenForm != null) {
            canvas.updateNode(workflowId, nodeId, NodeChanges.read(RequestBody.of(
                    Jsonp.JSON.createObjectBuilder().add("form_values", givenForm).build())));
        }
        JsonObject stored = canvas.node(workflowId, nodeId);
        NodeType type = types.find(stored.getString("node_type")).orElseThrow(() -> ApiException.invalidRequest(
                "This server has no node type '" + stored.getString("node_type") + "'."));
        JsonObject formValues = canvas.storedFormValues(workflowId, nodeId);
        JsonValue input = givenInput != null ? givenInput : canvas.nodeInput(workflowId, nodeId);
        Map<String, JsonValue> outputs = canvas.lastOutputsByName(workflowId);
        LiveSession session = sessions.open(sessionId != null ? sessionId : UUID.randomUUID().toString());
        String callId = UUID.randomUUID().toString();
        GraphSnapshot.Node node = new GraphSnapshot.Node(0, nodeId, stored.getString("name"), type.key(), formValues,
                NodeSettings.DEFAULTS);
        JsonObject runJson = Jsonp.JSON.createObjectBuilder().add("id", callId).add("input", input)
                .add("trigger", "development").add("started_at", Instant.now().toString()).build();
        JsonObject workflowJson = Jsonp.JSON.createObjectBuilder().add("id", workflowId).build();
        ExpressionScope scope = new ExpressionScope(input, outputs::get, runJson, session.variables(), workflowJson);
        AttemptCall call = new AttemptCall(workflowId, callId, node, 1, input, formValues, scope, session, expressions,
                type.form(), defaultNodeTimeoutMs);

        JsonObjectBuilder answer = Jsonp.JSON.createObjectBuilder()
                .add("node_id", nodeId).add("node_type", type.key()).add("input_data", input)
                .add("form_values", SecretValues.mask(type.form(), formValues)).add("session_id", session.id());
        try {
            NodeOutcome outcome = type.execute(call);
            canvas.recordExecution(workflowId, nodeId, input, outcome.output());
            answer.add("success", true).add("output", outcome.output()).add("route", outcome.route());
            if (outcome.waits()) {
                answer.add("wait_until", outcome.wakeAt().toString());
            }
        } catch (NodeFailure failure) {
            answer.add("success", false).add("error", failure.getMessage()).add("error_type", failure.errorType().wireName())
                    .add("output", JsonValue.NULL);
            if (!failure.details().isEmpty()) {
                answer.add("details", failure.details());
            }
        } catch (RuntimeException defect) {
            answer.add("success", false).add("error", "Node type '" + type.key() + "' failed unexpectedly: " + defect)
                    .add("error_type", "internal").add("output", JsonValue.NULL);
        }
        SessionRow changed = session.takeChanges(Instant.now());
        if (changed != null) {
            journal.append(session.id(), changed);
            journal.durable(session.id()).join();
        }
        return answer.build();
    }
}
