package io.autosys.sdk.api;

import java.util.Optional;

/**
 * One tunable knob of a target system. The kinds form a closed set; every parameter validates
 * itself on construction (errors name the parameter) and has a default, the system's current
 * value. A parameter with a {@link #condition()} is active only when its parent takes one of the
 * condition's values.
 */
public sealed interface Parameter permits NumericParameter, CategoricalParameter, BooleanParameter {

    String name();

    /** Free text for operators; never null. */
    String description();

    /** Unit of the value for people (bytes, ms); never null, may be empty. */
    String unit();

    /** The activation condition, or null when the parameter is always active. */
    Condition condition();

    /** The system's current value. */
    Value defaultValue();

    /** The kind's name as operators see it: real, integer, categorical, boolean. */
    String kind();

    /** Why {@code value} is not allowed for this parameter, or empty when it is. */
    Optional<Violation> check(Value value);

    /** True when the parameter can take one value only; designers pass it through untouched. */
    boolean isConstant();

    /** A human-readable description of the allowed values, for error messages. */
    String domain();

    default Violation typeViolation(Value value) {
        return new Violation(name(), "type", "parameter '" + name() + "' is " + kind() + " but got a "
                + value.kind() + " value '" + value.asString() + "'");
    }
}
