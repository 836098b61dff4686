package io.orchestrator.workflow;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.util.Map;

/**
 * A node with what executing it on its own needs, read at one moment: its form values with secrets
 * in clear (for running it, never for answers), its sources, and the last output of every node of
 * its workflow by node name (what expressions see as {@code nodes}).
 */
public record NodeInContext(
        String nodeId, String name, JsonObject formValues, NodeSources sources, Map<String, JsonValue> outputsByName) {}
