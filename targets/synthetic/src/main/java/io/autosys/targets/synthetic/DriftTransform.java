package io.autosys.targets.synthetic;

import io.autosys.sdk.api.BooleanParameter;
import io.autosys.sdk.api.CategoricalParameter;
import io.autosys.sdk.api.Configuration;
import io.autosys.sdk.api.NumericParameter;
import io.autosys.sdk.api.Parameter;
import io.autosys.sdk.api.ParameterSpace;
import io.autosys.sdk.api.Value;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * How a drifted synthetic function reads its input. In drift phase p >= 1 the target evaluates
 * {@code f(T_p(x))}, where {@code T_p} is a cyclic shift of every coordinate inside its own
 * domain, a bijection of the space onto itself. So the optimum value stays
 * {@link SyntheticFunction#optimum()} and only its location moves, to {@code T_p^-1(x*)}:
 * <ul>
 * <li>a continuous real: u = its position in [0, 1] (after log on a log scale),
 *     T(u) = frac(u - s) with s in [0.25, 0.75);</li>
 * <li>an integer or a stepped real with n grid values: index i, T(i) = (i - k) mod n with
 *     k = floor(s * n) kept in [1, n - 1];</li>
 * <li>a categorical or boolean with n values: index i, T(i) = (i - r) mod n with
 *     r = 1 + floor(s' * (n - 1)), s' in [0, 1).</li>
 * </ul>
 * The shifts of phase p are drawn, parameter by parameter in declaration order, from a
 * {@link SplittableRandom} seeded with {@code mix(seed, p)}; each phase draws afresh (phases do
 * not accumulate). Phase 0 is the identity. The wrap-around puts a seam in the function where
 * the domain's two ends meet; the optimum moves by at least a quarter of each real's range.
 */
final class DriftTransform {
    private final ParameterSpace space;
    private final long phase;
    /** Per parameter: the unit shift s of a continuous real, or the index shift of the others. */
    private final Map<String, Double> shifts;

    private DriftTransform(ParameterSpace space, long phase, Map<String, Double> shifts) {
        this.space = space;
        this.phase = phase;
        this.shifts = shifts;
    }

    static DriftTransform of(ParameterSpace space, long seed, long phase) {
        if (phase < 0) {
            throw new IllegalArgumentException("drift phase must be >= 0, got " + phase);
        }
        if (phase > 0 && space.isConditional()) {
            throw new IllegalArgumentException("drift needs an unconditional space: shifting a parent would change"
                    + " which parameters are active");
        }
        var shifts = new LinkedHashMap<String, Double>();
        if (phase > 0) {
            var rnd = new SplittableRandom(SyntheticTarget.mix(seed ^ 0x6A09E667F3BCC909L, phase));
            for (Parameter p : space.parameters()) {
                double s = rnd.nextDouble();
                if (p instanceof NumericParameter n && !n.isStepped()) {
                    shifts.put(p.name(), 0.25 + 0.5 * s);
                } else if (p instanceof NumericParameter n) {
                    long count = n.indexCount() + 1;
                    shifts.put(p.name(), (double) (count < 2 ? 0 : Math.max(1, Math.min(count - 1,
                            (long) Math.floor((0.25 + 0.5 * s) * count)))));
                } else {
                    int count = values(p).size();
                    shifts.put(p.name(), (double) (1 + (long) Math.floor(s * (count - 1))));
                }
            }
        }
        return new DriftTransform(space, phase, Map.copyOf(shifts));
    }

    long phase() {
        return phase;
    }

    /** The point of the undrifted function that {@code c} reads in this phase: T_p(c). */
    Configuration toBase(Configuration c) {
        return map(c, -1);
    }

    /** Where a point of the undrifted function lies in this phase: T_p^-1(b). */
    Configuration fromBase(Configuration b) {
        return map(b, +1);
    }

    private Configuration map(Configuration c, int direction) {
        if (phase == 0) {
            return c;
        }
        var out = new LinkedHashMap<String, Value>();
        c.values().forEach((name, v) -> {
            Parameter p = space.get(name);
            double s = shifts.get(name);
            if (p instanceof NumericParameter n && !n.isStepped()) {
                double u = n.upper() == n.lower() ? 0 : n.toUnit(v);
                double moved = frac(u + direction * s);
                out.put(name, n.snap(decode(n, moved)));
            } else if (p instanceof NumericParameter n) {
                long count = n.indexCount() + 1;
                long i = Math.floorMod(n.indexOf(v) + direction * (long) s, count);
                out.put(name, n.valueAtIndex(i));
            } else {
                List<String> vs = values(p);
                int i = Math.floorMod(vs.indexOf(v.asString()) + direction * (int) s, vs.size());
                out.put(name, p instanceof BooleanParameter ? Value.of(Boolean.parseBoolean(vs.get(i)))
                        : Value.of(vs.get(i)));
            }
        });
        return Configuration.of(out);
    }

    private static double decode(NumericParameter n, double u) {
        return switch (n.scale()) {
            case LOG -> Math.exp(Math.log(n.lower()) + u * (Math.log(n.upper()) - Math.log(n.lower())));
            case LINEAR -> n.lower() + u * (n.upper() - n.lower());
        };
    }

    private static double frac(double x) {
        double f = x - Math.floor(x);
        return f >= 1 ? 0 : f;
    }

    private static List<String> values(Parameter p) {
        if (p instanceof CategoricalParameter c) {
            return c.categories();
        }
        return BooleanParameter.VALUES;
    }
}
