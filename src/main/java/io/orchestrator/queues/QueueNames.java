package io.orchestrator.queues;

import java.util.regex.Pattern;

/** What a queue may be called: a name both the embedded engine and RabbitMQ accept as it is. */
public final class QueueNames {

    public static final int MAX_LENGTH = 200;

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9._:-]*");

    private QueueNames() {}

    /** What is wrong with the name, or null. */
    public static String problem(String name) {
        if (name == null || name.isBlank()) {
            return "A queue name is required.";
        }
        if (name.length() > MAX_LENGTH || !NAME.matcher(name).matches()) {
            return "Use letters, digits, _ and, after the first character, . : - (at most " + MAX_LENGTH
                    + " characters).";
        }
        return null;
    }
}
