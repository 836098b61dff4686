package io.orchestrator.engine.expressions;

/**
 * An expression that cannot be read or cannot be evaluated. The message is for the person who
 * wrote it: it quotes the expression and says what is wrong, in the words of JSON data (text,
 * number, list...), never Java class names.
 */
public class ExpressionException extends Exception {

    public ExpressionException(String message) {
        super(message, null, false, false);
    }
}
