package io.orchestrator.workflow;

import static io.orchestrator.platform.Jsonp.JSON;

import io.orchestrator.nodes.NodeType;
import io.orchestrator.nodes.NodeTypeRegistry;
import io.orchestrator.nodes.Routes;
import io.orchestrator.platform.ApiException;
import io.orchestrator.platform.ErrorCode;
import io.orchestrator.platform.FieldErrors;
import io.orchestrator.platform.JsonText;
import io.orchestrator.platform.OrchestratorConfig;
import io.orchestrator.platform.RequestBody;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.transaction.Transactional;
import java.util.List;
import java.util.Optional;

/**
 * Pins and unpins a node's output. A pin is part of the graph: it bumps the workflow's version, so
 * that the graph a development run freezes carries the pins of the moment it started.
 */
@ApplicationScoped
@Transactional
public class NodePins {

    @Inject
    WorkflowChanges versions;

    @Inject
    WorkflowRepository workflows;

    @Inject
    NodeTypeRegistry types;

    @Inject
    LastExecutions lastExecutions;

    @Inject
    OrchestratorConfig config;

    /**
     * Pins the given output, or without one the node's last output, on the given route (default:
     * {@code default}); 422 when there is nothing to pin, the route is not one of the node's, or the
     * output is larger than a request body may be.
     */
    public JsonObject pin(String workflowId, String nodeId, Optional<JsonValue> output, Optional<String> route) {
        Workflow workflow = workflows.lock(workflowId);
        WorkflowNode node = workflows.requireNode(workflowId, nodeId);
        JsonValue pinned = output.orElseGet(() -> LastExecution.outputOf(lastExecutions.of(node)));
        String takes = route.orElse(Routes.DEFAULT);
        NodeType type = types.find(node.nodeType()).orElse(null);
        FieldErrors errors = new FieldErrors();
        check(pinned, takes, type == null ? null : routesOf(node, type), errors, "");
        errors.throwIfAny("The output cannot be pinned");
        String text = JsonText.write(pinned);
        if (text.length() > config.maxBodyBytes()) {
            throw new ApiException(
                    ErrorCode.PAYLOAD_TOO_LARGE,
                    "The output to pin has " + text.length() + " characters, more than a request body may have ("
                            + config.maxBodyBytes() + ", ORCHESTRATOR_MAX_BODY_BYTES)",
                    JSON.createObjectBuilder()
                            .add("max_bytes", config.maxBodyBytes())
                            .build());
        }
        node.pin(new PinnedOutput(text, takes));
        return answer(workflow, node, type);
    }

    public JsonObject unpin(String workflowId, String nodeId) {
        Workflow workflow = workflows.lock(workflowId);
        WorkflowNode node = workflows.requireNode(workflowId, nodeId);
        node.pin(null);
        return answer(workflow, node, types.find(node.nodeType()).orElse(null));
    }

    /**
     * The rules of a pin, wherever one comes from (this API, a whole canvas, an imported file): an
     * output that is not null, on one of the node's routes ({@code routes} null: the type is unknown,
     * any route goes). Fields are named with the prefix the request uses.
     */
    static void check(JsonValue output, String route, List<String> routes, FieldErrors errors, String prefix) {
        if (output == null || output == JsonValue.NULL) {
            errors.add(prefix + "output", "Nothing to pin: give an output, or execute the node first.");
        }
        if (routes != null && !routes.contains(route)) {
            errors.add(
                    prefix + "route",
                    "The node has no route '" + route + "'; its routes: " + String.join(", ", routes) + ".");
        }
    }

    /**
     * A pin as a whole canvas or a file gives it: {@code pinned_output} absent keeps the node's pin,
     * null unpins, anything else pins it on {@code pinned_route} (default {@code default}).
     */
    record Change(boolean given, PinnedOutput pin) {

        static Change read(RequestBody body, List<String> routes) {
            if (!body.has("pinned_output")) {
                return new Change(false, null);
            }
            JsonValue output = body.json().get("pinned_output");
            String route = body.text("pinned_route", 100).orElse(Routes.DEFAULT);
            if (output == JsonValue.NULL) {
                return new Change(true, null);
            }
            check(output, route, routes, body.errors(), "pinned_");
            return new Change(true, new PinnedOutput(JsonText.write(output), route));
        }

        void applyTo(WorkflowNode node) {
            if (given) {
                node.pin(pin);
            }
        }
    }

    static List<String> routesOf(WorkflowNode node, NodeType type) {
        return type.routes(JsonText.parseObject(node.formValues()));
    }

    private JsonObject answer(Workflow workflow, WorkflowNode node, NodeType type) {
        versions.record(workflow);
        return WorkflowJson.node(node, type, lastExecutions.of(node))
                .add("workflow_version", workflow.version())
                .build();
    }
}
