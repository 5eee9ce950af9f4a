package io.autosys.modelrepository.api;

import io.autosys.sdk.api.Configuration;
import io.autosys.sdk.api.Metrics;
import java.time.Instant;
import java.util.Map;

/**
 * The best known configuration for a scope: a study (scope {@code study:<id>}) or a service
 * kind (scope {@code kind:<service kind>}, what the inference plane serves), with the workload
 * signature it was found under.
 */
public record BestConfiguration(String scope, long studyId, long trialNumber, Configuration configuration,
        double objective, Metrics metrics, Map<String, Double> workloadSignature, Instant updatedAt) {
    public BestConfiguration {
        workloadSignature = workloadSignature == null ? Map.of() : Map.copyOf(workloadSignature);
    }
}
