package io.orchestrator.engine;

/** The status of one attempt of one node in a run. */
public enum StepStatus {
    RUNNING,
    WAITING,
    SUCCESS,
    FAILURE,
    SKIPPED,
    REVOKED;

    public boolean isFinal() {
        return this == SUCCESS || this == FAILURE || this == SKIPPED || this == REVOKED;
    }
}
