package io.autosys.trialmanager.spec;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A study as an operator declares it (YAML or JSON; see {@link StudySpecParser} for the format).
 * Validated on its own by the parser; {@link #resolve} checks it against the target.
 *
 * @param name          unique study name
 * @param target        the system id of a registered target
 * @param objective     what to optimise
 * @param constraints   metric limits; a trial breaking one is infeasible
 * @param parameters    the parameters to tune with optional narrower ranges; empty = all of the target's
 * @param fixed         parameters held at a value (raw YAML scalars, typed against the space on resolve)
 * @param designer      the designer's name
 * @param settings      the designer's settings
 * @param budget        the study's budget
 * @param earlyStopping the median rule, or null
 * @param warmStart     seed the designer with trials of the most similar earlier study of the same service kind
 * @param seed          the designer's seed
 */
public record StudySpec(String name, String target, Objective objective, List<OutcomeConstraint> constraints,
        Map<String, ParameterRestriction> parameters, Map<String, Object> fixed, String designer,
        Map<String, Object> settings, Budget budget, EarlyStopping earlyStopping, boolean warmStart, long seed) {

    public StudySpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(objective, "objective");
        Objects.requireNonNull(designer, "designer");
        Objects.requireNonNull(budget, "budget");
        constraints = List.copyOf(constraints);
        parameters = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(parameters));
        fixed = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(fixed));
        settings = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(settings));
    }

    public StudySpec withName(String newName) {
        return new StudySpec(newName, target, objective, constraints, parameters, fixed, designer, settings, budget,
                earlyStopping, warmStart, seed);
    }
}
