package io.orchestrator.engine.expressions;

import jakarta.el.ELException;
import java.util.MissingResourceException;
import java.util.regex.Pattern;
import org.glassfish.expressly.parser.ParseException;
import org.glassfish.expressly.parser.Token;
import org.glassfish.expressly.parser.TokenMgrError;

/**
 * EL's complaints rewritten for the person who wrote the expression: where a syntax error is,
 * a function's own message rather than EL's wrapper, and kinds of data instead of Java classes.
 */
final class ExpressionMessages {

    private static final Pattern JAVA_CLASS = Pattern.compile("(?:class )?((?:java|jakarta|org)\\.[\\w.$]+)");

    private ExpressionMessages() {}

    /** The message worth showing: a function's own complaint rather than EL's wrapper around it. */
    static String reason(RuntimeException failed) {
        if (failed instanceof NumberFormatException notANumber) {
            String message = String.valueOf(notANumber.getMessage());
            return "cannot use " + message.replace("For input string: ", "") + " as a number";
        }
        if (failed instanceof MissingResourceException) {
            return "a value is of the wrong kind for this operator"; // EL's message for it is missing
        }
        Throwable cause = failed.getCause();
        if (failed instanceof ELException && cause instanceof IllegalArgumentException && cause.getMessage() != null) {
            return cause.getMessage();
        }
        String message = failed.getMessage();
        return message == null || message.isBlank()
                ? "it could not be evaluated (" + failed.getClass().getSimpleName() + ")"
                : message;
    }

    /** EL's coercion messages name Java classes; a user knows text, numbers, lists and objects. */
    static String friendly(String message) {
        return JAVA_CLASS.matcher(message).replaceAll(match -> kindOf(match.group(1)));
    }

    private static String kindOf(String javaClass) {
        String name = javaClass.substring(javaClass.lastIndexOf('.') + 1);
        if (name.equals("String") || name.equals("Character")) {
            return "text";
        }
        if (name.equals("Boolean")) {
            return "boolean";
        }
        if (name.contains("Map") || name.contains("Object")) {
            return "object";
        }
        if (name.contains("List") || name.contains("Array") || name.contains("Set")) {
            return "list";
        }
        return name.matches("Long|Integer|Short|Byte|Double|Float|BigDecimal|BigInteger|Number") ? "number" : "value";
    }

    static String syntaxError(String source, ELException invalid) {
        if (invalid.getCause() instanceof ParseException parse
                && parse.currentToken != null
                && parse.currentToken.next != null) {
            Token next = parse.currentToken.next;
            if (next.kind == 0 || "}".equals(next.image) && next.beginColumn == source.length()) {
                return "Syntax error in " + source + ": it ends too early.";
            }
            return "Syntax error in " + source + ": unexpected '" + next.image + "' at character " + next.beginColumn
                    + ".";
        }
        if (invalid.getCause() instanceof TokenMgrError unreadable) {
            return syntaxError(source, unreadable);
        }
        return "Syntax error in " + source + ": " + friendly(firstLine(invalid.getMessage()));
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "it cannot be read.";
        }
        int end = message.indexOf('\n');
        return end < 0 ? message : message.substring(0, end);
    }

    static String syntaxError(String source, TokenMgrError unreadable) {
        return "Syntax error in " + source + ": " + firstLine(unreadable.getMessage());
    }
}
