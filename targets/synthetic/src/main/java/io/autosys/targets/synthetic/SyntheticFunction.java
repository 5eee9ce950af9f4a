package io.autosys.targets.synthetic;

import io.autosys.sdk.api.Configuration;
import io.autosys.sdk.api.ParameterSpace;
import java.util.Optional;

/**
 * A benchmark function to minimise, with a known optimum: the public suite of BENCHMARKS.md,
 * defined exactly as {@code shared/peers/optuna_suite.py} defines it so regrets compare with
 * Optuna's.
 */
public interface SyntheticFunction {

    /** The suite name (branin, hartmann6, rosenbrock4, mixed5). */
    String name();

    ParameterSpace space();

    /** The noise-free value at a complete, valid configuration of {@link #space()}. */
    double evaluate(Configuration configuration);

    /** The known global minimum. */
    double optimum();

    /** max - min over the space (approximate where not closed-form); noise levels are a share of it. */
    double range();

    /** A configuration where the function attains {@link #optimum()}, when one is known. */
    default Optional<Configuration> minimizer() {
        return Optional.empty();
    }

    /** Simple regret of a value: value - optimum. */
    default double regret(double value) {
        return value - optimum();
    }
}
