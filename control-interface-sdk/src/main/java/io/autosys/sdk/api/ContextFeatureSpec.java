package io.autosys.sdk.api;

import java.util.List;
import java.util.Objects;

/** A workload or deployment feature a target can report (request rate, job type, region). */
public record ContextFeatureSpec(String name, FeatureKind kind, List<String> categories, String description) {
    public ContextFeatureSpec {
        Names.require("context feature", name);
        Objects.requireNonNull(kind, () -> "kind of context feature '" + name + "'");
        categories = categories == null ? List.of() : List.copyOf(categories);
        description = description == null ? "" : description;
        if (kind == FeatureKind.NUMERIC && !categories.isEmpty()) {
            throw new IllegalArgumentException("context feature '" + name + "' is numeric but lists categories");
        }
    }

    public static ContextFeatureSpec numeric(String name, String description) {
        return new ContextFeatureSpec(name, FeatureKind.NUMERIC, List.of(), description);
    }

    public static ContextFeatureSpec categorical(String name, List<String> categories, String description) {
        return new ContextFeatureSpec(name, FeatureKind.CATEGORICAL, categories, description);
    }
}
