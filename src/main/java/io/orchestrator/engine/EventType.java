package io.orchestrator.engine;

import java.util.Locale;

/** The kinds of {@link RunEvent}, named on the WebSocket by their lower-case names ({@code node_completed}). */
public enum EventType {
    WORKFLOW_STARTED,
    WORKFLOW_WAITING,
    WORKFLOW_PAUSED,
    WORKFLOW_RESUMED,
    WORKFLOW_COMPLETED,
    WORKFLOW_FAILED,
    WORKFLOW_REVOKED,
    NODE_STARTED,
    NODE_COMPLETED,
    NODE_FAILED,
    NODE_SKIPPED,
    NODE_WAITING;

    private final String wireName = name().toLowerCase(Locale.ROOT);

    public String wireName() {
        return wireName;
    }

    /** The event that reports a run's end with this status. */
    public static EventType endOf(RunStatus status) {
        return switch (status) {
            case SUCCESS -> WORKFLOW_COMPLETED;
            case REVOKED -> WORKFLOW_REVOKED;
            default -> WORKFLOW_FAILED;
        };
    }
}
