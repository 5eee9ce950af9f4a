package io.autosys.candidategenerator.api;

import io.autosys.sdk.api.Goal;
import io.autosys.sdk.api.ParameterSpace;
import java.util.Objects;

/** What a designer optimises: a parameter space and which way the objective is better. */
public record Problem(ParameterSpace space, Goal goal) {
    public Problem {
        Objects.requireNonNull(space, "space");
        Objects.requireNonNull(goal, "goal");
    }
}
