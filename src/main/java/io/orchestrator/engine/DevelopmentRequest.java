package io.orchestrator.engine;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.util.Optional;

/**
 * One node to execute in development mode: form values to save on it first, the input to give it
 * (without one, it gets what its sources last produced, as in a run), and the session to carry on.
 */
public record DevelopmentRequest(
        String nodeId, Optional<JsonObject> formValues, Optional<JsonValue> input, Optional<String> sessionId) {}
