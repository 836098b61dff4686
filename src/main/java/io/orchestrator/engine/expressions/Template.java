package io.orchestrator.engine.expressions;

import static io.orchestrator.platform.Jsonp.JSON;

import jakarta.el.ELException;
import jakarta.el.ExpressionFactory;
import jakarta.el.ValueExpression;
import jakarta.json.JsonValue;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.glassfish.expressly.ExpressionFactoryImpl;
import org.glassfish.expressly.lang.ExpressionBuilder;
import org.glassfish.expressly.parser.TokenMgrError;

/**
 * A string from a form value, compiled once: either exactly one {@code ${...}} (its result keeps
 * its JSON type), or text with {@code ${...}} parts (the result is text), or broken (with the
 * reason). Compiled templates are cached by their text, so a node run millions of times parses
 * its templates once; the cache is bounded by count and by characters (a compiled template can
 * take forty times its text) and simply starts over when full. Longer templates than form values
 * may hold are refused rather than compiled.
 *
 * <p>The {@code ${...}} parts are found here rather than by EL, so that {@code #{...}} in text
 * stays text and the text form of each value is ours (objects as JSON, null as nothing).
 * {@code \${} writes a literal {@code ${}.
 */
final class Template {

    static final ExpressionFactory FACTORY = new ExpressionFactoryImpl();

    /** As long as a form's text values may be: a template longer than that did not come from a saved form. */
    static final int MAX_TEMPLATE_CHARS = 100_000;

    private static final int CACHE_LIMIT = 10_000;
    private static final long CACHE_CHARS_LIMIT = 1_000_000;
    private static final Map<String, Template> CACHE = new ConcurrentHashMap<>();
    private static final AtomicLong CACHED_CHARS = new AtomicLong();
    private static final ScopeContext COMPILING = new ScopeContext(null, FACTORY);

    private final String text;
    private final String problem;
    private final ValueExpression whole;
    private final List<Object> parts;

    private Template(String text, String problem, ValueExpression whole, List<Object> parts) {
        this.text = text;
        this.problem = problem;
        this.whole = whole;
        this.parts = parts;
    }

    /** The compiled form of a template string (cached). */
    static Template of(String text) {
        Template template = CACHE.get(text);
        if (template == null) {
            if (text.length() > MAX_TEMPLATE_CHARS) {
                return broken(
                        JsonData.abbreviate(text),
                        "A template may be at most " + MAX_TEMPLATE_CHARS + " characters long, but this one has "
                                + text.length() + ".");
            }
            template = compile(text);
            if (CACHE.size() >= CACHE_LIMIT || CACHED_CHARS.addAndGet(text.length()) > CACHE_CHARS_LIMIT) {
                CACHE.clear();
                CACHED_CHARS.set(text.length());
            }
            CACHE.put(text, template);
        }
        return template;
    }

    /** An expression written with or without its {@code ${}}: it must be exactly one. */
    static Template expression(String expression) {
        String trimmed = expression.strip();
        Template template = of(trimmed.contains("${") ? trimmed : "${" + trimmed + "}");
        if (template.problem == null && template.whole == null) {
            return broken(
                    expression,
                    "Write one expression, such as ${input.amount > 100}, not a text with" + " expressions in it: '"
                            + expression + "'.");
        }
        return template;
    }

    Optional<String> problem() {
        return Optional.ofNullable(problem);
    }

    String text() {
        return text;
    }

    /** The value of a template that is one expression, as EL computed it. */
    Object evaluate(ScopeContext context) throws ExpressionException {
        failIfBroken();
        return evaluate(whole, context);
    }

    JsonValue render(ScopeContext context) throws ExpressionException {
        failIfBroken();
        if (whole != null) {
            return json(whole.getExpressionString(), evaluate(whole, context));
        }
        StringBuilder result = new StringBuilder(text.length() + 16);
        for (Object part : parts) {
            if (part instanceof ValueExpression expression) {
                result.append(text(expression.getExpressionString(), evaluate(expression, context)));
            } else {
                result.append((String) part);
            }
            if (result.length() > ResultLimits.MAX_TEXT_CHARS) {
                throw new ExpressionException(
                        "The text of '" + JsonData.abbreviate(text) + "' would be longer than the "
                                + ResultLimits.MAX_TEXT_CHARS + " characters a template may write.");
            }
        }
        return JSON.createValue(result.toString());
    }

    private static JsonValue json(String source, Object value) throws ExpressionException {
        try {
            return JsonData.toJson(value);
        } catch (IllegalArgumentException notData) {
            throw failure(source, notData.getMessage());
        }
    }

    private static String text(String source, Object value) throws ExpressionException {
        try {
            return JsonData.text(value);
        } catch (IllegalArgumentException notData) {
            throw failure(source, notData.getMessage());
        }
    }

    private void failIfBroken() throws ExpressionException {
        if (problem != null) {
            throw new ExpressionException(problem);
        }
    }

    private static Object evaluate(ValueExpression expression, ScopeContext context) throws ExpressionException {
        try {
            return expression.getValue(context);
        } catch (RuntimeException failed) {
            // Only our resolver and functions run inside, so whatever fails is the expression's doing;
            // EL lets its own coercion errors out raw (NumberFormatException and others).
            throw failure(expression.getExpressionString(), ExpressionMessages.reason(failed));
        } catch (StackOverflowError tooDeep) {
            throw failure(expression.getExpressionString(), "it is nested too deeply");
        }
    }

    private static ExpressionException failure(String expression, String reason) {
        return new ExpressionException(expression + ": " + ExpressionMessages.friendly(reason));
    }

    // compiling

    private static Template compile(String text) {
        List<Object> parts = new ArrayList<>();
        StringBuilder literal = new StringBuilder();
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '\\' && text.startsWith("${", i + 1)) {
                literal.append("${");
                i += 3;
            } else if (c == '$' && text.startsWith("{", i + 1)) {
                int end = closingBrace(text, i + 2);
                if (end < 0) {
                    return broken(text, "The '${' at character " + (i + 1) + " of '" + text + "' has no closing '}'.");
                }
                String source = text.substring(i, end + 1);
                Object compiled = compileExpression(source);
                if (compiled instanceof String problem) {
                    return broken(text, problem);
                }
                if (!literal.isEmpty()) {
                    parts.add(literal.toString());
                    literal.setLength(0);
                }
                parts.add(compiled);
                i = end + 1;
            } else {
                literal.append(c);
                i++;
            }
        }
        if (!literal.isEmpty() || parts.isEmpty()) {
            parts.add(literal.toString());
        }
        if (parts.size() == 1 && parts.get(0) instanceof ValueExpression single) {
            return new Template(text, null, single, List.of());
        }
        return new Template(text, null, null, List.copyOf(parts));
    }

    private static Template broken(String text, String problem) {
        return new Template(text, problem, null, List.of());
    }

    /** The index of the '}' closing an expression that starts at {@code from}, skipping braces and quoted text inside it. */
    private static int closingBrace(String text, int from) {
        int depth = 0;
        char quote = 0;
        for (int i = from; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quote != 0) {
                if (c == '\\') {
                    i++;
                } else if (c == quote) {
                    quote = 0;
                }
            } else if (c == '\'' || c == '"') {
                quote = c;
            } else if (c == '{') {
                depth++;
            } else if (c == '}') {
                if (depth == 0) {
                    return i;
                }
                depth--;
            }
        }
        return -1;
    }

    /** A ValueExpression for {@code ${...}}, or the problem with it as a String. */
    private static Object compileExpression(String source) {
        if (source.substring(2, source.length() - 1).isBlank()) {
            return "The expression " + source + " is empty.";
        }
        try {
            ValueExpression expression = FACTORY.createValueExpression(COMPILING, source, Object.class);
            Optional<String> refused = SandboxRules.problem(ExpressionBuilder.createNode(source));
            if (refused.isPresent()) {
                return source + ": " + refused.get();
            }
            return expression;
        } catch (ELException invalid) {
            return ExpressionMessages.syntaxError(source, invalid);
        } catch (TokenMgrError unreadable) {
            return ExpressionMessages.syntaxError(source, unreadable);
        } catch (StackOverflowError tooDeep) {
            return "Syntax error in " + source + ": it is nested too deeply.";
        }
    }
}
