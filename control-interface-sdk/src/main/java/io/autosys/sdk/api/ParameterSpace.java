package io.autosys.sdk.api;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The knobs of a target, in declaration order (a conditional parameter's parent comes before
 * it). Validated on construction: unique names, conditions on earlier categorical or boolean
 * parameters with values the parent can take.
 */
public final class ParameterSpace {
    private final List<Parameter> parameters;
    private final Map<String, Parameter> byName;

    public ParameterSpace(List<? extends Parameter> parameters) {
        this.parameters = List.copyOf(parameters);
        var map = new LinkedHashMap<String, Parameter>();
        for (Parameter p : this.parameters) {
            if (map.containsKey(p.name())) {
                throw new IllegalArgumentException("parameter '" + p.name() + "' is declared twice");
            }
            Condition c = p.condition();
            if (c != null) {
                Parameter parent = map.get(c.parent());
                if (parent == null) {
                    throw new IllegalArgumentException("parameter '" + p.name() + "': condition parent '" + c.parent()
                            + "' is not declared before it" + (c.parent().equals(p.name()) ? " (a parameter cannot"
                                    + " depend on itself)" : ""));
                }
                List<String> allowed;
                if (parent instanceof CategoricalParameter cat) {
                    allowed = cat.categories();
                } else if (parent instanceof BooleanParameter) {
                    allowed = BooleanParameter.VALUES;
                } else {
                    throw new IllegalArgumentException("parameter '" + p.name() + "': condition parent '" + c.parent()
                            + "' is " + parent.kind() + "; only categorical and boolean parameters can be parents");
                }
                for (String v : c.values()) {
                    if (!allowed.contains(v)) {
                        throw new IllegalArgumentException("parameter '" + p.name() + "': condition value '" + v
                                + "' is not a value of parent '" + c.parent() + "' " + allowed);
                    }
                }
            }
            map.put(p.name(), p);
        }
        this.byName = Collections.unmodifiableMap(map);
    }

    public static ParameterSpace of(Parameter... parameters) {
        return new ParameterSpace(List.of(parameters));
    }

    public List<Parameter> parameters() {
        return parameters;
    }

    public int size() {
        return parameters.size();
    }

    public Optional<Parameter> find(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    /** The parameter called {@code name}; throws naming it when the space has none. */
    public Parameter get(String name) {
        Parameter p = byName.get(name);
        if (p == null) {
            throw new IllegalArgumentException("unknown parameter '" + name + "'; the space has " + byName.keySet());
        }
        return p;
    }

    public boolean isConditional() {
        return parameters.stream().anyMatch(p -> p.condition() != null);
    }

    /** Whether {@code p} is active in {@code c}: no condition, or its parent is active and matches. */
    public boolean isActive(Parameter p, Configuration c) {
        Condition cond = p.condition();
        if (cond == null) {
            return true;
        }
        Parameter parent = byName.get(cond.parent());
        return isActive(parent, c) && cond.holdsFor(c.find(cond.parent()).orElse(null));
    }

    /** The defaults of every parameter that is active under the defaults. */
    public Configuration defaults() {
        var b = new LinkedHashMap<String, Value>();
        for (Parameter p : parameters) {
            if (isActive(p, Configuration.of(b))) {
                b.put(p.name(), p.defaultValue());
            }
        }
        return Configuration.of(b);
    }

    /**
     * Everything wrong with a complete configuration: unknown parameters, wrong types, values out
     * of range, off the step grid or outside the categories, inactive parameters that are set and
     * active parameters that are missing. Empty when the configuration is valid.
     */
    public List<Violation> violations(Configuration c) {
        var out = new ArrayList<Violation>();
        for (String name : c.names()) {
            if (!byName.containsKey(name)) {
                out.add(new Violation(name, "unknown-parameter", "parameter '" + name + "' is not in the space "
                        + byName.keySet()));
            }
        }
        for (Parameter p : parameters) {
            boolean active = isActive(p, c);
            Optional<Value> v = c.find(p.name());
            if (active && v.isEmpty()) {
                out.add(new Violation(p.name(), "missing", "parameter '" + p.name() + "' is active but has no value"));
            } else if (!active && v.isPresent()) {
                Condition cond = p.condition();
                out.add(new Violation(p.name(), "inactive", "parameter '" + p.name() + "' is set but inactive: it applies"
                        + " only when '" + cond.parent() + "' is one of " + cond.values() + ", and '" + cond.parent()
                        + "' is " + c.find(cond.parent()).map(x -> "'" + x.asString() + "'").orElse("not set")));
            } else if (v.isPresent()) {
                p.check(v.get()).ifPresent(out::add);
            }
        }
        return out;
    }

    public boolean isValid(Configuration c) {
        return violations(c).isEmpty();
    }

    /** Returns {@code c} when it is valid; throws an exception listing every violation otherwise. */
    public Configuration validate(Configuration c) {
        List<Violation> v = violations(c);
        if (!v.isEmpty()) {
            throw new InvalidConfigurationException(v);
        }
        return c;
    }

    /**
     * Applies {@code changes} on top of {@code base}: changed values win, unchanged active
     * parameters keep their base value (or the default when the base has none), parameters that
     * become inactive are dropped. The result is validated; a change to an unknown or inactive
     * parameter is an error, never silently ignored.
     */
    public Configuration merge(Configuration base, Configuration changes) {
        return validate(overlay(base, changes));
    }

    /**
     * The same combination as {@link #merge} without the validation: changed values win (even
     * unknown, inactive or out-of-range ones), unchanged active parameters keep their base value
     * or the default. For a checker that reports every problem itself (the rule engine's gate).
     */
    public Configuration overlay(Configuration base, Configuration changes) {
        var merged = new LinkedHashMap<String, Value>();
        for (String name : changes.names()) {
            if (!byName.containsKey(name)) {
                merged.put(name, changes.get(name));
            }
        }
        var known = new LinkedHashMap<String, Value>();
        for (Parameter p : parameters) {
            Optional<Value> changed = changes.find(p.name());
            if (changed.isPresent()) {
                known.put(p.name(), changed.get());
            } else if (isActive(p, Configuration.of(known))) {
                known.put(p.name(), base.find(p.name()).orElse(p.defaultValue()));
            }
        }
        known.putAll(merged);
        return Configuration.of(known);
    }

    /** Fills active parameters missing from {@code partial} with defaults; validates the result. */
    public Configuration complete(Configuration partial) {
        return merge(defaults(), partial);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ParameterSpace other && parameters.equals(other.parameters);
    }

    @Override
    public int hashCode() {
        return parameters.hashCode();
    }

    @Override
    public String toString() {
        return "ParameterSpace" + byName.keySet();
    }
}
