package io.autosys.candidategenerator.designers.gp;

import io.autosys.candidategenerator.api.CompletedTrial;
import io.autosys.candidategenerator.api.Problem;
import io.autosys.candidategenerator.api.Suggestion;
import io.autosys.candidategenerator.designers.Settings;
import io.autosys.sdk.api.Configuration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * GP-BO with Metis's robustness (Li et al., ATC 2018): a leave-one-out diagnostic of the GP flags
 * observations whose value is unlikely under the model fitted without them (|y − μ₋ᵢ| &gt; 2.33
 * σ₋ᵢ) as outliers; the next trial is whichever candidate has the largest expected gain: the
 * acquisition's best new point (its expected improvement), or re-sampling an outlier (the
 * expected improvement over the incumbent under the leave-one-out prediction, which is large when
 * the outlier may be hiding a better region or may be a lucky draw of the incumbent).
 */
public final class MetisDesigner extends GpBoDesigner {
    public static final String NAME = "metis";
    private final double threshold;
    private final int maxResamples;

    public MetisDesigner(Problem problem, Map<String, Object> settings, long seed) {
        super(NAME, problem, settings, seed, Set.of("outlier_threshold", "max_resamples"));
        Settings s = Settings.of(NAME, settings, union());
        threshold = s.real("outlier_threshold", 2.33, 0, 100, true);
        maxResamples = s.integer("max_resamples", 2, 0, 1000);
    }

    private static Set<String> union() {
        var k = new HashSet<>(KNOWN);
        k.add("outlier_threshold");
        k.add("max_resamples");
        return k;
    }

    @Override
    protected Suggestion next(Model model, GaussianProcess gp, List<Configuration> batch) {
        Candidate explore = maximiseAcquisition(model, gp, batch);
        double[] pe = gp.predict(explore.x());
        double exploreGain = Acquisition.expectedImprovement(pe[0], pe[1], model.best);
        double[][] loo = model.gp.leaveOneOut();
        double[] y = model.gp.targets();
        double bestGain = -1;
        Configuration resample = null;
        for (int k = 0; k < model.feasibleRows.length; k++) {
            int r = model.feasibleRows[k];
            double sd = Math.sqrt(loo[1][r]);
            if (Math.abs(y[r] - loo[0][r]) <= threshold * sd) {
                continue;
            }
            CompletedTrial t = model.feasible.get(k);
            Configuration c = t.configuration();
            if (batch.contains(c) || pending().contains(c) || evaluations(c) > maxResamples) {
                continue;
            }
            double gain = Acquisition.expectedImprovement(loo[0][r], loo[1][r], model.best);
            if (gain > bestGain) {
                bestGain = gain;
                resample = c;
            }
        }
        if (resample != null && bestGain > exploreGain) {
            return new Suggestion(resample, 1.0, Map.of("reason", "resample"));
        }
        return new Suggestion(explore.configuration(), 1.0, Map.of("reason", acquisition));
    }

    private int evaluations(Configuration c) {
        int n = 0;
        for (CompletedTrial t : completed()) {
            if (t.configuration().equals(c)) {
                n++;
            }
        }
        return n;
    }
}
