package io.autosys.modelrepository.api;

import io.autosys.sdk.api.Metrics;

/** Metrics a running trial reported at a step (the input of early stopping). */
public record IntermediateMetrics(long studyId, long trialNumber, long step, Metrics metrics) {
}
