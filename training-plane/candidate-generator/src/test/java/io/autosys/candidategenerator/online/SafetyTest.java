package io.autosys.candidategenerator.online;

import static io.autosys.candidategenerator.online.ImprovementsTest.settings;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.autosys.candidategenerator.api.Prediction;
import io.autosys.candidategenerator.api.Rng;
import io.autosys.sdk.api.CategoricalParameter;
import io.autosys.sdk.api.Configuration;
import io.autosys.sdk.api.Context;
import io.autosys.sdk.api.ContextFeatureSpec;
import io.autosys.sdk.api.IntegerParameter;
import io.autosys.sdk.api.ParameterSpace;
import io.autosys.sdk.api.RealParameter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The controls for live use: a maximum change per step per parameter, and pause/resume. */
class SafetyTest {
    static final ParameterSpace SPACE = ParameterSpace.of(IntegerParameter.of("max_background_jobs", 1, 32, 2),
            RealParameter.of("write_buffer_mb", 16, 512, 64), CategoricalParameter.of("compaction", List.of("level",
                    "universal"), "level"));

    static double reward(Configuration c) {
        double j = (c.getLong("max_background_jobs") - 20) / 31.0;
        double w = (c.getDouble("write_buffer_mb") - 300) / 496.0;
        return 1 - j * j - w * w - (c.getString("compaction").equals("universal") ? 0 : 0.1);
    }

    @Test
    void neverMovesALimitedParameterByMoreThanTheLimit() {
        LiveTuner tuner = OnlineTuners.create("hybrid", SPACE, settings("eta", 0.05, "max_change", Map.of(
                "max_background_jobs", 2, "write_buffer_mb", 10.0)), 3);
        long lastJobs = 2;
        double lastBuffer = 64;
        for (int t = 0; t < 600; t++) {
            Prediction p = tuner.predict();
            long jobs = p.configuration().getLong("max_background_jobs");
            double buffer = p.configuration().getDouble("write_buffer_mb");
            assertThat(Math.abs(jobs - lastJobs)).as("round %d: jobs %d after %d", t, jobs, lastJobs)
                    .isLessThanOrEqualTo(2);
            assertThat(Math.abs(buffer - lastBuffer)).as("round %d", t).isLessThanOrEqualTo(10 + 1e-9);
            lastJobs = jobs;
            lastBuffer = buffer;
            tuner.setReward(p.requestId(), reward(p.configuration()));
        }
        // Limited, not frozen: it still gets near the optimum (20 jobs).
        assertThat(tuner.bestConfiguration(Context.empty()).getLong("max_background_jobs")).isBetween(16L, 24L);
    }

    @Test
    void withoutALimitTheSameTunerTakesLargerSteps() {
        LiveTuner tuner = OnlineTuners.create("hybrid", SPACE, settings("eta", 0.05), 3);
        long last = 2;
        long largest = 0;
        for (int t = 0; t < 100; t++) {
            Prediction p = tuner.predict();
            long jobs = p.configuration().getLong("max_background_jobs");
            largest = Math.max(largest, Math.abs(jobs - last));
            last = jobs;
            tuner.setReward(p.requestId(), reward(p.configuration()));
        }
        assertThat(largest).isGreaterThan(2);
    }

    @Test
    void limitsCanBeSetAndClearedWhileRunning() {
        LiveTuner tuner = OnlineTuners.create("hybrid", SPACE, settings("eta", 0.05), 3);
        ImprovementsTest.loop(tuner, 40, SafetyTest::reward);
        tuner.setMaxChange("max_background_jobs", 1);
        assertThat(tuner.maxChanges()).containsEntry("max_background_jobs", 1.0);
        assertThat(tuner.config().maxChange()).containsEntry("max_background_jobs", 1.0);
        long last = -1;
        for (int t = 0; t < 200; t++) {
            Prediction p = tuner.predict();
            long jobs = p.configuration().getLong("max_background_jobs");
            if (last >= 0) {
                assertThat(Math.abs(jobs - last)).as("round %d", t).isLessThanOrEqualTo(1);
            }
            last = jobs;
            tuner.setReward(p.requestId(), reward(p.configuration()));
        }
        tuner.clearMaxChange("max_background_jobs");
        assertThat(tuner.maxChanges()).isEmpty();
    }

    @Test
    void badLimitsNameTheParameter() {
        LiveTuner tuner = OnlineTuners.create("hybrid", SPACE, Map.of(), 3);
        assertThatThrownBy(() -> tuner.setMaxChange("max_jobs", 2)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unknown parameter 'max_jobs'");
        assertThatThrownBy(() -> tuner.setMaxChange("compaction", 1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'compaction' is categorical");
        assertThatThrownBy(() -> tuner.setMaxChange("max_background_jobs", 0.5))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("smaller than its step");
        assertThatThrownBy(() -> tuner.setMaxChange("write_buffer_mb", -1)).isInstanceOf(
                IllegalArgumentException.class).hasMessageContaining("'write_buffer_mb'").hasMessageContaining("> 0");
        assertThatThrownBy(() -> OnlineTuners.create("hybrid", SPACE, settings("max_change", Map.of("nope", 1)), 3))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'nope'");
        assertThatThrownBy(() -> OnlineTuners.create("hybrid", SPACE, settings("max_change", 2), 3))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'max_change'");
    }

    @Test
    void autoscopeLimitsEachScopeFromWhatItServedLast() {
        var features = List.of(ContextFeatureSpec.categorical("job", List.of("a", "b"), ""));
        var space = ParameterSpace.of(IntegerParameter.of("max_background_jobs", 1, 32, 2));
        var tuner = (AutoScopeTuner) OnlineTuners.create("autoscope", space, features, settings("eta", 0.05,
                "max_change", Map.of("max_background_jobs", 2)), 8);
        Map<Integer, Long> last = new HashMap<>();
        Rng jobs = new Rng(3);
        for (int t = 0; t < 600; t++) {
            String job = jobs.nextInt(2) == 0 ? "a" : "b";
            Context c = Context.empty().with("job", job);
            Prediction p = tuner.predict(c);
            int leaf = tuner.leafOf(c);
            long v = p.configuration().getLong("max_background_jobs");
            long before = last.getOrDefault(leaf, 2L);
            assertThat(Math.abs(v - before)).as("round %d leaf %d", t, leaf).isLessThanOrEqualTo(2);
            last.put(leaf, v);
            double target = job.equals("a") ? 5 : 28;
            tuner.setReward(p.requestId(), 1 - Math.pow((v - target) / 31.0, 2));
        }
    }

    @Test
    void pauseServesTheBestConfigurationAndLearnsNothing() {
        var tuner = (ContextFreeTuner) OnlineTuners.create("hybrid", SPACE, settings("eta", 0.05), 5);
        ImprovementsTest.loop(tuner, 101, SafetyTest::reward);
        Prediction beforePause = tuner.predict();
        tuner.pause();
        assertThat(tuner.isPaused()).isTrue();
        double[] center = tuner.numericCenter();
        double[][] weights = tuner.banditProbabilities();
        Configuration best = tuner.bestConfiguration(Context.empty());
        // A late reward for a request issued before the pause is accepted and ignored.
        tuner.setReward(beforePause.requestId(), 0.99);
        for (int t = 0; t < 50; t++) {
            Prediction p = tuner.predict();
            assertThat(p.configuration()).isEqualTo(best);
            tuner.setReward(p.requestId(), t % 2 == 0 ? -5 : 5);
        }
        assertThat(tuner.numericCenter()).containsExactly(center);
        assertThat(tuner.banditProbabilities()).isDeepEqualTo(weights);

        tuner.resume();
        assertThat(tuner.isPaused()).isFalse();
        int probes = 0;
        for (int t = 0; t < 50; t++) {
            Prediction p = tuner.predict();
            if (!p.configuration().equals(best)) {
                probes++;
            }
            tuner.setReward(p.requestId(), reward(p.configuration()));
        }
        assertThat(probes).as("probing resumed").isGreaterThan(20);
        assertThat(tuner.numericCenter()).as("learning resumed").isNotEqualTo(center);
    }

    @Test
    void rewardsForPausedRequestsArriveAfterResumeWithoutHarm() {
        var tuner = (ContextFreeTuner) OnlineTuners.create("bluefin", ParameterSpace.of(RealParameter.of("x", 0, 1,
                0.5)), Map.of(), 5);
        tuner.pause();
        Prediction paused = tuner.predict();
        tuner.resume();
        double[] center = tuner.numericCenter();
        tuner.setReward(paused.requestId(), 100);
        assertThat(tuner.numericCenter()).containsExactly(center);
    }
}
