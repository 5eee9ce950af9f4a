package io.autosys.modelrepository.api;

/** The life of a study. */
public enum StudyState {
    /** Created, not started yet. */
    PENDING,
    /** Trials are being scheduled. */
    RUNNING,
    /** Stopped by an operator; can be resumed. */
    STOPPED,
    /** Ran its budget (or its wall-clock limit) to the end. */
    COMPLETED,
    /** Ended early for a reason (failure budget spent, target gone); the reason is recorded. */
    FAILED;

    public boolean isTerminal() {
        return this == COMPLETED || this == FAILED;
    }
}
