package io.autosys.trialmanager.spec;

import io.autosys.sdk.api.Goal;
import io.autosys.sdk.api.Metrics;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/** What a study optimises: one metric in a direction, or a weighted reward over metrics (maximised). */
public sealed interface Objective permits Objective.Metric, Objective.Weighted {

    /** Which way the objective value is better. */
    Goal goal();

    /** The metrics the objective reads. */
    Set<String> metrics();

    /** The objective value of a trial's metrics; throws naming a metric the trial did not report. */
    double value(Metrics metrics);

    /** Optimise one metric; a null goal means "the target's own goal for the metric" until resolved. */
    record Metric(String metric, Goal goal) implements Objective {
        public Metric {
            Objects.requireNonNull(metric, "objective metric");
        }

        @Override
        public Set<String> metrics() {
            return Set.of(metric);
        }

        @Override
        public double value(Metrics m) {
            return m.get(metric);
        }
    }

    /** Maximise {@code sum(weight * metric)}; negative weights penalise (latency). */
    record Weighted(Map<String, Double> weights) implements Objective {
        public Weighted {
            if (weights.isEmpty()) {
                throw new IllegalArgumentException("objective.reward lists no metrics");
            }
            weights = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(weights));
        }

        @Override
        public Goal goal() {
            return Goal.MAXIMIZE;
        }

        @Override
        public Set<String> metrics() {
            return weights.keySet();
        }

        @Override
        public double value(Metrics m) {
            double sum = 0;
            for (var e : weights.entrySet()) {
                sum += e.getValue() * m.get(e.getKey());
            }
            return sum;
        }
    }
}
