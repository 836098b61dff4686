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
import io.orchestrator.platform.OrchestratorConfig;
import io.orchestrator.workflow.DevelopmentRecords;
import io.orchestrator.workflow.NodeInContext;
import io.orchestrator.workflow.NodeSettings;
import io.orchestrator.workflow.NodeSources;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Development mode: one node, run on the request's thread with the given form values and input,
 * its input and output kept on the node. A session id carries variables and cookies from one call
 * to the next. The node's own failure is an answer with {@code success: false}, not an HTTP error;
 * bad requests still are. A node that may answer from the response cache says in its output's
 * candidates whether it did ({@code cached}, {@code cache_key}), and the answer carries that as
 * {@code X-Cache} and {@code X-Cache-Key} headers ({@link CacheHeaders}).
 *
 * <p>The workflow is read in one transaction and the result written in another; the node runs in
 * between, outside both (see {@link DevelopmentRecords}).
 */
@ApplicationScoped
public class DevelopmentMode {

    @Inject
    DevelopmentRecords records;

    @Inject
    NodeTypeRegistry types;

    @Inject
    Expressions expressions;

    @Inject
    Sessions sessions;

    @Inject
    RunJournal journal;

    @Inject
    OrchestratorConfig config;

    public JsonObject execute(String workflowId, DevelopmentRequest request) {
        NodeInContext node = records.read(workflowId, request.nodeId(), request.formValues());
        NodeType type = types.find(node.sources().nodeType())
                .orElseThrow(() -> ApiException.invalidRequest(
                        "This server has no node type '" + node.sources().nodeType() + "'."));
        JsonValue input = request.input().orElseGet(() -> inputOf(node.sources()));
        LiveSession session = sessions.forDevelopment(
                request.sessionId().orElseGet(() -> UUID.randomUUID().toString()), workflowId);

        JsonObjectBuilder answer = Jsonp.JSON
                .createObjectBuilder()
                .add("node_id", node.nodeId())
                .add("node_type", type.key())
                .add("input_data", input)
                .add("form_values", SecretValues.mask(type.form(), node.formValues()))
                .add("session_id", session.id());
        NodeOutcome outcome = run(workflowId, node, type, input, session, answer);
        if (outcome != null) {
            records.record(workflowId, node.nodeId(), input, outcome.output());
        }
        SessionRow changed = session.takeChanges(Instant.now());
        if (changed != null) {
            journal.append(session.id(), changed);
            journal.durable(session.id()).join();
        }
        return answer.build();
    }

    /**
     * The input the node would get now, by the rule of a run ({@link NodeInputs}): every source
     * counts as taken, a source that has not executed yet with null; a node without sources gets
     * its own last input, as a run's first node gets the run's input, or an empty object.
     */
    public JsonValue inputNow(String workflowId, String nodeId) {
        return inputOf(records.sources(workflowId, nodeId));
    }

    /**
     * What expressions see when the node runs on its own: its input, every node's last output by
     * name, the session's variables, a development run under the given id, and the workflow.
     */
    static ExpressionScope scopeOf(
            String workflowId, String callId, NodeInContext node, JsonValue input, JsonObject sessionVariables) {
        JsonObject runJson = Jsonp.JSON
                .createObjectBuilder()
                .add("id", callId)
                .add("input", input)
                .add("trigger", "development")
                .add("started_at", Instant.now().toString())
                .build();
        JsonObject workflowJson =
                Jsonp.JSON.createObjectBuilder().add("id", workflowId).build();
        return new ExpressionScope(input, node.outputsByName()::get, runJson, sessionVariables, workflowJson);
    }

    JsonValue inputOf(NodeSources node) {
        List<NodeInputs.Source> sources = node.outputs().entrySet().stream()
                .map(source -> new NodeInputs.Source(source.getKey(), source.getValue()))
                .toList();
        boolean byName =
                types.find(node.nodeType()).map(NodeType::takesInputsByName).orElse(false);
        JsonValue entry = node.lastInput() != null ? node.lastInput() : JsonValue.EMPTY_JSON_OBJECT;
        return NodeInputs.of(entry, sources, byName);
    }

    /** Runs the node and adds its result to the answer; the outcome, or null when the node failed. */
    private NodeOutcome run(
            String workflowId,
            NodeInContext node,
            NodeType type,
            JsonValue input,
            LiveSession session,
            JsonObjectBuilder answer) {
        String callId = UUID.randomUUID().toString();
        GraphSnapshot.Node snapshot = new GraphSnapshot.Node(
                0, node.nodeId(), node.name(), type.key(), node.formValues(), NodeSettings.DEFAULTS);
        ExpressionScope scope = scopeOf(workflowId, callId, node, input, session.variables());
        AttemptCall call = new AttemptCall(
                workflowId,
                callId,
                snapshot,
                1,
                input,
                node.formValues(),
                scope,
                session,
                expressions,
                type.form(),
                config.nodeTimeoutMs());
        NodeFailure failure;
        try {
            NodeOutcome outcome = type.execute(call);
            // A node waiting for a person has taken no route yet (its route is the one its timeout would take).
            answer.add("success", true)
                    .add("output", outcome.output())
                    .add("route", outcome.awaitsAnswer() ? JsonValue.NULL : Jsonp.JSON.createValue(outcome.route()));
            if (outcome.wakeAt() != null) {
                answer.add("wait_until", outcome.wakeAt().toString());
            }
            if (outcome.awaitsAnswer()) {
                answer.add("awaits_answer", true);
            }
            return outcome;
        } catch (NodeFailure failed) {
            failure = failed;
        } catch (Throwable defect) { // errors such as a stack overflow too: the request answers, not a 500
            failure = NodeFailure.unexpected(type.key(), defect);
        }
        answer.add("success", false)
                .add("error", failure.getMessage())
                .add("error_type", failure.errorType().wireName())
                .add("output", JsonValue.NULL);
        if (!failure.details().isEmpty()) {
            answer.add("details", failure.details());
        }
        return null;
    }
}
