package io.autosys.sdk.api;

import java.util.Objects;

/**
 * A request to evaluate a configuration without touching the live system.
 *
 * @param trialId       the caller's id for the trial
 * @param configuration the configuration; when it reaches a {@link ControlledSystem} it is complete and valid
 * @param budget        how much effort the trial may spend
 * @param seed          seed for the workload generator; 0 means the target's choice
 */
public record TrialRequest(String trialId, Configuration configuration, TrialBudget budget, long seed) {
    public TrialRequest {
        trialId = trialId == null ? "" : trialId;
        Objects.requireNonNull(configuration, "configuration");
        budget = budget == null ? TrialBudget.DEFAULT : budget;
    }
}
