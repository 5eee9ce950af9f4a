package io.autosys.targets.synthetic;

import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/** The public suite by name. */
public final class SyntheticFunctions {
    private static final Map<String, Supplier<SyntheticFunction>> SUITE = Map.of(
            "branin", Branin::new, "hartmann6", Hartmann6::new, "rosenbrock4", Rosenbrock4::new, "mixed5", Mixed5::new);

    private SyntheticFunctions() {
    }

    /** The names of the public suite, in the order BENCHMARKS.md lists them. */
    public static List<String> publicSuite() {
        return List.of("branin", "hartmann6", "rosenbrock4", "mixed5");
    }

    public static SyntheticFunction byName(String name) {
        Supplier<SyntheticFunction> s = SUITE.get(name);
        if (s == null) {
            throw new IllegalArgumentException("unknown synthetic function '" + name + "'; known: "
                    + new java.util.TreeSet<>(SUITE.keySet()));
        }
        return s.get();
    }
}
