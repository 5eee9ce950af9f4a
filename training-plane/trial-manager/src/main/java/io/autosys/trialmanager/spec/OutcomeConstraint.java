package io.autosys.trialmanager.spec;

import io.autosys.sdk.api.Metrics;
import java.util.Objects;
import java.util.Optional;

/**
 * A limit on a metric (Vizier's safety metric): a trial that breaks it is infeasible for the
 * designer, whatever its objective. {@code min} and {@code max} may be null (unbounded).
 */
public record OutcomeConstraint(String metric, Double min, Double max) {
    public OutcomeConstraint {
        Objects.requireNonNull(metric, "constraint metric");
        if (min == null && max == null) {
            throw new IllegalArgumentException("constraint on '" + metric + "' sets neither min nor max");
        }
        if (min != null && max != null && min > max) {
            throw new IllegalArgumentException("constraint on '" + metric + "': min " + min + " > max " + max);
        }
    }

    /** Why the metrics break this constraint, or empty. A metric that is missing breaks it. */
    public Optional<String> violation(Metrics m) {
        var v = m.find(metric);
        if (v.isEmpty()) {
            return Optional.of("constraint metric '" + metric + "' was not reported");
        }
        double x = v.getAsDouble();
        if (min != null && x < min) {
            return Optional.of("broke constraint " + metric + " >= " + min + " (was " + x + ")");
        }
        if (max != null && x > max) {
            return Optional.of("broke constraint " + metric + " <= " + max + " (was " + x + ")");
        }
        return Optional.empty();
    }
}
