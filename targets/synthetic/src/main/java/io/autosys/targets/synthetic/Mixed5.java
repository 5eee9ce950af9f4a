package io.autosys.targets.synthetic;

import io.autosys.sdk.api.CategoricalParameter;
import io.autosys.sdk.api.Configuration;
import io.autosys.sdk.api.IntegerParameter;
import io.autosys.sdk.api.ParameterSpace;
import io.autosys.sdk.api.RealParameter;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One 4-level categorical c, an integer k in [0, 10] and three reals in [0, 1]:
 * {@code OFF[c] + 4 * sum (x_i - OPT[c]_i)^2 + 0.05 (k - 7)^2}; optimum 0 at c = B, k = 7.
 */
public final class Mixed5 implements SyntheticFunction {
    private static final Map<String, double[]> OPT = Map.of(
            "A", new double[] {0.2, 0.8, 0.5}, "B", new double[] {0.7, 0.3, 0.6},
            "C", new double[] {0.4, 0.4, 0.9}, "D", new double[] {0.9, 0.1, 0.2});
    private static final Map<String, Double> OFF = Map.of("A", 0.5, "B", 0.0, "C", 0.25, "D", 1.0);
    private static final ParameterSpace SPACE = ParameterSpace.of(
            CategoricalParameter.of("c", List.of("A", "B", "C", "D"), "A"),
            IntegerParameter.of("k", 0, 10, 5),
            RealParameter.of("x0", 0, 1, 0.5),
            RealParameter.of("x1", 0, 1, 0.5),
            RealParameter.of("x2", 0, 1, 0.5));

    @Override
    public String name() {
        return "mixed5";
    }

    @Override
    public ParameterSpace space() {
        return SPACE;
    }

    @Override
    public double evaluate(Configuration c) {
        String cat = c.getString("c");
        double[] o = OPT.get(cat);
        double s = 0;
        for (int i = 0; i < 3; i++) {
            double d = c.getDouble("x" + i) - o[i];
            s += d * d;
        }
        double k = c.getLong("k");
        return OFF.get(cat) + 4 * s + 0.05 * (k - 7) * (k - 7);
    }

    @Override
    public double optimum() {
        return 0;
    }

    @Override
    public double range() {
        return 1 + 4 * 3 * 0.81 + 0.05 * 49;
    }

    @Override
    public Optional<Configuration> minimizer() {
        return Optional.of(Configuration.builder().set("c", "B").set("k", 7L).set("x0", 0.7).set("x1", 0.3)
                .set("x2", 0.6).build());
    }
}
