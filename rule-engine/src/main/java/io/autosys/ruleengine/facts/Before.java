package io.autosys.ruleengine.facts;

import io.autosys.sdk.api.Metrics;

/** Feedback rules: metrics before the actuation. */
public final class Before extends MetricsFact {
    public Before(Metrics metrics) {
        super(metrics);
    }
}
