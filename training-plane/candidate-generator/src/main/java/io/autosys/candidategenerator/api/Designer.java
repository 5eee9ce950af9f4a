package io.autosys.candidategenerator.api;

import io.autosys.sdk.api.Configuration;
import java.util.List;
import java.util.Optional;

/**
 * An offline tuning algorithm (the shape OSS Vizier uses). Pure: no I/O, clocks, threads or
 * static state; every random draw comes from one seeded {@link Rng}; same seed and same calls
 * give the same suggestions bit for bit. The service stores {@link #snapshot()} and restores it
 * with {@link DesignerFactory#restore}.
 */
public interface Designer {

    /**
     * Up to {@code count} new configurations, all valid in the study's space. With
     * {@code count > 1} they are diverse (the parallel-trials case), never copies of one point.
     */
    List<Suggestion> suggest(int count);

    /**
     * Tells the designer what finished since the last call ({@code completed}: feasible with an
     * objective, or infeasible with a reason; a trial id seen before is ignored) and what is still
     * running ({@code active}: the whole current set). Infeasible trials teach the designer to
     * avoid their region. Prior trials from similar studies (warm start) arrive the same way.
     */
    void update(List<CompletedTrial> completed, List<PendingTrial> active);

    /** The designer's whole state; {@link DesignerFactory#restore} continues exactly from it. */
    byte[] snapshot();

    /**
     * The configuration the designer would deploy now: by default none; designers that model
     * noise recommend the best by their model (the posterior mean), others the best observed.
     */
    default Optional<Configuration> recommendation() {
        return Optional.empty();
    }
}
