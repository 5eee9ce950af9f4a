package io.autosys.modelrepository.api;

/** The life of a trial. PENDING and RUNNING are open; the others are terminal and final. */
public enum TrialState {
    /** Suggested and accepted by the rules, not yet started on the target. */
    PENDING,
    /** Running on the target. */
    RUNNING,
    /** Finished with metrics; the objective is set. */
    SUCCEEDED,
    /** Failed for reasons that do not blame the configuration (target unreachable). */
    FAILED,
    /** The configuration is infeasible: rejected by the rules, crashed the target, or broke an outcome constraint. */
    INFEASIBLE,
    /** Overran its deadline (infeasible for the designer). */
    TIMED_OUT,
    /** Stopped by the early-stopping rule. */
    EARLY_STOPPED,
    /** Cancelled by an operator or by the study ending. */
    CANCELLED;

    public boolean isTerminal() {
        return this != PENDING && this != RUNNING;
    }
}
