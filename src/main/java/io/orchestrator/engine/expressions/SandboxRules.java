package io.orchestrator.engine.expressions;

import java.util.Optional;
import org.glassfish.expressly.parser.AstAssign;
import org.glassfish.expressly.parser.AstBracketSuffix;
import org.glassfish.expressly.parser.AstConcat;
import org.glassfish.expressly.parser.AstDotSuffix;
import org.glassfish.expressly.parser.AstFunction;
import org.glassfish.expressly.parser.AstIdentifier;
import org.glassfish.expressly.parser.AstLambdaExpression;
import org.glassfish.expressly.parser.AstMethodArguments;
import org.glassfish.expressly.parser.Node;

/**
 * What an expression may contain, checked on its syntax tree when it is compiled, so that a
 * forbidden expression is refused at save time and never evaluated: no method calls, no
 * assignment, no lambdas, no names beyond the scope's and the listed functions. The
 * resolver refuses the same things again at run time; this check gives the clearer message first.
 */
final class SandboxRules {

    private SandboxRules() {}

    static Optional<String> problem(Node node) {
        if (node instanceof AstAssign) {
            return Optional.of(JsonResolver.ASSIGNMENT_REFUSED);
        }
        if (node instanceof AstConcat) {
            // a += b += c copies texts as often as it is written: with request-sized texts that is
            // gigabytes from a short expression. Side by side in a template, the text is bounded.
            return Optional.of("Expressions cannot join texts with +=; write them side by side instead: '${a}${b}'.");
        }
        if (node instanceof AstLambdaExpression) {
            // Without method calls a lambda can do nothing a plain expression cannot, and lambdas
            // that apply themselves recurse without end.
            return Optional.of("Expressions cannot define lambdas (->).");
        }
        if (node instanceof AstMethodArguments && isMethodCall(node.jjtGetParent())) {
            return Optional.of(JsonResolver.methodCallRefused(methodName(node.jjtGetParent())));
        }
        if (node instanceof AstIdentifier && !JsonResolver.ROOT_NAMES.contains(node.getImage())) {
            return Optional.of(JsonResolver.unknownName(node.getImage()));
        }
        if (node instanceof AstFunction function
                && !(function.getPrefix().isEmpty() && ExpressionFunctions.isFunction(function.getLocalName()))) {
            return Optional.of("Unknown function '" + function.getOutputName() + "'. The functions are: "
                    + String.join(", ", ExpressionFunctions.names()) + ".");
        }
        for (int i = 0; i < node.jjtGetNumChildren(); i++) {
            Optional<String> problem = problem(node.jjtGetChild(i));
            if (problem.isPresent()) {
                return problem;
            }
        }
        return Optional.empty();
    }

    /** Arguments after a property ({@code x.name(...)}, {@code x['name'](...)}) call a method. */
    private static boolean isMethodCall(Node parent) {
        return parent instanceof AstDotSuffix || parent instanceof AstBracketSuffix;
    }

    private static String methodName(Node suffix) {
        return suffix instanceof AstDotSuffix ? suffix.getImage() : "[...]";
    }
}
