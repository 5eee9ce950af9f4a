package io.autosys.modelrepository.api;

import io.autosys.sdk.api.Configuration;
import io.autosys.sdk.api.Metrics;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * A stored trial. (studyId, number) identifies it; the number is assigned by the repository,
 * 1, 2, 3... within a study, and doubles as the designer's trial id.
 *
 * @param objective the objective value when SUCCEEDED, NaN otherwise
 * @param reason    why the trial ended as it did (empty when it succeeded)
 * @param attempts  how many times it was started (a trial interrupted by a restart runs again)
 * @param metadata  the designer's notes on the suggestion, and the verdict's rule-set version
 */
public record TrialRecord(long studyId, long number, Configuration configuration, double fidelity, TrialState state,
        double objective, Metrics metrics, String reason, int attempts, Instant createdAt, Instant startedAt,
        Instant finishedAt, Map<String, String> metadata) {
    public TrialRecord {
        Objects.requireNonNull(configuration, "configuration");
        Objects.requireNonNull(state, "state");
        metrics = metrics == null ? Metrics.empty() : metrics;
        reason = reason == null ? "" : reason;
        metadata = metadata == null ? Map.of() : Map.copyOf(metadata);
    }
}
