package io.orchestrator.llm;

import io.orchestrator.nodes.ErrorType;

/**
 * A model server that did not give an answer: an error status with the provider's message, no
 * connection, a timeout, or an answer that is not what its protocol documents. The message says
 * the cause only; the caller names the connection and the model.
 */
public class ModelFailure extends Exception {

    private final ErrorType errorType;

    public ModelFailure(ErrorType errorType, String message) {
        this(errorType, message, null);
    }

    public ModelFailure(ErrorType errorType, String message, Throwable cause) {
        super(message, cause, false, false);
        this.errorType = errorType;
    }

    public ErrorType errorType() {
        return errorType;
    }
}
