package io.autosys.candidategenerator.api;

import java.util.Map;

/**
 * Creates a designer by name from operator settings, and restores one from a snapshot.
 * Settings come from a study's YAML; an unknown setting or a bad value is an
 * {@link IllegalArgumentException} naming the setting and what is allowed.
 */
public interface DesignerFactory {

    /** The name operators use in a study (random, sobol, grid, tpe, gp-bo, metis, cma-es, hyperband). */
    String name();

    Designer create(Problem problem, Map<String, Object> settings, long seed);

    /** Continues exactly where the snapshotted designer stopped. */
    Designer restore(Problem problem, byte[] snapshot);
}
