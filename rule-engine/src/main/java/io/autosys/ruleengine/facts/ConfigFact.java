package io.autosys.ruleengine.facts;

import io.autosys.sdk.api.Configuration;
import io.autosys.sdk.api.Value;
import java.util.Objects;

/**
 * A configuration as rules see it, with accessors that never throw, so a rule over a parameter
 * the configuration lacks simply does not match:
 * {@code num(name)} is NaN for a missing or non-numeric value (every comparison with NaN is
 * false), {@code text(name)} is null for a missing value, {@code is(name, text)} compares the
 * text form ("zstd", "true", "42").
 */
public abstract class ConfigFact {
    private final Configuration configuration;

    protected ConfigFact(Configuration configuration) {
        this.configuration = Objects.requireNonNull(configuration, "configuration");
    }

    public Configuration getConfiguration() {
        return configuration;
    }

    /** True when the configuration sets {@code name}. */
    public boolean has(String name) {
        return configuration.values().containsKey(name);
    }

    /** The numeric value (integers, reals, booleans as 0/1), or NaN when missing or categorical. */
    public double num(String name) {
        Value v = configuration.values().get(name);
        if (v instanceof Value.Int i) {
            return i.value();
        }
        if (v instanceof Value.Real r) {
            return r.value();
        }
        if (v instanceof Value.Bool b) {
            return b.value() ? 1 : 0;
        }
        return Double.NaN;
    }

    /** The text form of the value ("zstd", "true", "42"), or null when missing. */
    public String text(String name) {
        Value v = configuration.values().get(name);
        return v == null ? null : v.asString();
    }

    /** True when {@code name} is set and its text form equals {@code expected}. */
    public boolean is(String name, String expected) {
        Value v = configuration.values().get(name);
        return v != null && v.asString().equals(expected);
    }

    /** True when {@code name} is set to a boolean true. */
    public boolean flag(String name) {
        return configuration.values().get(name) instanceof Value.Bool b && b.value();
    }

    public int getSize() {
        return configuration.size();
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + configuration;
    }
}
