package io.autosys.sdk.api;

import java.util.Objects;

/** A snapshot of a live system: its metrics, context and configuration, and when it was taken. */
public record Observation(Metrics metrics, Context context, Configuration configuration, long observedAtMs) {
    public Observation {
        Objects.requireNonNull(metrics, "metrics");
        context = context == null ? Context.empty() : context;
        Objects.requireNonNull(configuration, "configuration");
    }
}
