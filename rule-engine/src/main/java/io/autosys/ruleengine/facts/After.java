package io.autosys.ruleengine.facts;

import io.autosys.sdk.api.Metrics;

/** Feedback rules: metrics after the actuation. */
public final class After extends MetricsFact {
    public After(Metrics metrics) {
        super(metrics);
    }
}
