package io.orchestrator.engine;

import io.orchestrator.engine.GraphSnapshot.Node;
import io.orchestrator.nodes.ManualTriggerNode;
import io.orchestrator.platform.ApiException;
import io.orchestrator.platform.FieldErrors;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

/** Checks a run's input against the inputs its manual trigger declares: 422 with details per input. */
@ApplicationScoped
public class TriggerInputs {

    @Inject
    ManualTriggerNode manualTrigger;

    public JsonValue check(Node trigger, JsonValue input) {
        FieldErrors errors = new FieldErrors();
        JsonObject checked = manualTrigger.validatedInput(
                trigger.formValues(),
                input == null || input == JsonValue.NULL ? JsonValue.EMPTY_JSON_OBJECT : input,
                errors.nested("input"));
        if (!errors.isEmpty()) {
            throw ApiException.validation("The run's input does not match the trigger's inputs", errors);
        }
        return checked;
    }
}
