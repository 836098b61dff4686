package io.orchestrator.engine.expressions;

import java.util.Optional;

/**
 * Syntax and sandbox checks without evaluating anything, for form values at save time. Static,
 * so that the form validator can use it without being a bean; compiled results are cached and
 * shared with evaluation.
 */
public final class ExpressionSyntax {

    private ExpressionSyntax() {}

    /** A string that may hold {@code ${...}} parts. */
    public static Optional<String> templateProblem(String template) {
        return template.contains("${") ? Template.of(template).problem() : Optional.empty();
    }

    /** One expression, written with or without its {@code ${}}; blank is left to the required check. */
    public static Optional<String> expressionProblem(String expression) {
        return expression.isBlank()
                ? Optional.empty()
                : Template.expression(expression).problem();
    }
}
