package io.autosys.modeltrainer;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Distances between workload signatures (numeric context features such as read fraction or
 * value size). Features are compared on a relative scale, |a - b| / max(|a|, |b|, 1e-9), so a
 * request rate and a ratio weigh alike; a feature only one side has counts as the maximum
 * distance 1.
 */
public final class WorkloadSignatures {
    private WorkloadSignatures() {
    }

    /** Root-mean-square relative distance over the union of features; 0 for two empty signatures. */
    public static double distance(Map<String, Double> a, Map<String, Double> b) {
        Set<String> keys = new HashSet<>(a.keySet());
        keys.addAll(b.keySet());
        if (keys.isEmpty()) {
            return 0;
        }
        double sum = 0;
        for (String k : keys) {
            Double x = a.get(k);
            Double y = b.get(k);
            double d;
            if (x == null || y == null) {
                d = 1;
            } else {
                d = Math.abs(x - y) / Math.max(Math.max(Math.abs(x), Math.abs(y)), 1e-9);
                d = Math.min(1, d);
            }
            sum += d * d;
        }
        return Math.sqrt(sum / keys.size());
    }
}
