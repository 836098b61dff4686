package io.orchestrator.engine;

import java.util.Arrays;

/** What started a run; stored in run.trigger_type and shown as the run's {@code trigger} under its wire name. */
public enum TriggerType {
    MANUAL("manual"),
    /** Started from the editor in development mode: pinned nodes are not executed, their pinned output stands. */
    DEVELOPMENT("development"),
    WEBHOOK("webhook"),
    SCHEDULE("schedule"),
    QUEUE("queue"),
    SUB_WORKFLOW("sub-workflow"),
    FORK("fork");

    private final String wireName;

    TriggerType(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    public static TriggerType fromWireName(String name) {
        for (TriggerType type : values()) {
            if (type.wireName.equals(name)) {
                return type;
            }
        }
        throw new IllegalArgumentException("Unknown trigger type '" + name + "'; known: "
                + Arrays.stream(values()).map(TriggerType::wireName).toList());
    }
}
