package io.orchestrator.it.hostile;

import io.orchestrator.it.support.Api;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What every answer to a hostile request must be: below 500, free of the server's insides, and,
 * when it is a 4xx, the contract's {@code {error, code}} (README, Errors: every error has one
 * shape, 401 and 404 included). A HEAD answer has no body to check.
 *
 * <p>Insides are what a stack trace or an exception's text looks like, not any mention of Java: a
 * caller may store {@code java.lang.Runtime} in a description and get it back, as it should.
 *
 * <p>Two kinds of answer are Open Liberty's own, made outside the application, and no setting of
 * the project's shapes them; they are held to every rule but the error shape (see {@link
 * #containerAnswer}).
 */
public final class AnswerRules {

    /**
     * The shapes of the server's insides, each with the name a violation gives it. A frame has no
     * word boundary before it: in a JSON string it follows an escaped tab ({@code \\tat ...}).
     */
    private static final List<Leak> LEAKS = List.of(
            new Leak(
                    "a stack frame",
                    Pattern.compile(
                            "at [\\w$]+(?:\\.[\\w$<>]+)+\\((?:[\\w$]+\\.java(?::\\d+)?|Native Method|Unknown Source)\\)")),
            new Leak("a trace's cause", Pattern.compile("\\bCaused by: [\\w$.]+")),
            new Leak(
                    "an exception's class name",
                    Pattern.compile(
                            "\\b[a-z][\\w$]*(?:\\.[a-z][\\w$]*)+\\.[A-Z][\\w$]*(?:Exception|Error|Throwable)\\b")),
            new Leak("an exception's text", Pattern.compile("\\b[A-Z][\\w$]*Exception: ")));

    private record Leak(String name, Pattern shape) {}

    /**
     * /health (mpHealth) and /metrics (mpMetrics) are Liberty's own applications, beside ours: their
     * 4xx (a method other than GET, an Accept they cannot serve, a path under theirs) are plain text,
     * and no error page of the application's web.xml reaches them.
     */
    private static final Pattern LIBERTY_APPLICATION = Pattern.compile("^/(?:health|metrics)(?:[/?]|$)");

    /**
     * mpHealth's 404 for a path under /health: the container's default text, naming its exceptions,
     * the one answer of this kind that does; no webContainer setting changes it (tried:
     * displaycustomizedexceptiontext). Exactly this text, nothing else, is let through.
     */
    private static final Pattern LIBERTY_NOT_FOUND = Pattern.compile(
            "Error 404: jakarta\\.servlet\\.ServletException: java\\.io\\.FileNotFoundException: SRVE0190E: File not"
                    + " found: [^\\s<>]*\\s*");

    private AnswerRules() {}

    /**
     * Checks one answer and adds what it breaks. {@code where} groups the violations (an endpoint
     * template), {@code request} names the request in the examples.
     */
    public static void check(
            Violations violations, String where, String request, String method, int status, String body) {
        check(violations, where, request, method, null, status, body);
    }

    /** As above, for a request to {@code path} (with its query), which may be one Liberty answers itself. */
    public static void check(
            Violations violations, String where, String request, String method, String path, int status, String body) {
        String seen = request + " → " + status + " " + Violations.excerpt(body);
        if (status >= 500) {
            violations.add("status " + status + codeOf(body), where, seen);
        }
        boolean container = path != null && containerAnswer(path, status, body);
        String leak = container && LIBERTY_NOT_FOUND.matcher(body).matches() ? null : leak(body);
        if (leak != null) {
            violations.add("server insides in the body (" + leak + ")", where, seen);
        }
        if (status >= 400 && status < 500 && !method.equals("HEAD") && !container && !errorShape(body)) {
            violations.add("a " + status + " without {error, code}", where, seen);
        }
    }

    /** Whether this 4xx is one Liberty makes itself, outside the application (see the patterns above). */
    static boolean containerAnswer(String path, int status, String body) {
        if (status < 400 || status >= 500) {
            return false;
        }
        String beforeQuery = path.contains("?") ? path.substring(0, path.indexOf('?')) : path;
        return LIBERTY_APPLICATION.matcher(beforeQuery).find();
    }

    /** The name and the text of the first of the server's insides in this text, or null. */
    static String leak(String body) {
        if (body == null) {
            return null;
        }
        for (Leak leak : LEAKS) {
            Matcher found = leak.shape().matcher(body);
            if (found.find()) {
                return leak.name() + ": " + found.group();
            }
        }
        return null;
    }

    private static boolean errorShape(String body) {
        JsonValue json = new Api.Response(0, null, body).json();
        return json instanceof JsonObject object
                && object.get("error") instanceof JsonString error
                && !error.getString().isBlank()
                && object.get("code") instanceof JsonString;
    }

    private static String codeOf(String body) {
        JsonValue json = new Api.Response(0, null, body).json();
        if (json instanceof JsonObject object && object.get("code") instanceof JsonString code) {
            return " " + code.getString();
        }
        return "";
    }
}
