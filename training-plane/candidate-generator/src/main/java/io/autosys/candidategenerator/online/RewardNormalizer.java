package io.autosys.candidategenerator.online;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;

/**
 * Improvement 4: maps rewards to [-1, 1] before exponential weights see them, by a declared range
 * or by the running min/max of the rewards seen so far (the first reward maps to 0).
 */
final class RewardNormalizer {
    private final double[] declared;
    private double min = Double.POSITIVE_INFINITY;
    private double max = Double.NEGATIVE_INFINITY;

    RewardNormalizer(double[] declaredRange) {
        this.declared = declaredRange == null ? null : declaredRange.clone();
    }

    double normalize(double r) {
        if (declared != null) {
            double x = 2 * (r - declared[0]) / (declared[1] - declared[0]) - 1;
            return Math.max(-1, Math.min(1, x));
        }
        min = Math.min(min, r);
        max = Math.max(max, r);
        return max > min ? 2 * (r - min) / (max - min) - 1 : 0;
    }

    void write(DataOutputStream out) throws IOException {
        out.writeDouble(min);
        out.writeDouble(max);
    }

    void read(DataInputStream in) throws IOException {
        min = in.readDouble();
        max = in.readDouble();
    }
}
