package io.orchestrator.nodes;

/**
 * A node that could not do its work: the message is for the person reading the run, the type a
 * short stable word (timeout, expression, http, validation...) clients can branch on.
 */
public class NodeFailure extends Exception {

    private final String errorType;

    public NodeFailure(String errorType, String message) {
        super(message, null, false, false);
        this.errorType = errorType;
    }

    public NodeFailure(String errorType, String message, Throwable cause) {
        super(message, cause, false, false);
        this.errorType = errorType;
    }

    public String errorType() {
        return errorType;
    }
}
