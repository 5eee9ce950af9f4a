package io.autosys.trialmanager.spec;

import io.autosys.sdk.api.TrialBudget;
import java.time.Duration;
import java.util.Objects;

/**
 * How much a study may spend.
 *
 * @param trials         trials to evaluate on the target (rule rejections are recorded but not counted)
 * @param parallelism    trials running at once (never more than the target allows)
 * @param maxFailures    trials that may fail (crash, time out, target unreachable after retries)
 *                       before the study stops as FAILED
 * @param trialDeadline  how long one trial may run
 * @param wallClock      the study's time limit, or null
 * @param trial          the effort of one trial, passed to the target (duration, operations)
 * @param maxRejections  proposals the rules may reject before the study stops as FAILED
 * @param retries        extra attempts for a trial whose target was unavailable
 */
public record Budget(int trials, int parallelism, int maxFailures, Duration trialDeadline, Duration wallClock,
        TrialBudget trial, int maxRejections, int retries) {
    public Budget {
        Objects.requireNonNull(trialDeadline, "budget.trial_deadline");
        Objects.requireNonNull(trial, "budget.trial");
        if (trials < 1) {
            throw new IllegalArgumentException("budget.trials must be >= 1, got " + trials);
        }
        if (parallelism < 1) {
            throw new IllegalArgumentException("budget.parallelism must be >= 1, got " + parallelism);
        }
        if (maxFailures < 0) {
            throw new IllegalArgumentException("budget.max_failures must be >= 0, got " + maxFailures);
        }
        if (trialDeadline.isNegative() || trialDeadline.isZero()) {
            throw new IllegalArgumentException("budget.trial_deadline must be > 0, got " + trialDeadline);
        }
        if (wallClock != null && (wallClock.isNegative() || wallClock.isZero())) {
            throw new IllegalArgumentException("budget.wall_clock must be > 0, got " + wallClock);
        }
        if (maxRejections < 0) {
            throw new IllegalArgumentException("budget.max_rejections must be >= 0, got " + maxRejections);
        }
        if (retries < 0) {
            throw new IllegalArgumentException("budget.retries must be >= 0, got " + retries);
        }
    }
}
