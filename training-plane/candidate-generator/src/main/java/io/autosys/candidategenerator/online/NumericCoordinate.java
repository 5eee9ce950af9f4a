package io.autosys.candidategenerator.online;

import io.autosys.sdk.api.NumericParameter;
import io.autosys.sdk.api.Scale;
import io.autosys.sdk.api.Value;

/**
 * One numeric parameter in BlueFin's internal space (ALGORITHMS.md section 4): integers and
 * stepped reals on a linear scale become a step index 0..N held as index/N in [0, 1]
 * ({@code M = N}); other reals are their unit encoding ({@code M = 1}; log scale where the
 * parameter says so, and a log-scale grid is snapped after decoding).
 */
final class NumericCoordinate {
    final NumericParameter parameter;
    final boolean indexed;
    final long n;
    /** The scale M of the reference: N for index parameters, 1 otherwise. */
    final double scale;

    NumericCoordinate(NumericParameter parameter) {
        this.parameter = parameter;
        this.indexed = parameter.isStepped() && parameter.scale() == Scale.LINEAR;
        this.n = indexed ? parameter.indexCount() : 0;
        this.scale = indexed ? n : 1.0;
    }

    String name() {
        return parameter.name();
    }

    /** The internal coordinate of a value: index / N, or the unit encoding. */
    double encode(Value value) {
        if (indexed) {
            return parameter.indexOf(value) / scale;
        }
        return parameter.toUnit(value);
    }

    /** The value served for internal coordinate w: x = w M, index rounded half-to-even, mapped back. */
    Value decode(double w) {
        if (indexed) {
            double x = w * scale;
            return parameter.valueAtIndex((long) Math.rint(Math.max(-1, Math.min(n + 1.0, x))));
        }
        return parameter.fromUnit(w);
    }

    /**
     * The internal distance one step of {@code maxChange} (in the parameter's unit) allows, or
     * +infinity where it has no fixed internal size (log scale); the value-space clamp of
     * {@link #limit} always holds regardless.
     */
    double internalLimit(double maxChange) {
        if (indexed) {
            return Math.floor(maxChange / parameter.gridStep() + 1e-9) / scale;
        }
        if (parameter.scale() == Scale.LINEAR && parameter.upper() > parameter.lower()) {
            return maxChange / (parameter.upper() - parameter.lower());
        }
        return Double.POSITIVE_INFINITY;
    }

    /** {@code proposed} moved at most {@code maxChange} from {@code last}, staying on the grid. */
    Value limit(Value proposed, Value last, double maxChange) {
        if (parameter.isStepped()) {
            long kLast = parameter.indexOf(last);
            long kNew = parameter.indexOf(proposed);
            long maxK = (long) Math.floor(maxChange / parameter.gridStep() + 1e-9);
            return parameter.valueAtIndex(Math.max(kLast - maxK, Math.min(kLast + maxK, kNew)));
        }
        double l = last.asDouble();
        double v = Math.max(l - maxChange, Math.min(l + maxChange, proposed.asDouble()));
        return parameter.snap(v);
    }
}
