package io.autosys.targets.synthetic;

import io.autosys.sdk.api.Configuration;
import io.autosys.sdk.api.Parameter;
import io.autosys.sdk.api.ParameterSpace;
import io.autosys.sdk.api.RealParameter;
import java.util.ArrayList;
import java.util.Optional;

/** Rosenbrock in 4 dimensions on [-2.048, 2.048]^4; global minimum 0 at (1, 1, 1, 1). */
public final class Rosenbrock4 implements SyntheticFunction {
    private static final ParameterSpace SPACE;

    static {
        var ps = new ArrayList<Parameter>();
        for (int i = 0; i < 4; i++) {
            ps.add(RealParameter.of("x" + i, -2.048, 2.048, 0));
        }
        SPACE = new ParameterSpace(ps);
    }

    @Override
    public String name() {
        return "rosenbrock4";
    }

    @Override
    public ParameterSpace space() {
        return SPACE;
    }

    @Override
    public double evaluate(Configuration c) {
        double sum = 0;
        for (int i = 0; i < 3; i++) {
            double xi = c.getDouble("x" + i);
            double next = c.getDouble("x" + (i + 1));
            sum += 100 * (next - xi * xi) * (next - xi * xi) + (1 - xi) * (1 - xi);
        }
        return sum;
    }

    @Override
    public double optimum() {
        return 0;
    }

    @Override
    public double range() {
        return 11_500;
    }

    @Override
    public Optional<Configuration> minimizer() {
        return Optional.of(Configuration.builder().set("x0", 1.0).set("x1", 1.0).set("x2", 1.0).set("x3", 1.0).build());
    }
}
