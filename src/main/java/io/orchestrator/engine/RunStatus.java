package io.orchestrator.engine;

/**
 * A run's status, as the API's task_status names it. PAUSED: paused by hand; nothing new starts
 * until it is resumed (attempts under way finish, waits and answers are still recorded).
 */
public enum RunStatus {
    PENDING,
    STARTED,
    WAITING,
    PAUSED,
    SUCCESS,
    FAILURE,
    REVOKED;

    public boolean isFinal() {
        return this == SUCCESS || this == FAILURE || this == REVOKED;
    }
}
