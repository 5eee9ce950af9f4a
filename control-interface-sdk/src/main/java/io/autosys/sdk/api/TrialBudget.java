package io.autosys.sdk.api;

/**
 * How much effort a trial may spend. Zero fields mean "the target's default".
 *
 * @param durationMs wall-clock length of the workload in milliseconds, or 0
 * @param operations number of operations of the workload, or 0
 * @param fidelity   relative fidelity in (0, 1]; 0 is read as 1
 */
public record TrialBudget(long durationMs, long operations, double fidelity) {
    public static final TrialBudget DEFAULT = new TrialBudget(0, 0, 0);

    public TrialBudget {
        if (durationMs < 0) {
            throw new IllegalArgumentException("trial budget duration_ms must be >= 0, got " + durationMs);
        }
        if (operations < 0) {
            throw new IllegalArgumentException("trial budget operations must be >= 0, got " + operations);
        }
        if (!(fidelity >= 0 && fidelity <= 1)) {
            throw new IllegalArgumentException("trial budget fidelity must be in [0, 1], got " + fidelity);
        }
    }

    public static TrialBudget ofDuration(long millis) {
        return new TrialBudget(millis, 0, 0);
    }

    public static TrialBudget ofOperations(long operations) {
        return new TrialBudget(0, operations, 0);
    }

    /** The fidelity with the "0 means 1" rule applied. */
    public double effectiveFidelity() {
        return fidelity == 0 ? 1 : fidelity;
    }
}
