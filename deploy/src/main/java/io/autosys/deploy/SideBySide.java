package io.autosys.deploy;

import io.autosys.ruleengine.api.ActuationGate;
import io.autosys.sdk.api.Configuration;
import io.autosys.sdk.api.Goal;
import io.autosys.sdk.api.MetricSpec;
import io.autosys.sdk.api.TrialBudget;
import io.autosys.sdk.api.TrialOutcome;
import io.autosys.sdk.api.TrialRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Measures two configurations again, interleaved (A, B, A, B, ...) so both see the same machine
 * noise, through the rule engine's gate like any trial, and compares their medians.
 */
final class SideBySide {
    private SideBySide() {
    }

    /** Both series and the improvement of {@code candidate} over {@code baseline}, in percent (positive is better). */
    record Result(List<Double> baseline, List<Double> candidate, MetricSpec metric) {
        double baselineMedian() {
            return median(baseline);
        }

        double candidateMedian() {
            return median(candidate);
        }

        double improvementPercent() {
            double b = baselineMedian();
            double c = candidateMedian();
            return metric.goal() == Goal.MAXIMIZE ? (c / b - 1) * 100 : (1 - c / b) * 100;
        }
    }

    static Result measure(ActuationGate gate, Configuration baseline, Configuration candidate, TrialBudget budget,
            Duration deadline, MetricSpec metric, int repeats) {
        var a = new ArrayList<Double>();
        var b = new ArrayList<Double>();
        for (int i = 0; i < repeats; i++) {
            a.add(run(gate, baseline, budget, deadline, "baseline-" + i, metric));
            b.add(run(gate, candidate, budget, deadline, "candidate-" + i, metric));
        }
        return new Result(a, b, metric);
    }

    private static double run(ActuationGate gate, Configuration c, TrialBudget budget, Duration deadline, String id,
            MetricSpec metric) {
        // The same workload seed for every run: only the configuration differs.
        TrialOutcome o = gate.runTrial(new TrialRequest("side-by-side-" + id, c, budget, 4242), deadline, null);
        if (o instanceof TrialOutcome.Succeeded s) {
            return s.metrics().get(metric.name());
        }
        throw new IllegalStateException("re-measurement " + id + " failed: " + o);
    }

    static double median(List<Double> v) {
        var s = v.stream().sorted().toList();
        int n = s.size();
        return n % 2 == 1 ? s.get(n / 2) : (s.get(n / 2 - 1) + s.get(n / 2)) / 2;
    }
}
