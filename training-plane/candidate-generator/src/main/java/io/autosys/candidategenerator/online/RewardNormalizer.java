package io.autosys.candidategenerator.online;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;

/**
 * Improvement 4: rewards reach exponential weights as {@code (r - mean) / (range / 2)}, about
 * [-1, 1]: the range is declared ({@code reward_range}) or the running min/max of the rewards
 * seen, the mean a running mean (rate {@code baseline_rate}). The scale keeps {@code exp(eta r /
 * p_hat)} finite whatever the reward's unit; subtracting the mean does not change which arm the
 * weights favour (every arm's estimate shifts alike) but shrinks the importance-weighted jumps of
 * rarely drawn arms, so the bandit is steadier and can follow a moved optimum.
 */
final class RewardNormalizer {
    private final double[] declared;
    private final double meanRate;
    private double min = Double.POSITIVE_INFINITY;
    private double max = Double.NEGATIVE_INFINITY;
    private double mean = Double.NaN;

    RewardNormalizer(double[] declaredRange, double meanRate) {
        this.declared = declaredRange == null ? null : declaredRange.clone();
        this.meanRate = meanRate;
    }

    double normalize(double r) {
        double halfRange;
        if (declared != null) {
            halfRange = (declared[1] - declared[0]) / 2;
        } else {
            min = Math.min(min, r);
            max = Math.max(max, r);
            halfRange = (max - min) / 2;
        }
        if (Double.isNaN(mean)) {
            mean = r;
        }
        double x = halfRange > 0 ? (r - mean) / halfRange : 0;
        mean += meanRate * (r - mean);
        return Math.max(-2, Math.min(2, x));
    }

    void write(DataOutputStream out) throws IOException {
        out.writeDouble(min);
        out.writeDouble(max);
        out.writeDouble(mean);
    }

    void read(DataInputStream in) throws IOException {
        min = in.readDouble();
        max = in.readDouble();
        mean = in.readDouble();
    }
}
