package io.autosys.candidategenerator.api;

import io.autosys.sdk.api.Configuration;
import io.autosys.sdk.api.Metrics;
import java.util.Objects;

/**
 * A finished trial as a designer sees it.
 *
 * @param id            the trial's id within the study (designers use it to avoid counting twice)
 * @param configuration what was tried
 * @param fidelity      the share of the full budget it ran with, in (0, 1]
 * @param objective     the objective value when feasible (the study's goal says which way is
 *                      better); NaN when infeasible
 * @param metrics       every metric the trial reported (empty when infeasible)
 * @param infeasibleReason why the trial gave no usable objective (rejected by the rules, crashed,
 *                      timed out, broke an outcome constraint); null when feasible
 */
public record CompletedTrial(long id, Configuration configuration, double fidelity, double objective, Metrics metrics,
        String infeasibleReason) {

    public CompletedTrial {
        Objects.requireNonNull(configuration, "configuration");
        metrics = metrics == null ? Metrics.empty() : metrics;
        if (infeasibleReason == null && !Double.isFinite(objective)) {
            throw new IllegalArgumentException("trial " + id + ": a feasible trial needs a finite objective, got "
                    + objective);
        }
    }

    public static CompletedTrial feasible(long id, Configuration configuration, double objective) {
        return new CompletedTrial(id, configuration, 1.0, objective, Metrics.empty(), null);
    }

    public static CompletedTrial infeasible(long id, Configuration configuration, String reason) {
        return new CompletedTrial(id, configuration, 1.0, Double.NaN, Metrics.empty(), reason);
    }

    public boolean isFeasible() {
        return infeasibleReason == null;
    }
}
