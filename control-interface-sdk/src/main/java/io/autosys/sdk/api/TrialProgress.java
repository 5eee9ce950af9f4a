package io.autosys.sdk.api;

import java.util.Objects;

/**
 * An intermediate report of a running trial.
 *
 * @param step         monotonic step number from 1 (the x axis of early stopping)
 * @param fractionDone share of the budget used, in [0, 1]
 * @param metrics      intermediate metrics
 */
public record TrialProgress(long step, double fractionDone, Metrics metrics) {
    public TrialProgress {
        if (step < 1) {
            throw new IllegalArgumentException("progress step must be >= 1, got " + step);
        }
        if (!(fractionDone >= 0 && fractionDone <= 1)) {
            throw new IllegalArgumentException("fraction_done must be in [0, 1], got " + fractionDone);
        }
        Objects.requireNonNull(metrics, "metrics");
    }
}
