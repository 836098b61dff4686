package io.orchestrator.nodes;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.util.logging.Level;
import java.util.logging.Logger;

/** A node that could not do its work: the message is for the person reading the run, the type for clients. */
public class NodeFailure extends Exception {

    private static final Logger LOG = Logger.getLogger(NodeFailure.class.getName());

    private final ErrorType errorType;
    private final JsonObject details;

    public NodeFailure(ErrorType errorType, String message) {
        this(errorType, message, JsonValue.EMPTY_JSON_OBJECT, null);
    }

    public NodeFailure(ErrorType errorType, String message, Throwable cause) {
        this(errorType, message, JsonValue.EMPTY_JSON_OBJECT, cause);
    }

    /** With details the error route's output carries (an HTTP response's status and body...). */
    public NodeFailure(ErrorType errorType, String message, JsonObject details, Throwable cause) {
        super(message, cause, false, false);
        this.errorType = errorType;
        this.details = details;
    }

    /**
     * A node type that threw something it should not have (a defect, a stack overflow): the run
     * shows that it failed and where to look, never a Java class name or exception text; the
     * server log has the whole of it.
     */
    public static NodeFailure unexpected(String nodeType, Throwable defect) {
        String reference = java.util.UUID.randomUUID().toString().substring(0, 8);
        LOG.log(Level.WARNING, "Node type '" + nodeType + "' threw (reference " + reference + ")", defect);
        String what = defect instanceof StackOverflowError ? "nested or recursed too deeply" : "failed unexpectedly";
        return new NodeFailure(
                ErrorType.INTERNAL,
                "Node type '" + nodeType + "' " + what + "; the server log has the details under reference " + reference
                        + ".");
    }

    public JsonObject details() {
        return details;
    }

    public ErrorType errorType() {
        return errorType;
    }
}
