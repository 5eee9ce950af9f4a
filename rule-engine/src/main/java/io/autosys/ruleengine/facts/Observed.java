package io.autosys.ruleengine.facts;

import io.autosys.sdk.api.Metrics;

/** Recent metrics of the live system, given with a proposal (empty when unknown). */
public final class Observed extends MetricsFact {
    public Observed(Metrics metrics) {
        super(metrics);
    }
}
