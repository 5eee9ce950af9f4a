package io.autosys.sdk.api;

import java.util.Objects;
import java.util.Optional;

/**
 * A real-valued knob in [min, max], continuous ({@code step == 0}) or on the grid min + k*step.
 */
public record RealParameter(String name, double min, double max, double step, Scale scale, double defaultNumber,
        String description, String unit, Condition condition) implements NumericParameter {

    public RealParameter {
        Names.require("parameter", name);
        Objects.requireNonNull(scale, "scale of parameter '" + name + "'");
        description = description == null ? "" : description;
        unit = unit == null ? "" : unit;
        if (!Double.isFinite(min) || !Double.isFinite(max)) {
            throw new IllegalArgumentException("parameter '" + name + "': bounds must be finite, got [" + min + ", "
                    + max + "]");
        }
        if (min > max) {
            throw new IllegalArgumentException("parameter '" + name + "': min " + min + " is greater than max " + max);
        }
        if (!Double.isFinite(step) || step < 0) {
            throw new IllegalArgumentException("parameter '" + name + "': step must be a finite number > 0 (or 0 for"
                    + " continuous), got " + step);
        }
        if (scale == Scale.LOG && min <= 0) {
            throw new IllegalArgumentException("parameter '" + name + "': log scale needs min > 0, got " + min);
        }
        if (!Double.isFinite(defaultNumber)) {
            throw new IllegalArgumentException("parameter '" + name + "': default must be finite, got " + defaultNumber);
        }
        Optional<String> bad = problem(defaultNumber, min, max, step);
        if (bad.isPresent()) {
            throw new IllegalArgumentException("parameter '" + name + "': default " + defaultNumber + " " + bad.get());
        }
    }

    /** A continuous linear real. */
    public static RealParameter of(String name, double min, double max, double defaultValue) {
        return new RealParameter(name, min, max, 0, Scale.LINEAR, defaultValue, "", "", null);
    }

    public RealParameter withStep(double newStep) {
        return new RealParameter(name, min, max, newStep, scale, defaultNumber, description, unit, condition);
    }

    public RealParameter withScale(Scale newScale) {
        return new RealParameter(name, min, max, step, newScale, defaultNumber, description, unit, condition);
    }

    public RealParameter withCondition(Condition newCondition) {
        return new RealParameter(name, min, max, step, scale, defaultNumber, description, unit, newCondition);
    }

    public RealParameter withDescription(String newDescription, String newUnit) {
        return new RealParameter(name, min, max, step, scale, defaultNumber, newDescription, newUnit, condition);
    }

    /** The same knob with a narrower range (a study's restriction); the default is snapped into it. */
    public RealParameter withRange(double newMin, double newMax) {
        double d = Math.max(newMin, Math.min(newMax, defaultNumber));
        RealParameter probe = new RealParameter(name, newMin, newMax, step, scale, newMin, description, unit, condition);
        return new RealParameter(name, newMin, newMax, step, scale, probe.snap(d).asDouble(), description, unit,
                condition);
    }

    private static Optional<String> problem(double v, double min, double max, double step) {
        if (v < min || v > max) {
            return Optional.of("is outside [" + min + ", " + max + "]");
        }
        if (step > 0) {
            double k = (v - min) / step;
            if (Math.abs(k - Math.rint(k)) > 1e-9 * Math.max(1, Math.abs(k))) {
                return Optional.of("is off the step grid " + min + " + k*" + step);
            }
        }
        return Optional.empty();
    }

    @Override
    public Value defaultValue() {
        return Value.of(defaultNumber);
    }

    @Override
    public String kind() {
        return "real";
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
    public Value valueOf(double number) {
        return Value.of(number);
    }

    @Override
    public Optional<Violation> check(Value value) {
        if (!(value instanceof Value.Real real)) {
            return Optional.of(typeViolation(value));
        }
        return problem(real.value(), min, max, step).map(p -> new Violation(name,
                p.startsWith("is outside") ? "bounds" : "step", "parameter '" + name + "' value " + real.value() + " " + p));
    }

    @Override
    public String domain() {
        return "real in [" + min + ", " + max + "]" + (step > 0 ? " step " + step : "") + (scale == Scale.LOG ? " log"
                : "");
    }
}
