package io.autosys.trialmanager.spec;

import java.util.List;

/**
 * How a study narrows one of the target's parameters: a smaller numeric range, or a subset of
 * categories. All null / empty: the full range.
 */
public record ParameterRestriction(Double min, Double max, List<String> values) {
    public static final ParameterRestriction FULL = new ParameterRestriction(null, null, List.of());

    public ParameterRestriction {
        values = values == null ? List.of() : List.copyOf(values);
    }
}
