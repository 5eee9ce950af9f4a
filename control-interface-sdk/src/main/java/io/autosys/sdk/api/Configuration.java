package io.autosys.sdk.api;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * An immutable assignment of values to parameters. Whether it is valid for a space is the
 * space's question ({@link ParameterSpace#validate}); equality ignores order.
 */
public final class Configuration {
    private static final Configuration EMPTY = new Configuration(Map.of());
    private final Map<String, Value> values;

    private Configuration(Map<String, Value> values) {
        this.values = values;
    }

    public static Configuration empty() {
        return EMPTY;
    }

    /** A configuration holding a copy of {@code values}, in their iteration order. */
    public static Configuration of(Map<String, ? extends Value> values) {
        var copy = new LinkedHashMap<String, Value>();
        values.forEach((k, v) -> copy.put(Objects.requireNonNull(k, "parameter name"),
                Objects.requireNonNull(v, () -> "value of parameter '" + k + "'")));
        return new Configuration(Collections.unmodifiableMap(copy));
    }

    public static Builder builder() {
        return new Builder();
    }

    public Map<String, Value> values() {
        return values;
    }

    public Set<String> names() {
        return values.keySet();
    }

    public boolean has(String name) {
        return values.containsKey(name);
    }

    public Optional<Value> find(String name) {
        return Optional.ofNullable(values.get(name));
    }

    /** The value of a parameter; throws naming the parameter when absent. */
    public Value get(String name) {
        Value v = values.get(name);
        if (v == null) {
            throw new IllegalArgumentException("configuration has no value for parameter '" + name + "'");
        }
        return v;
    }

    public double getDouble(String name) {
        return get(name).asDouble();
    }

    public long getLong(String name) {
        Value v = get(name);
        if (v instanceof Value.Int i) {
            return i.value();
        }
        throw new IllegalArgumentException("parameter '" + name + "' is " + v.kind() + ", not integer");
    }

    public String getString(String name) {
        return get(name).asString();
    }

    public boolean getBoolean(String name) {
        Value v = get(name);
        if (v instanceof Value.Bool b) {
            return b.value();
        }
        throw new IllegalArgumentException("parameter '" + name + "' is " + v.kind() + ", not boolean");
    }

    public Configuration with(String name, Value value) {
        var copy = new LinkedHashMap<>(values);
        copy.put(name, value);
        return new Configuration(Collections.unmodifiableMap(copy));
    }

    public Configuration without(String name) {
        if (!values.containsKey(name)) {
            return this;
        }
        var copy = new LinkedHashMap<>(values);
        copy.remove(name);
        return new Configuration(Collections.unmodifiableMap(copy));
    }

    public int size() {
        return values.size();
    }

    public boolean isEmpty() {
        return values.isEmpty();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Configuration other && values.equals(other.values);
    }

    @Override
    public int hashCode() {
        return values.hashCode();
    }

    @Override
    public String toString() {
        var sb = new StringBuilder("{");
        values.forEach((k, v) -> {
            if (sb.length() > 1) {
                sb.append(", ");
            }
            sb.append(k).append('=').append(v.asString());
        });
        return sb.append('}').toString();
    }

    /** Collects values in order; {@link #build()} gives an immutable configuration. */
    public static final class Builder {
        private final LinkedHashMap<String, Value> values = new LinkedHashMap<>();

        private Builder() {
        }

        public Builder set(String name, Value value) {
            values.put(Objects.requireNonNull(name), Objects.requireNonNull(value));
            return this;
        }

        public Builder set(String name, double value) {
            return set(name, Value.of(value));
        }

        public Builder set(String name, long value) {
            return set(name, Value.of(value));
        }

        public Builder set(String name, String value) {
            return set(name, Value.of(value));
        }

        public Builder set(String name, boolean value) {
            return set(name, Value.of(value));
        }

        public Builder setAll(Configuration other) {
            values.putAll(other.values);
            return this;
        }

        public Configuration build() {
            return Configuration.of(values);
        }
    }
}
