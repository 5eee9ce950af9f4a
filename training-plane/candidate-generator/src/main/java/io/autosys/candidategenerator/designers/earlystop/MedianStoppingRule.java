package io.autosys.candidategenerator.designers.earlystop;

import io.autosys.candidategenerator.designers.Settings;
import io.autosys.sdk.api.Goal;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The median stopping rule (Golovin et al., "Google Vizier", KDD 2017; NNI's and Katib's
 * "medianstop"): stop a running trial at step t when its best intermediate value so far is
 * worse than the median, over completed trials that reached step t, of their running averages
 * up to t. Never before {@code min_trials} completed trials reached t, and never before step
 * {@code min_steps}. Pure: the caller passes the curves.
 */
public final class MedianStoppingRule {
    static final Set<String> KNOWN = Set.of("min_trials", "min_steps");
    private final Goal goal;
    private final int minTrials;
    private final int minSteps;

    public MedianStoppingRule(Goal goal, Map<String, Object> settings) {
        this.goal = java.util.Objects.requireNonNull(goal, "goal");
        Settings s = Settings.of("median-stop", settings, KNOWN);
        minTrials = s.integer("min_trials", 5, 1, 1_000_000);
        minSteps = s.integer("min_steps", 1, 1, 1_000_000);
    }

    /**
     * Whether the running trial should stop now. {@code completedCurves}: the intermediate values
     * of completed trials, step by step; {@code running}: the running trial's values so far
     * (its last entry is the current step).
     */
    public boolean shouldStop(List<double[]> completedCurves, double[] running) {
        int t = running.length;
        if (t < minSteps) {
            return false;
        }
        double[] averages = completedCurves.stream().filter(c -> c.length >= t).mapToDouble(c -> {
            double sum = 0;
            for (int i = 0; i < t; i++) {
                sum += c[i];
            }
            return sum / t;
        }).sorted().toArray();
        if (averages.length < minTrials) {
            return false;
        }
        int n = averages.length;
        double median = n % 2 == 1 ? averages[n / 2] : 0.5 * (averages[n / 2 - 1] + averages[n / 2]);
        double best = running[0];
        for (double v : running) {
            if (goal.better(v, best)) {
                best = v;
            }
        }
        return goal.better(median, best);
    }

    public int minTrials() {
        return minTrials;
    }

    public int minSteps() {
        return minSteps;
    }

    @Override
    public String toString() {
        return "MedianStoppingRule[goal=" + goal + ", min_trials=" + minTrials + ", min_steps=" + minSteps + "]";
    }
}
