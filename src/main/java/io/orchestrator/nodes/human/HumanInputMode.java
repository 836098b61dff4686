package io.orchestrator.nodes.human;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** What a human-input node asks of a person. */
public enum HumanInputMode {
    /** Pick exactly one candidate. */
    SELECT_ONE,
    /** Pick one or more candidates; their texts are merged. */
    SELECT_MANY,
    /** Approve or reject what is shown. */
    APPROVE,
    /** Write a text (or approve the one shown). */
    TEXT;

    private final String wireName = name().toLowerCase(Locale.ROOT);

    public String wireName() {
        return wireName;
    }

    public boolean selects() {
        return this == SELECT_ONE || this == SELECT_MANY;
    }

    public static Optional<HumanInputMode> named(String name) {
        return Arrays.stream(values())
                .filter(mode -> mode.wireName.equals(name))
                .findFirst();
    }

    public static String[] wireNames() {
        return Arrays.stream(values()).map(HumanInputMode::wireName).toArray(String[]::new);
    }
}
