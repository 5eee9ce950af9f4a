package io.autosys.sdk.api;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What a target says about itself: ids, knobs, metrics, context features, and how many trials
 * it can run at once.
 */
public record SystemDescription(String systemId, String serviceKind, String instanceId, ParameterSpace space,
        List<MetricSpec> metrics, List<ContextFeatureSpec> contextFeatures, int maxConcurrentTrials,
        Map<String, String> labels) {

    public SystemDescription {
        requireText("system id", systemId);
        requireText("service kind", serviceKind);
        instanceId = instanceId == null || instanceId.isBlank() ? systemId : instanceId;
        Objects.requireNonNull(space, "parameter space");
        metrics = List.copyOf(metrics);
        contextFeatures = contextFeatures == null ? List.of() : List.copyOf(contextFeatures);
        labels = labels == null ? Map.of() : Map.copyOf(labels);
        if (metrics.isEmpty()) {
            throw new IllegalArgumentException("system '" + systemId + "' reports no metrics");
        }
        var seen = new HashSet<String>();
        for (MetricSpec m : metrics) {
            if (!seen.add(m.name())) {
                throw new IllegalArgumentException("system '" + systemId + "': metric '" + m.name() + "' is listed twice");
            }
        }
        seen.clear();
        for (ContextFeatureSpec f : contextFeatures) {
            if (!seen.add(f.name())) {
                throw new IllegalArgumentException("system '" + systemId + "': context feature '" + f.name()
                        + "' is listed twice");
            }
        }
        if (maxConcurrentTrials < 1) {
            throw new IllegalArgumentException("system '" + systemId + "': max concurrent trials must be >= 1, got "
                    + maxConcurrentTrials);
        }
    }

    private static void requireText(String what, String s) {
        if (s == null || s.isBlank()) {
            throw new IllegalArgumentException(what + " is empty");
        }
    }

    public Optional<MetricSpec> metric(String name) {
        return metrics.stream().filter(m -> m.name().equals(name)).findFirst();
    }
}
