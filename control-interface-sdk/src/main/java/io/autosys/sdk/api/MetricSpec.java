package io.autosys.sdk.api;

import java.util.Objects;

/** A metric a target reports: its name, unit, and which way is better. */
public record MetricSpec(String name, String unit, Goal goal, String description) {
    public MetricSpec {
        Names.require("metric", name);
        Objects.requireNonNull(goal, () -> "goal of metric '" + name + "'");
        unit = unit == null ? "" : unit;
        description = description == null ? "" : description;
    }

    public static MetricSpec of(String name, String unit, Goal goal) {
        return new MetricSpec(name, unit, goal, "");
    }
}
