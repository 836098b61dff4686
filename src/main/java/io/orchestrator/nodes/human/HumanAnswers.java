package io.orchestrator.nodes.human;

import static io.orchestrator.platform.Jsonp.JSON;

import io.orchestrator.nodes.HumanInputNode;
import io.orchestrator.nodes.Routes;
import io.orchestrator.platform.ApiException;
import io.orchestrator.platform.FieldErrors;
import io.orchestrator.platform.RequestBody;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Checks a person's answer ({@code action, selected, text, feedback, merge_instruction}) against the
 * request a human-input node stored, and makes the node's output from it. A bad answer is a 422
 * with a message per field; nothing is changed then.
 */
@ApplicationScoped
public class HumanAnswers {

    static final int MAX_TEXT = 1_000_000;
    static final int MAX_FEEDBACK = 100_000;
    static final String JOIN_SEPARATOR = "\n\n";

    @Inject
    ModelMerge modelMerge;

    public HumanAnswers() {}

    HumanAnswers(ModelMerge modelMerge) {
        this.modelMerge = modelMerge;
    }

    public HumanAnswer check(JsonObject storedRequest, JsonObject body) {
        return check(null, storedRequest, body);
    }

    /** The answer to a node of that workflow, whose merge uses only the workflow's workspace's connections. */
    public HumanAnswer check(String workflowId, JsonObject storedRequest, JsonObject body) {
        HumanRequest request = HumanRequest.fromJson(storedRequest);
        RequestBody answer = RequestBody.of(body);
        FieldErrors errors = answer.errors();
        Optional<HumanAction> action = answer.text("action", 40).flatMap(name -> {
            Optional<HumanAction> known = HumanAction.named(name);
            if (known.isEmpty()) {
                errors.add("action", "Must be one of " + HumanAction.wireNames() + ".");
            }
            return known;
        });
        if (!answer.has("action") || answer.json().isNull("action")) {
            errors.add("action", "This field is required: one of " + HumanAction.wireNames() + ".");
        }
        Optional<String> text = answer.text("text", MAX_TEXT);
        Optional<String> feedback = answer.text("feedback", MAX_FEEDBACK).filter(given -> !given.isBlank());
        Optional<String> instruction = answer.text("merge_instruction", MAX_FEEDBACK);
        answer.validate();
        HumanAction act = action.orElseThrow();
        if (feedback.isPresent() && !request.allowFeedback()) {
            errors.add("feedback", "This node does not take feedback (allow_feedback is off).");
        }
        List<JsonObject> selected = switch (act) {
            case SELECT -> selection(request, answer, errors);
            case APPROVE -> request.candidates();
            case REJECT, REGENERATE -> List.of();
        };
        if (text.isPresent() && act != HumanAction.REJECT && act != HumanAction.REGENERATE) {
            if (!request.allowEdit() && request.mode() != HumanInputMode.TEXT) {
                errors.add("text", "This node does not take an edited text (allow_edit is off).");
            }
        }
        if (act == HumanAction.APPROVE && request.mode() == HumanInputMode.TEXT && text.isEmpty()) {
            errors.add("text", "This node asks for a text: give one.");
        }
        if (act == HumanAction.REGENERATE && feedback.isEmpty()) {
            errors.add(
                    "feedback",
                    request.allowFeedback()
                            ? "A regenerate needs feedback."
                            : "This node does not take feedback (allow_feedback is off).");
        }
        answer.validate();
        String finalText = switch (act) {
            case SELECT, APPROVE ->
                text.orElseGet(() -> merged(workflowId, request, selected, instruction.orElse(null)));
            case REJECT, REGENERATE -> text.orElse(null);
        };
        JsonArrayBuilder chosen = JSON.createArrayBuilder();
        selected.forEach(chosen::add);
        JsonObject output = JSON.createObjectBuilder()
                .add("action", act.wireName())
                .add("selected", chosen)
                .add("text", finalText == null ? JsonValue.NULL : JSON.createValue(finalText))
                .add("feedback", feedback.<JsonValue>map(JSON::createValue).orElse(JsonValue.NULL))
                .build();
        String route = act == HumanAction.REJECT ? HumanInputNode.REJECTED : Routes.DEFAULT;
        return new HumanAnswer(act, output, route, feedback.orElse(null));
    }

    /** The candidates chosen by index or id: one for select_one, one or more for select_many. */
    private static List<JsonObject> selection(HumanRequest request, RequestBody answer, FieldErrors errors) {
        if (!request.mode().selects()) {
            errors.add("action", "This node asks to " + request.mode().wireName() + ", not to select.");
            return List.of();
        }
        JsonValue given = answer.json().get("selected");
        JsonArray picks = given instanceof JsonArray list
                ? list
                : given instanceof JsonNumber || given instanceof JsonString
                        ? JSON.createArrayBuilder().add(given).build()
                        : null;
        if (picks == null || picks.isEmpty()) {
            errors.add("selected", "Select at least one candidate, by index or id.");
            return List.of();
        }
        if (request.mode() == HumanInputMode.SELECT_ONE && picks.size() > 1) {
            errors.add("selected", "This node takes exactly one selection (mode select_one).");
            return List.of();
        }
        List<JsonObject> chosen = new ArrayList<>();
        for (JsonValue pick : picks) {
            Optional<JsonObject> candidate = find(request.candidates(), pick);
            if (candidate.isEmpty()) {
                errors.add(
                        "selected",
                        "No candidate " + pick + ": there are "
                                + request.candidates().size() + " (indexes 0 to "
                                + (request.candidates().size() - 1) + ").");
            } else if (chosen.contains(candidate.get())) {
                errors.add("selected", "Candidate " + pick + " is selected twice.");
            } else {
                chosen.add(candidate.get());
            }
        }
        return chosen;
    }

    private static Optional<JsonObject> find(List<JsonObject> candidates, JsonValue pick) {
        if (pick instanceof JsonNumber number && number.isIntegral()) {
            long index = number.longValue();
            return index >= 0 && index < candidates.size()
                    ? Optional.of(candidates.get((int) index))
                    : Optional.empty();
        }
        if (pick instanceof JsonString id) {
            return candidates.stream()
                    .filter(candidate -> id.getString().equals(candidate.getString("id", null)))
                    .findFirst();
        }
        return Optional.empty();
    }

    /** One selection's text as it is; several joined, or merged by a model when the node says so. */
    private String merged(String workflowId, HumanRequest request, List<JsonObject> selected, String instruction) {
        List<String> texts = selected.stream()
                .map(candidate -> candidate.getString("text", ""))
                .toList();
        if (texts.size() == 1) {
            return texts.get(0);
        }
        if (request.merge() instanceof JsonObject model) {
            try {
                return modelMerge.mergeFor(
                        workflowId,
                        model.getString("connection", null),
                        model.getString("model", null),
                        instruction != null ? instruction : model.getString("instruction", null),
                        texts);
            } catch (ModelMerge.MergeUnavailable unavailable) {
                throw ApiException.validation(
                        "The selections cannot be merged", new FieldErrors().add("merge", unavailable.getMessage()));
            }
        }
        return String.join(JOIN_SEPARATOR, texts);
    }
}
