package io.autosys.modelrepository.api;

import java.time.Instant;
import java.util.Map;

/**
 * A fitted surrogate model, keyed by service kind and workload signature, so replicas and new
 * deployments of the same service start from what was already learned.
 *
 * @param id        assigned by the repository
 * @param version   increases per (study, model type)
 * @param modelType e.g. gp, parzen, random-forest
 * @param payload   the serialised model
 * @param quality   fit diagnostics (for instance leave-one-out error, number of trials)
 */
public record ModelVersion(long id, String serviceKind, Map<String, Double> workloadSignature, long studyId,
        long version, String modelType, byte[] payload, Map<String, Double> quality, Instant createdAt) {
    public ModelVersion {
        workloadSignature = workloadSignature == null ? Map.of() : Map.copyOf(workloadSignature);
        quality = quality == null ? Map.of() : Map.copyOf(quality);
    }
}
