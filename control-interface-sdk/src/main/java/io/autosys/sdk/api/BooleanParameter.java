package io.autosys.sdk.api;

import java.util.List;
import java.util.Optional;

/** An on/off knob (a categorical of two values, "false" and "true"). */
public record BooleanParameter(String name, boolean defaultBoolean, String description, String unit,
        Condition condition) implements Parameter {

    /** The values in the order designers enumerate them. */
    public static final List<String> VALUES = List.of("false", "true");

    public BooleanParameter {
        Names.require("parameter", name);
        description = description == null ? "" : description;
        unit = unit == null ? "" : unit;
    }

    public static BooleanParameter of(String name, boolean defaultValue) {
        return new BooleanParameter(name, defaultValue, "", "", null);
    }

    public BooleanParameter withCondition(Condition newCondition) {
        return new BooleanParameter(name, defaultBoolean, description, unit, newCondition);
    }

    public BooleanParameter withDescription(String newDescription) {
        return new BooleanParameter(name, defaultBoolean, newDescription, unit, condition);
    }

    @Override
    public Value defaultValue() {
        return Value.of(defaultBoolean);
    }

    @Override
    public String kind() {
        return "boolean";
    }

    @Override
    public Optional<Violation> check(Value value) {
        return value instanceof Value.Bool ? Optional.empty() : Optional.of(typeViolation(value));
    }

    @Override
    public boolean isConstant() {
        return false;
    }

    @Override
    public String domain() {
        return "true or false";
    }
}
