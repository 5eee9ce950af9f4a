package io.autosys.ruleengine.api;

/** Why a configuration is being checked; rules may treat trials on replicas and live actuation differently. */
public enum Purpose {
    /** A trial on a replica or a benchmark copy (RunTrial). */
    TRIAL,
    /** An actuation on the live system (Apply), including rollbacks. */
    APPLY,
    /** A dry run (the CLI's rule test, a designer's pre-screening); nothing is actuated. */
    CHECK
}
