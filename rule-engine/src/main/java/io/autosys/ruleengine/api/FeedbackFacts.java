package io.autosys.ruleengine.api;

import io.autosys.sdk.api.Configuration;
import io.autosys.sdk.api.Metrics;
import io.autosys.sdk.api.SystemDescription;
import java.util.Objects;

/**
 * What actuation-feedback rules see after an actuation.
 *
 * @param before   metrics of the live system before the actuation
 * @param after    metrics after it (once the system settled)
 * @param actuated the configuration now in effect
 * @param previous the configuration before the actuation (what a rollback restores)
 * @param target   the target's description
 */
public record FeedbackFacts(Metrics before, Metrics after, Configuration actuated, Configuration previous,
        SystemDescription target) {
    public FeedbackFacts {
        Objects.requireNonNull(before, "metrics before");
        Objects.requireNonNull(after, "metrics after");
        Objects.requireNonNull(actuated, "actuated configuration");
        Objects.requireNonNull(previous, "previous configuration");
        Objects.requireNonNull(target, "target description");
    }
}
