package io.autosys.ruleengine.facts;

import io.autosys.sdk.api.Metrics;
import java.util.Objects;

/** Metrics as rules see them: {@code value(name)} is NaN when the metric was not reported. */
public abstract class MetricsFact {
    private final Metrics metrics;

    protected MetricsFact(Metrics metrics) {
        this.metrics = Objects.requireNonNull(metrics, "metrics");
    }

    public Metrics getMetrics() {
        return metrics;
    }

    public boolean has(String name) {
        return metrics.values().containsKey(name);
    }

    /** The metric's value, or NaN when it was not reported (every comparison with NaN is false). */
    public double value(String name) {
        Double v = metrics.values().get(name);
        return v == null ? Double.NaN : v;
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + metrics.values();
    }
}
