package io.autosys.sdk.api;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalDouble;

/** Measured values, metric name to a finite number. NaN and infinities are refused by name. */
public record Metrics(Map<String, Double> values) {
    private static final Metrics EMPTY = new Metrics(Map.of());

    public Metrics {
        var copy = new LinkedHashMap<String, Double>();
        values.forEach((k, v) -> {
            Names.require("metric", k);
            if (v == null || !Double.isFinite(v)) {
                throw new IllegalArgumentException("metric '" + k + "' must be a finite number, got " + v);
            }
            copy.put(k, v);
        });
        values = Collections.unmodifiableMap(copy);
    }

    public static Metrics empty() {
        return EMPTY;
    }

    public static Metrics of(String name, double value) {
        return new Metrics(Map.of(name, value));
    }

    public static Metrics of(String n1, double v1, String n2, double v2) {
        var m = new LinkedHashMap<String, Double>();
        m.put(n1, v1);
        m.put(n2, v2);
        return new Metrics(m);
    }

    public OptionalDouble find(String name) {
        Double v = values.get(name);
        return v == null ? OptionalDouble.empty() : OptionalDouble.of(v);
    }

    /** The value of a metric; throws naming it when absent. */
    public double get(String name) {
        Double v = values.get(name);
        if (v == null) {
            throw new IllegalArgumentException("metric '" + name + "' was not reported; reported: " + values.keySet());
        }
        return v;
    }

    public Metrics with(String name, double value) {
        var m = new LinkedHashMap<>(values);
        m.put(name, value);
        return new Metrics(m);
    }
}
