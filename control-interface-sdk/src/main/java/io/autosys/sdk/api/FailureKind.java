package io.autosys.sdk.api;

/** Why a trial produced no metrics. */
public enum FailureKind {
    /** The configuration broke the target (crash, error on open). */
    CRASHED,
    /** The trial overran its deadline. */
    TIMED_OUT,
    /** The caller cancelled the trial. */
    CANCELLED,
    /** The rule engine or the target's validation refused the configuration. */
    REJECTED,
    /** The target was unreachable or failed for reasons unrelated to the configuration. */
    UNAVAILABLE,
    /** Stopped early because its intermediate metrics were poor. */
    EARLY_STOPPED;

    /** True when the failure says something about the configuration (the designer should learn it). */
    public boolean blamesConfiguration() {
        return this == CRASHED || this == TIMED_OUT || this == REJECTED;
    }
}
