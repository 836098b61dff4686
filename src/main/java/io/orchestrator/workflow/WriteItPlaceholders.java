package io.orchestrator.workflow;

import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** WriteIt's {@code {{ ... }}} placeholders as this server's {@code ${...}} expressions. */
final class WriteItPlaceholders {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{\\s*([A-Za-z_][A-Za-z0-9_.\\-]*)\\s*}}");
    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final Set<String> STEP_TEXT = Set.of("response", "selected_response", "text");

    private final Set<String> inputs;
    private final Map<String, String> stepNames;
    private final JsonObject defaults;

    /** {@code stepNames}: each step's key and the name of its node. */
    WriteItPlaceholders(Set<String> inputs, Map<String, String> stepNames, JsonObject defaults) {
        this.inputs = inputs;
        this.stepNames = stepNames;
        this.defaults = defaults;
    }

    String of(String template) {
        Matcher matcher = PLACEHOLDER.matcher(template);
        StringBuilder out = new StringBuilder(template.length());
        while (matcher.find()) {
            String expression = expression(matcher.group(1));
            matcher.appendReplacement(out, Matcher.quoteReplacement(expression == null ? matcher.group() : expression));
        }
        matcher.appendTail(out);
        return out.toString();
    }

    /** A model name may be written as {@code {{ defaults.model }}}: the default's value, else as written. */
    String literal(String text) {
        Matcher matcher = PLACEHOLDER.matcher(text.trim());
        if (matcher.matches() && matcher.group(1).startsWith("defaults.")) {
            JsonValue value = defaults.get(matcher.group(1).substring("defaults.".length()));
            return value == null ? text : plainText(value);
        }
        return text;
    }

    private String expression(String path) {
        String[] parts = path.split("\\.");
        if (parts[0].equals("inputs") && parts.length >= 2) {
            return "${" + node(WriteItPipeline.TRIGGER) + ".output" + properties(parts, 1) + "}";
        }
        if (parts[0].equals("steps") && parts.length >= 2 && stepNames.containsKey(parts[1])) {
            String node = node(stepNames.get(parts[1]));
            if (parts.length == 2 || parts.length == 3 && STEP_TEXT.contains(parts[2])) {
                return "${" + node + ".output.text}";
            }
            return "${" + node + ".output" + properties(parts, 2) + "}";
        }
        if (parts[0].equals("defaults") && parts.length == 2 && defaults.containsKey(parts[1])) {
            return plainText(defaults.get(parts[1]));
        }
        if (inputs.contains(parts[0])) {
            return "${" + node(WriteItPipeline.TRIGGER) + ".output" + properties(parts, 0) + "}";
        }
        return null;
    }

    private static String node(String name) {
        return "nodes['" + name.replace("\\", "\\\\").replace("'", "\\'") + "']";
    }

    private static String properties(String[] parts, int from) {
        StringBuilder path = new StringBuilder();
        for (int i = from; i < parts.length; i++) {
            path.append(IDENTIFIER.matcher(parts[i]).matches() ? "." + parts[i] : "['" + parts[i] + "']");
        }
        return path.toString();
    }

    static String plainText(JsonValue value) {
        return value instanceof JsonString text ? text.getString() : value.toString();
    }
}
