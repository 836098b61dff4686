package io.orchestrator.nodes;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

/** A node that could not do its work: the message is for the person reading the run, the type for clients. */
public class NodeFailure extends Exception {

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

    public JsonObject details() {
        return details;
    }

    public ErrorType errorType() {
        return errorType;
    }
}
