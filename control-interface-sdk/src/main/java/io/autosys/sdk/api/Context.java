package io.autosys.sdk.api;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** Workload and deployment features at one moment, feature name to value. */
public record Context(Map<String, ContextValue> features) {
    private static final Context EMPTY = new Context(Map.of());

    public Context {
        var copy = new LinkedHashMap<String, ContextValue>();
        features.forEach((k, v) -> copy.put(Names.require("context feature", k), java.util.Objects.requireNonNull(v,
                () -> "value of context feature '" + k + "'")));
        features = Collections.unmodifiableMap(copy);
    }

    public static Context empty() {
        return EMPTY;
    }

    public Optional<ContextValue> find(String name) {
        return Optional.ofNullable(features.get(name));
    }

    public Context with(String name, ContextValue value) {
        var m = new LinkedHashMap<>(features);
        m.put(name, value);
        return new Context(m);
    }

    public Context with(String name, double value) {
        return with(name, ContextValue.of(value));
    }

    public Context with(String name, String label) {
        return with(name, ContextValue.of(label));
    }
}
