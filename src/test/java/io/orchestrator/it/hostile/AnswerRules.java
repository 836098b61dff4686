package io.orchestrator.it.hostile;

import io.orchestrator.it.support.Api;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.List;

/**
 * What every answer to a hostile request must be: below 500, free of the server's insides, and,
 * when it is a 4xx, the contract's {@code {error, code}} (README, Errors: every error has one
 * shape, 401 and 404 included). A HEAD answer has no body to check.
 */
public final class AnswerRules {

    /** What gives away a stack trace or a class name. */
    static final List<String> LEAKS =
            List.of("Exception", "\tat ", "java.", "jakarta.", "org.hibernate", "io.orchestrator.");

    private AnswerRules() {}

    /**
     * Checks one answer and adds what it breaks. {@code where} groups the violations (an endpoint
     * template), {@code request} names the request in the examples.
     */
    public static void check(
            Violations violations, String where, String request, String method, int status, String body) {
        String seen = request + " → " + status + " " + Violations.excerpt(body);
        if (status >= 500) {
            violations.add("status " + status + codeOf(body), where, seen);
        }
        String leak = leak(body);
        if (leak != null) {
            violations.add("server insides in the body (" + leak.strip() + ")", where, seen);
        }
        if (status >= 400 && status < 500 && !method.equals("HEAD") && !errorShape(body)) {
            violations.add("a " + status + " without {error, code}", where, seen);
        }
    }

    static String leak(String body) {
        if (body == null) {
            return null;
        }
        for (String leak : LEAKS) {
            if (body.contains(leak)) {
                return leak;
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
