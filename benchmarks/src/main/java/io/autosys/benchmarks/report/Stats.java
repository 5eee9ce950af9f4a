package io.autosys.benchmarks.report;

import java.util.Arrays;

/** Order statistics over seeds: median, quartiles, geometric mean. */
public final class Stats {
    private Stats() {
    }

    /** The q-quantile (0..1) with linear interpolation, as numpy's default. NaNs are ignored. */
    public static double quantile(double[] values, double q) {
        double[] v = Arrays.stream(values).filter(d -> !Double.isNaN(d)).sorted().toArray();
        if (v.length == 0) {
            return Double.NaN;
        }
        double pos = q * (v.length - 1);
        int lo = (int) Math.floor(pos);
        int hi = (int) Math.ceil(pos);
        return v[lo] + (v[hi] - v[lo]) * (pos - lo);
    }

    public static double median(double[] values) {
        return quantile(values, 0.5);
    }

    public static double mean(double[] values) {
        return Arrays.stream(values).filter(d -> !Double.isNaN(d)).average().orElse(Double.NaN);
    }

    /** Geometric mean of positive values (others are floored at 1e-12 so one zero does not erase the rest). */
    public static double geometricMean(double[] values) {
        return Math.exp(Arrays.stream(values).map(v -> Math.log(Math.max(v, 1e-12))).average().orElse(Double.NaN));
    }
}
