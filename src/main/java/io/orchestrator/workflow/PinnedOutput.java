package io.orchestrator.workflow;

import io.orchestrator.platform.JsonText;
import jakarta.json.JsonValue;

/**
 * An output pinned on a node (n8n's pinned data), as JSON text, with the route the node takes with
 * it: development mode and development runs use it instead of executing the node.
 */
public record PinnedOutput(String output, String route) {

    public JsonValue outputJson() {
        return JsonText.parse(output);
    }
}
