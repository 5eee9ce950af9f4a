package io.autosys.benchmarks.online;

/** The figures of BENCHMARKS.md section 3, from one run's reward per round (index 0 = round 1). */
public final class RewardCurves {
    private RewardCurves() {
    }

    /** Mean reward over rounds {@code from..to} (1-based, inclusive). */
    public static double mean(double[] rewards, int from, int to) {
        double s = 0;
        for (int t = from; t <= to; t++) {
            s += rewards[t - 1];
        }
        return s / (to - from + 1);
    }

    /**
     * The first round t >= {@code after} + window whose mean over the last {@code window} rounds
     * (all after round {@code after}) reaches {@code level}, minus {@code after}; +infinity when
     * it never does.
     */
    public static double roundsToReach(double[] rewards, double level, int window, int after) {
        double s = 0;
        for (int t = after + 1; t <= rewards.length; t++) {
            s += rewards[t - 1];
            if (t - after > window) {
                s -= rewards[t - 1 - window];
            }
            if (t - after >= window && s / window >= level) {
                return t - after;
            }
        }
        return Double.POSITIVE_INFINITY;
    }

    /** The trailing {@code window}-round mean at every round (shorter at the start). */
    public static double[] movingMean(double[] rewards, int window) {
        double[] out = new double[rewards.length];
        double s = 0;
        for (int t = 0; t < rewards.length; t++) {
            s += rewards[t];
            if (t >= window) {
                s -= rewards[t - window];
            }
            out[t] = s / Math.min(window, t + 1);
        }
        return out;
    }
}
