package io.orchestrator.nodes.human;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** What a person does with a waiting human-input node. */
public enum HumanAction {
    SELECT,
    APPROVE,
    REJECT,
    /** Asks the nearest upstream node that takes feedback for new candidates. */
    REGENERATE;

    private final String wireName = name().toLowerCase(Locale.ROOT);

    public String wireName() {
        return wireName;
    }

    public static Optional<HumanAction> named(String name) {
        return Arrays.stream(values())
                .filter(action -> action.wireName.equals(name))
                .findFirst();
    }

    public static String wireNames() {
        return String.join(
                ", ", Arrays.stream(values()).map(HumanAction::wireName).toList());
    }
}
