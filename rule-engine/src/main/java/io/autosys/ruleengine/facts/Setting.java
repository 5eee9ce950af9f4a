package io.autosys.ruleengine.facts;

import io.autosys.sdk.api.Value;

/**
 * One name=value entry of the proposed configuration (one fact per entry, so rules about a single
 * parameter match it directly and the network indexes them by name). Built-in space rules are
 * written over these.
 */
public final class Setting {
    private final String space;
    private final String name;
    private final Value value;
    private final Findings findings;

    public Setting(String space, String name, Value value, Findings findings) {
        this.space = space;
        this.name = name;
        this.value = value;
        this.findings = findings;
    }

    /**
     * The findings of the check this setting belongs to. A rule that matches settings only can
     * reject through it without joining the {@link Findings} fact (the built-in rules do, which
     * keeps their cost independent of how many rules there are).
     */
    public Findings getFindings() {
        return findings;
    }

    /** The id of the target's parameter space (built-in rules use it to pick their space). */
    public String getSpace() {
        return space;
    }

    public String getName() {
        return name;
    }

    public Value getValue() {
        return value;
    }

    /** "integer", "real", "categorical" or "boolean": the kind of the value given. */
    public String getKind() {
        return value.kind();
    }

    /** The text form ("zstd", "true", "42", "0.5"). */
    public String getText() {
        return value.asString();
    }

    /** The numeric value, or NaN for a categorical value. */
    public double getNumber() {
        return value instanceof Value.Categorical ? Double.NaN : value.asDouble();
    }

    /** The integer value, or 0 when the value is not an integer. */
    public long getLongValue() {
        return value instanceof Value.Int i ? i.value() : 0;
    }

    @Override
    public String toString() {
        return name + "=" + value.asString();
    }
}
