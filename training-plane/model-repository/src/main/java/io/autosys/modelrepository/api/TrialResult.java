package io.autosys.modelrepository.api;

import io.autosys.sdk.api.Metrics;
import java.util.Objects;

/**
 * How a trial ended, as recorded: a terminal state, the objective (NaN unless SUCCEEDED), the
 * metrics, and the reason.
 */
public record TrialResult(TrialState state, double objective, Metrics metrics, String reason) {
    public TrialResult {
        Objects.requireNonNull(state, "state");
        if (!state.isTerminal()) {
            throw new IllegalArgumentException("a trial result needs a terminal state, got " + state);
        }
        if (state == TrialState.SUCCEEDED && !Double.isFinite(objective)) {
            throw new IllegalArgumentException("a succeeded trial needs a finite objective, got " + objective);
        }
        metrics = metrics == null ? Metrics.empty() : metrics;
        reason = reason == null ? "" : reason;
    }

    public static TrialResult succeeded(double objective, Metrics metrics) {
        return new TrialResult(TrialState.SUCCEEDED, objective, metrics, "");
    }

    public static TrialResult ended(TrialState state, String reason) {
        return new TrialResult(state, Double.NaN, Metrics.empty(), reason);
    }
}
