package io.autosys.sdk.api;

import java.util.Objects;
import java.util.Optional;

/** An integer knob in [min, max] on the grid min + k*step (step >= 1). */
public record IntegerParameter(String name, long min, long max, long step, Scale scale, long defaultNumber,
        String description, String unit, Condition condition) implements NumericParameter {

    public IntegerParameter {
        Names.require("parameter", name);
        Objects.requireNonNull(scale, "scale of parameter '" + name + "'");
        description = description == null ? "" : description;
        unit = unit == null ? "" : unit;
        if (min > max) {
            throw new IllegalArgumentException("parameter '" + name + "': min " + min + " is greater than max " + max);
        }
        if (step <= 0) {
            throw new IllegalArgumentException("parameter '" + name + "': step must be >= 1, got " + step);
        }
        if (scale == Scale.LOG && min <= 0) {
            throw new IllegalArgumentException("parameter '" + name + "': log scale needs min > 0, got " + min);
        }
        Optional<String> bad = problem(defaultNumber, min, max, step);
        if (bad.isPresent()) {
            throw new IllegalArgumentException("parameter '" + name + "': default " + defaultNumber + " " + bad.get());
        }
    }

    /** A linear integer with step 1. */
    public static IntegerParameter of(String name, long min, long max, long defaultValue) {
        return new IntegerParameter(name, min, max, 1, Scale.LINEAR, defaultValue, "", "", null);
    }

    public IntegerParameter withStep(long newStep) {
        return new IntegerParameter(name, min, max, newStep, scale, defaultNumber, description, unit, condition);
    }

    public IntegerParameter withScale(Scale newScale) {
        return new IntegerParameter(name, min, max, step, newScale, defaultNumber, description, unit, condition);
    }

    public IntegerParameter withCondition(Condition newCondition) {
        return new IntegerParameter(name, min, max, step, scale, defaultNumber, description, unit, newCondition);
    }

    public IntegerParameter withDescription(String newDescription, String newUnit) {
        return new IntegerParameter(name, min, max, step, scale, defaultNumber, newDescription, newUnit, condition);
    }

    /** The same knob with a narrower range (a study's restriction); the default is snapped into it. */
    public IntegerParameter withRange(long newMin, long newMax) {
        IntegerParameter probe = new IntegerParameter(name, newMin, newMax, step, scale, newMin, description, unit,
                condition);
        long d = (long) probe.snap(defaultNumber).asDouble();
        return new IntegerParameter(name, newMin, newMax, step, scale, d, description, unit, condition);
    }

    private static Optional<String> problem(long v, long min, long max, long step) {
        if (v < min || v > max) {
            return Optional.of("is outside [" + min + ", " + max + "]");
        }
        if ((v - min) % step != 0) {
            return Optional.of("is off the step grid " + min + " + k*" + step);
        }
        return Optional.empty();
    }

    @Override
    public Value defaultValue() {
        return Value.of(defaultNumber);
    }

    @Override
    public String kind() {
        return "integer";
    }

    @Override
    public double lower() {
        return min;
    }

    @Override
    public double upper() {
        return max;
    }

    @Override
    public double gridStep() {
        return step;
    }

    @Override
    public long indexCount() {
        return (max - min) / step;
    }

    @Override
    public Value valueAtIndex(long k) {
        long clamped = Math.max(0, Math.min(indexCount(), k));
        return Value.of(min + clamped * step);
    }

    @Override
    public Value valueOf(double number) {
        return Value.of(Math.round(number));
    }

    @Override
    public Optional<Violation> check(Value value) {
        if (!(value instanceof Value.Int i)) {
            return Optional.of(typeViolation(value));
        }
        return problem(i.value(), min, max, step).map(p -> new Violation(name,
                p.startsWith("is outside") ? "bounds" : "step", "parameter '" + name + "' value " + i.value() + " " + p));
    }

    @Override
    public String domain() {
        return "integer in [" + min + ", " + max + "]" + (step > 1 ? " step " + step : "") + (scale == Scale.LOG
                ? " log" : "");
    }
}
