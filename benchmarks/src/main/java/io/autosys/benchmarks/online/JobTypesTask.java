package io.autosys.benchmarks.online;

import io.autosys.candidategenerator.api.Prediction;
import io.autosys.candidategenerator.api.Rng;
import io.autosys.candidategenerator.online.LiveTuner;
import io.autosys.candidategenerator.online.OnlineTuners;
import io.autosys.sdk.api.Context;
import io.autosys.sdk.api.ContextFeatureSpec;
import io.autosys.sdk.api.ParameterSpace;
import io.autosys.sdk.api.RealParameter;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * AutoScope's task: four job types arrive at random, each with its optimum at a corner of
 * {@code (x, y) in [0, 1]^2} ((0.2, 0.2), (0.8, 0.2), (0.2, 0.8), (0.8, 0.8)); reward
 * {@code 1 - |c - optimum|^2}. One configuration for all earns at most 0.82, so every job type
 * above 0.9 needs its own scope.
 */
public final class JobTypesTask {
    static final ParameterSpace SPACE = ParameterSpace.of(RealParameter.of("x", 0, 1, 0.5),
            RealParameter.of("y", 0, 1, 0.5));
    static final List<String> JOBS = List.of("batch", "stream", "ml", "etl");
    static final List<ContextFeatureSpec> FEATURES = List.of(ContextFeatureSpec.categorical("job", JOBS, "job type"));
    static final double[][] OPTIMA = {{0.2, 0.2}, {0.8, 0.2}, {0.2, 0.8}, {0.8, 0.8}};

    private JobTypesTask() {
    }

    /**
     * The first round (checked every 10) at which every job type's mean reward over its last 50
     * requests exceeds 0.9, or +infinity within {@code rounds}.
     */
    static double roundsUntilEveryTypeAbove09(Map<String, Object> settings, long seed, int rounds) {
        LiveTuner tuner = OnlineTuners.create("autoscope", SPACE, FEATURES, settings, seed);
        Rng jobs = new Rng(1000 + seed);
        var last = new ArrayList<ArrayDeque<Double>>();
        for (int j = 0; j < JOBS.size(); j++) {
            last.add(new ArrayDeque<>());
        }
        for (int t = 1; t <= rounds; t++) {
            int j = jobs.nextInt(JOBS.size());
            Prediction p = tuner.predict(Context.empty().with("job", JOBS.get(j)));
            double dx = p.configuration().getDouble("x") - OPTIMA[j][0];
            double dy = p.configuration().getDouble("y") - OPTIMA[j][1];
            double r = 1 - (dx * dx + dy * dy);
            tuner.setReward(p.requestId(), r);
            last.get(j).add(r);
            if (last.get(j).size() > 50) {
                last.get(j).poll();
            }
            if (t % 10 == 0 && last.stream().allMatch(q -> q.size() == 50
                    && q.stream().mapToDouble(Double::doubleValue).average().orElse(0) > 0.9)) {
                return t;
            }
        }
        return Double.POSITIVE_INFINITY;
    }
}
