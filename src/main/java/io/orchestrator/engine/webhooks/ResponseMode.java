package io.orchestrator.engine.webhooks;

import jakarta.json.JsonObject;

/** How a webhook answers its caller; the wire values are those of the webhook node's response_mode. */
public enum ResponseMode {
    /** 202 with the task id at once; the run is stored first, then goes on. */
    ON_RECEIVED("on_received"),
    /** The output of the node that finished last; the run goes on the request's thread. */
    LAST_NODE("last_node"),
    /** What a respond-webhook node says, or the last node's output when the run ends without one. */
    RESPOND_NODE("respond_node");

    private final String wireValue;

    ResponseMode(String wireValue) {
        this.wireValue = wireValue;
    }

    public String wireValue() {
        return wireValue;
    }

    /** The mode a webhook node's form values choose; on_received when they choose none. */
    static ResponseMode of(JsonObject formValues) {
        String chosen = formValues.getString("response_mode", ON_RECEIVED.wireValue);
        for (ResponseMode mode : values()) {
            if (mode.wireValue.equals(chosen)) {
                return mode;
            }
        }
        // Only a template can be something else (a choice field may hold one), and a trigger has
        // nothing to resolve it with: such a webhook has always answered with the last node.
        return LAST_NODE;
    }
}
