package io.orchestrator.nodes.command;

import java.util.Locale;

/** Which of a command's outputs a line came from. */
public enum OutputChannel {
    STDOUT,
    STDERR;

    private final String wireName = name().toLowerCase(Locale.ROOT);

    public String wireName() {
        return wireName;
    }
}
