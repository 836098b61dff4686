package io.orchestrator.realtime;

import static io.orchestrator.platform.Jsonp.JSON;

import io.orchestrator.engine.RunSteering;
import io.orchestrator.nodes.human.HumanAction;
import io.orchestrator.platform.ApiException;
import io.orchestrator.platform.FieldErrors;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;

/**
 * The WebSocket's way to answer, pause and resume a run: each message becomes the REST request that
 * does the same, so that both paths share one set of rules. A client watches one workflow and may
 * only steer that workflow's runs.
 */
@ApplicationScoped
class SocketSteering {

    @Inject
    RunSteering steering;

    JsonObject steer(String workflowId, ClientRequest.Message message) {
        JsonObject body = message.body();
        if (!(body.get("task_id") instanceof JsonString taskId)
                || taskId.getString().isBlank()) {
            throw ApiException.validation(
                    "The message needs a task_id", new FieldErrors().add("task_id", "This field is required."));
        }
        String runId = taskId.getString();
        steering.requireOfWorkflow(runId, workflowId);
        return switch (message.request()) {
            case USER_SELECTION ->
                steering.answer(runId, answer(body, HumanAction.SELECT, "selected", "text", "merge_instruction"));
            case USER_FEEDBACK -> steering.answer(runId, answer(body, HumanAction.REGENERATE, "feedback"));
            case PAUSE_RUN -> steering.pause(runId);
            case RESUME_RUN -> steering.resume(runId, null);
            default -> throw new IllegalArgumentException(message.request() + " does not steer a run");
        };
    }

    /** The resume body: node_id, the action (a user_selection may name approve or reject instead), and the given fields. */
    private static JsonObject answer(JsonObject message, HumanAction action, String... fields) {
        JsonObjectBuilder body = JSON.createObjectBuilder().add("action", action.wireName());
        if (message.containsKey("node_id")) {
            body.add("node_id", message.get("node_id"));
        }
        if (action == HumanAction.SELECT && message.containsKey("action")) {
            body.add("action", message.get("action"));
        }
        for (String field : fields) {
            if (message.containsKey(field)) {
                body.add(field, message.get(field));
            }
        }
        return body.build();
    }
}
