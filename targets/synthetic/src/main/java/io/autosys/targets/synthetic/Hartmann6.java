package io.autosys.targets.synthetic;

import io.autosys.sdk.api.Configuration;
import io.autosys.sdk.api.Parameter;
import io.autosys.sdk.api.ParameterSpace;
import io.autosys.sdk.api.RealParameter;
import java.util.ArrayList;
import java.util.Optional;

/** Hartmann-6 on [0, 1]^6; global minimum -3.32237. */
public final class Hartmann6 implements SyntheticFunction {
    private static final double[][] A = {
        {10, 3, 17, 3.5, 1.7, 8}, {0.05, 10, 17, 0.1, 8, 14}, {3, 3.5, 1.7, 10, 17, 8}, {17, 8, 0.05, 10, 0.1, 14}};
    private static final double[][] P = {
        {1312, 1696, 5569, 124, 8283, 5886}, {2329, 4135, 8307, 3736, 1004, 9991},
        {2348, 1451, 3522, 2883, 3047, 6650}, {4047, 8828, 8732, 5743, 1091, 381}};
    private static final double[] ALPHA = {1.0, 1.2, 3.0, 3.2};
    private static final ParameterSpace SPACE;

    static {
        var ps = new ArrayList<Parameter>();
        for (int i = 0; i < 6; i++) {
            ps.add(RealParameter.of("x" + i, 0, 1, 0.5));
        }
        SPACE = new ParameterSpace(ps);
    }

    @Override
    public String name() {
        return "hartmann6";
    }

    @Override
    public ParameterSpace space() {
        return SPACE;
    }

    @Override
    public double evaluate(Configuration c) {
        double[] x = new double[6];
        for (int i = 0; i < 6; i++) {
            x[i] = c.getDouble("x" + i);
        }
        return value(x);
    }

    static double value(double[] x) {
        double sum = 0;
        for (int i = 0; i < 4; i++) {
            double inner = 0;
            for (int j = 0; j < 6; j++) {
                double d = x[j] - 1e-4 * P[i][j];
                inner += A[i][j] * d * d;
            }
            sum += ALPHA[i] * Math.exp(-inner);
        }
        return -sum;
    }

    @Override
    public double optimum() {
        return -3.32236801141551;
    }

    @Override
    public double range() {
        return 3.32237;
    }

    @Override
    public Optional<Configuration> minimizer() {
        double[] xs = {0.20168952, 0.15001069, 0.47687398, 0.27533243, 0.31165162, 0.65730054};
        var b = Configuration.builder();
        for (int i = 0; i < 6; i++) {
            b.set("x" + i, xs[i]);
        }
        return Optional.of(b.build());
    }
}
