package io.autosys.targets.synthetic;

import io.autosys.sdk.api.Configuration;
import io.autosys.sdk.api.ParameterSpace;
import io.autosys.sdk.api.RealParameter;
import java.util.Optional;

/** Branin-Hoo on x1 in [-5, 10], x2 in [0, 15]; three global minima of 0.397887. */
public final class Branin implements SyntheticFunction {
    private static final ParameterSpace SPACE = ParameterSpace.of(
            RealParameter.of("x1", -5, 10, 2.5),
            RealParameter.of("x2", 0, 15, 7.5));

    @Override
    public String name() {
        return "branin";
    }

    @Override
    public ParameterSpace space() {
        return SPACE;
    }

    @Override
    public double evaluate(Configuration c) {
        return value(c.getDouble("x1"), c.getDouble("x2"));
    }

    static double value(double x1, double x2) {
        double a = x2 - 5.1 / (4 * Math.PI * Math.PI) * x1 * x1 + 5 / Math.PI * x1 - 6;
        return a * a + 10 * (1 - 1 / (8 * Math.PI)) * Math.cos(x1) + 10;
    }

    @Override
    public double optimum() {
        return 0.397887357729739;
    }

    @Override
    public double range() {
        return 308.13;
    }

    /** One of the three minimisers, (pi, 2.275). */
    @Override
    public Optional<Configuration> minimizer() {
        return Optional.of(Configuration.builder().set("x1", Math.PI).set("x2", 2.275).build());
    }
}
