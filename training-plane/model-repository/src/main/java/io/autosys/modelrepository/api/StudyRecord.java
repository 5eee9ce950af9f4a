package io.autosys.modelrepository.api;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * A stored study.
 *
 * @param id                 assigned by the repository
 * @param name               unique, chosen by the operator
 * @param systemId           the target it tunes
 * @param serviceKind        the target's service kind (models and warm starts are shared by kind)
 * @param specJson           the validated study specification, as JSON (the trial manager's StudySpec)
 * @param state              where the study is in its life
 * @param stateReason        why it is in that state (empty when obvious)
 * @param workloadSignature  numeric summary of the target's workload when the study started (for warm start)
 * @param createdAt          creation time
 * @param updatedAt          last state change
 */
public record StudyRecord(long id, String name, String systemId, String serviceKind, String specJson,
        StudyState state, String stateReason, Map<String, Double> workloadSignature, Instant createdAt,
        Instant updatedAt) {
    public StudyRecord {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(specJson, "specJson");
        Objects.requireNonNull(state, "state");
        stateReason = stateReason == null ? "" : stateReason;
        workloadSignature = workloadSignature == null ? Map.of() : Map.copyOf(workloadSignature);
    }
}
