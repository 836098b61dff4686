package io.orchestrator.engine;

/** A run's status, as the API's task_status names it. */
public enum RunStatus {
    PENDING,
    STARTED,
    WAITING,
    SUCCESS,
    FAILURE,
    REVOKED;

    public boolean isFinal() {
        return this == SUCCESS || this == FAILURE || this == REVOKED;
    }
}
