package io.autosys.trialmanager.spec;

/**
 * The median stopping rule (NNI, Katib): stop a running trial whose intermediate {@code metric}
 * at a step is worse than the median of completed trials at the same step, once at least
 * {@code minTrials} trials completed and the trial reached {@code minSteps}.
 */
public record EarlyStopping(String metric, int minTrials, int minSteps) {
    public EarlyStopping {
        if (minTrials < 1) {
            throw new IllegalArgumentException("early_stopping.min_trials must be >= 1, got " + minTrials);
        }
        if (minSteps < 1) {
            throw new IllegalArgumentException("early_stopping.min_steps must be >= 1, got " + minSteps);
        }
    }
}
