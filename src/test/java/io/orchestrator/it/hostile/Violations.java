package io.orchestrator.it.hostile;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Every answer that broke a rule, collected rather than failing at the first, and told back
 * grouped by cause and endpoint, with a few examples each: a list to fix from.
 */
public final class Violations {

    /** One broken rule: which (the cause), where (an endpoint or a phase), and what was seen. */
    public record Violation(String cause, String where, String example) {}

    private static final int EXAMPLES = 3;
    private static final int EXCERPT = 300;

    private final Queue<Violation> all = new ConcurrentLinkedQueue<>();

    public void add(String cause, String where, String example) {
        all.add(new Violation(cause, where, example));
    }

    public boolean isEmpty() {
        return all.isEmpty();
    }

    public int size() {
        return all.size();
    }

    /** The groups, largest first: "cause — where: count", then the first examples. */
    public String report() {
        Map<String, List<Violation>> groups = new LinkedHashMap<>();
        for (Violation violation : all) {
            groups.computeIfAbsent(violation.cause() + " — " + violation.where(), key -> new ArrayList<>())
                    .add(violation);
        }
        StringBuilder report = new StringBuilder();
        groups.entrySet().stream()
                .sorted((a, b) ->
                        Integer.compare(b.getValue().size(), a.getValue().size()))
                .forEach(group -> {
                    report.append("\n* ")
                            .append(group.getKey())
                            .append(": ")
                            .append(group.getValue().size())
                            .append('\n');
                    group.getValue().stream()
                            .limit(EXAMPLES)
                            .forEach(violation -> report.append("    ")
                                    .append(violation.example())
                                    .append('\n'));
                });
        return report.toString();
    }

    /** The start of a body, on one line, for an example. */
    public static String excerpt(String body) {
        if (body == null) {
            return "<no body>";
        }
        String line = body.replace("\r", "\\r").replace("\n", "\\n").replace("\t", "\\t");
        return line.length() > EXCERPT ? line.substring(0, EXCERPT) + "…(" + body.length() + " chars)" : line;
    }
}
