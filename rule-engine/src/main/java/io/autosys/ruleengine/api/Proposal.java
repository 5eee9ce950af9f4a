package io.autosys.ruleengine.api;

import io.autosys.sdk.api.Configuration;
import io.autosys.sdk.api.Metrics;
import io.autosys.sdk.api.SystemDescription;
import java.util.Objects;

/**
 * A configuration to check and what the rules may know around it.
 *
 * @param configuration the proposed, complete configuration (built-in rules report missing, unknown
 *                      and invalid values, so it need not be valid)
 * @param target        the target's description: service kind, instance, labels, parameter space
 * @param live          the configuration now in effect on the live system; empty when unknown
 * @param recentMetrics recent metrics of the live system; empty when unknown
 * @param purpose       trial, actuation or dry run
 */
public record Proposal(Configuration configuration, SystemDescription target, Configuration live,
        Metrics recentMetrics, Purpose purpose) {

    public Proposal {
        Objects.requireNonNull(configuration, "configuration");
        Objects.requireNonNull(target, "target description");
        live = live == null ? Configuration.empty() : live;
        recentMetrics = recentMetrics == null ? Metrics.empty() : recentMetrics;
        purpose = purpose == null ? Purpose.CHECK : purpose;
    }

    /** A dry-run proposal with no live facts. */
    public static Proposal of(Configuration configuration, SystemDescription target) {
        return new Proposal(configuration, target, Configuration.empty(), Metrics.empty(), Purpose.CHECK);
    }

    public Proposal withPurpose(Purpose newPurpose) {
        return new Proposal(configuration, target, live, recentMetrics, newPurpose);
    }

    public Proposal withLive(Configuration newLive, Metrics newRecentMetrics) {
        return new Proposal(configuration, target, newLive, newRecentMetrics, purpose);
    }
}
