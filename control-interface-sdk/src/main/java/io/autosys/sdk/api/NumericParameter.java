package io.autosys.sdk.api;

/**
 * A real or integer parameter, with the encoding numeric designers and online tuners share:
 * {@link #toUnit} maps a value to [0, 1] (after log where the scale says so), {@link #fromUnit}
 * maps back, rounding to the nearest grid value half-to-even ({@link Math#rint}) and clamping
 * into range; {@link #indexCount} and {@link #valueAtIndex} enumerate the step grid.
 */
public sealed interface NumericParameter extends Parameter permits RealParameter, IntegerParameter {

    double lower();

    double upper();

    Scale scale();

    /** The grid spacing from {@link #lower()}, or 0 for a continuous real. */
    double gridStep();

    /** Builds a value of this parameter's kind from a number already on the grid and in range. */
    Value valueOf(double number);

    default boolean isStepped() {
        return gridStep() > 0;
    }

    /** The number of grid steps N = floor((max - min) / step); grid values are indices 0..N. */
    default long indexCount() {
        if (!isStepped()) {
            throw new IllegalStateException("parameter '" + name() + "' is continuous: it has no step grid");
        }
        return (long) Math.floor((upper() - lower()) / gridStep() + 1e-9);
    }

    /** The grid value at index k (clamped to 0..N). */
    default Value valueAtIndex(long k) {
        long n = indexCount();
        long clamped = Math.max(0, Math.min(n, k));
        return valueOf(Math.min(upper(), lower() + clamped * gridStep()));
    }

    /** The grid index of a value of this parameter (nearest, half-to-even). */
    default long indexOf(Value value) {
        long n = indexCount();
        long k = (long) Math.rint((value.asDouble() - lower()) / gridStep());
        return Math.max(0, Math.min(n, k));
    }

    /** Maps a value into [0, 1], after log when the scale is LOG. Constant parameters map to 0. */
    default double toUnit(Value value) {
        double v = value.asDouble();
        if (upper() == lower()) {
            return 0;
        }
        double u = scale() == Scale.LOG
                ? (Math.log(v) - Math.log(lower())) / (Math.log(upper()) - Math.log(lower()))
                : (v - lower()) / (upper() - lower());
        return Math.max(0, Math.min(1, u));
    }

    /** Maps u in [0, 1] (clamped) to a valid value: scale, then nearest grid value, then range. */
    default Value fromUnit(double u) {
        if (Double.isNaN(u)) {
            throw new IllegalArgumentException("parameter '" + name() + "': cannot decode NaN");
        }
        double c = Math.max(0, Math.min(1, u));
        double x = scale() == Scale.LOG
                ? Math.exp(Math.log(lower()) + c * (Math.log(upper()) - Math.log(lower())))
                : lower() + c * (upper() - lower());
        return snap(x);
    }

    /** The valid value nearest to x: rounded to the grid half-to-even, clamped into range. */
    default Value snap(double x) {
        if (Double.isNaN(x)) {
            throw new IllegalArgumentException("parameter '" + name() + "': cannot snap NaN");
        }
        if (isStepped()) {
            double k = Math.rint((x - lower()) / gridStep());
            return valueAtIndex((long) Math.max(0, Math.min(Long.MAX_VALUE / 2, k)));
        }
        return valueOf(Math.max(lower(), Math.min(upper(), x)));
    }

    @Override
    default boolean isConstant() {
        return upper() == lower();
    }
}
