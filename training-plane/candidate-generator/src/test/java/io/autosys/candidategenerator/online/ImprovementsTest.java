package io.autosys.candidategenerator.online;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.autosys.candidategenerator.api.Prediction;
import io.autosys.sdk.api.BooleanParameter;
import io.autosys.sdk.api.CategoricalParameter;
import io.autosys.sdk.api.Configuration;
import io.autosys.sdk.api.Context;
import io.autosys.sdk.api.IntegerParameter;
import io.autosys.sdk.api.ParameterSpace;
import io.autosys.sdk.api.RealParameter;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import org.junit.jupiter.api.Test;

/**
 * Each improvement of ALGORITHMS.md section 4 (and the two beyond it) against the reference
 * behaviour: every test here fails when its improvement is switched off, and the "off" half shows
 * the reference's flaw.
 */
class ImprovementsTest {

    static Map<String, Object> settings(Object... kv) {
        var m = new LinkedHashMap<String, Object>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }

    static void loop(LiveTuner tuner, int rounds, ToDoubleFunction<Configuration> reward) {
        for (int t = 0; t < rounds; t++) {
            Prediction p = tuner.predict();
            tuner.setReward(p.requestId(), reward.applyAsDouble(p.configuration()));
        }
    }

    // 1. few-valued integers move

    static final ParameterSpace THREE_VALUES = ParameterSpace.of(IntegerParameter.of("threads", 0, 2, 0),
            RealParameter.of("ratio", 0, 1, 0.5));

    static double threeValueReward(Configuration c) {
        double r = c.getDouble("ratio") - 0.5;
        return 1 - 0.2 * Math.pow(c.getLong("threads") - 2, 2) - r * r;
    }

    @Test
    void anIntegerWithThreeValuesReachesItsOptimum() {
        for (long seed = 1; seed <= 5; seed++) {
            var tuner = OnlineTuners.create("bluefin", THREE_VALUES, settings("eta", 0.03), seed);
            var served = new HashSet<Long>();
            for (int t = 0; t < 200; t++) {
                Prediction p = tuner.predict();
                served.add(p.configuration().getLong("threads"));
                tuner.setReward(p.requestId(), threeValueReward(p.configuration()));
            }
            assertThat(served).as("seed %d: values served", seed).contains(0L, 1L, 2L);
            assertThat(tuner.bestConfiguration(Context.empty()).getLong("threads")).as("seed %d", seed).isEqualTo(2);
        }
    }

    @Test
    void theReferenceStaysStuckAtZero() {
        var tuner = OnlineTuners.create("bluefin", THREE_VALUES, settings("improvements", false), 7);
        for (int t = 0; t < 200; t++) {
            Prediction p = tuner.predict();
            assertThat(p.configuration().getLong("threads")).as("round %d", t).isZero();
            tuner.setReward(p.requestId(), threeValueReward(p.configuration()));
        }
        assertThat(tuner.bestConfiguration(Context.empty()).getLong("threads")).isZero();
    }

    @Test
    void withoutTheMinimumProbeStepTheIntegerDoesNotReachItsOptimum() {
        for (long seed = 1; seed <= 5; seed++) {
            var tuner = OnlineTuners.create("bluefin", THREE_VALUES, settings("eta", 0.03, "min_probe_step", false),
                    seed);
            loop(tuner, 200, ImprovementsTest::threeValueReward);
            assertThat(tuner.bestConfiguration(Context.empty()).getLong("threads")).as("seed %d", seed)
                    .isNotEqualTo(2);
        }
    }

    // 2. no runaway first RMSprop step

    @Test
    void theFirstRmspropStepIsAboutEtaNotTenEta() {
        var space = ParameterSpace.of(RealParameter.of("a", 0, 1, 0.5), RealParameter.of("b", 0, 1, 0.5),
                RealParameter.of("c", 0, 1, 0.5));
        ToDoubleFunction<Configuration> reward = c -> 1 - Math.abs(c.getDouble("a") - 0.9);
        for (boolean corrected : new boolean[] {true, false}) {
            var tuner = (ContextFreeTuner) OnlineTuners.create("bluefin", space, settings("eta", 0.01,
                    "rmsprop_bias_correction", corrected), 3);
            double[] before = tuner.numericCenter();
            loop(tuner, 2, reward);
            double[] after = tuner.numericCenter();
            for (int j = 0; j < 3; j++) {
                double moved = Math.abs(after[j] - before[j]);
                if (corrected) {
                    assertThat(moved).as("coordinate %d, corrected", j).isLessThanOrEqualTo(0.01 * (1 + 1e-6));
                } else {
                    assertThat(moved).as("coordinate %d, reference", j).isGreaterThan(0.09);
                }
            }
        }
    }

    // 3. a reward baseline for one-point feedback

    @Test
    void withABaselineAFlatRewardDoesNotMoveTheCenter() {
        var space = ParameterSpace.of(RealParameter.of("a", 0, 1, 0.5), RealParameter.of("b", 0, 1, 0.5));
        var with = (ContextFreeTuner) OnlineTuners.create("bluefin", space, settings("feedback", 1, "optimizer",
                "sgd"), 11);
        var without = (ContextFreeTuner) OnlineTuners.create("bluefin", space, settings("feedback", 1, "optimizer",
                "sgd", "reward_baseline", false), 11);
        loop(with, 100, c -> 5.0);
        loop(without, 100, c -> 5.0);
        assertThat(with.numericCenter()).containsExactly(0.5, 0.5);
        double drift = Math.abs(without.numericCenter()[0] - 0.5) + Math.abs(without.numericCenter()[1] - 0.5);
        assertThat(drift).as("the reference random-walks on all-positive rewards").isGreaterThan(0.3);
    }

    // 4. reward normalisation for exponential weights

    static final ParameterSpace POLICY = ParameterSpace.of(CategoricalParameter.of("policy", List.of("lru", "lfu",
            "fifo"), "fifo"));

    static double throughput(Configuration c) {
        return switch (c.getString("policy")) {
            case "lru" -> 520;
            case "lfu" -> 430;
            default -> 300;
        };
    }

    @Test
    void normalisedRewardsInTheHundredsFindTheBestArm() {
        var tuner = OnlineTuners.create("exponential-weights", POLICY, settings(), 5);
        loop(tuner, 300, ImprovementsTest::throughput);
        assertThat(tuner.bestConfiguration(Context.empty()).getString("policy")).isEqualTo("lru");
        double[] p = ((ContextFreeTuner) tuner).banditProbabilities()[0];
        assertThat(p[0]).isGreaterThan(0.9);
    }

    @Test
    void withoutNormalisationRewardsInTheHundredsOverflow() {
        var tuner = OnlineTuners.create("exponential-weights", POLICY, settings("normalize_rewards", false), 5);
        Prediction p = tuner.predict();
        assertThatThrownBy(() -> tuner.setReward(p.requestId(), throughput(p.configuration())))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("overflowed")
                .hasMessageContaining("normalize_rewards");
    }

    @Test
    void aDeclaredRewardRangeNormalisesToo() {
        var tuner = OnlineTuners.create("exponential-weights", POLICY, settings("reward_range", List.of(0, 600)), 5);
        loop(tuner, 300, ImprovementsTest::throughput);
        assertThat(tuner.bestConfiguration(Context.empty()).getString("policy")).isEqualTo("lru");
    }

    // 5. categoricals held across a two-point pair

    static final ParameterSpace MIXED = ParameterSpace.of(RealParameter.of("x", 0, 10, 2),
            CategoricalParameter.of("mode", List.of("a", "b", "c"), "a"), BooleanParameter.of("compress", false));

    @Test
    void theHybridHoldsItsCategoricalsAcrossAPair() {
        for (boolean hold : new boolean[] {true, false}) {
            var tuner = OnlineTuners.create("hybrid", MIXED, settings("hold_categoricals", hold), 9);
            int differing = 0;
            for (int pair = 0; pair < 50; pair++) {
                Prediction plus = tuner.predict();
                tuner.setReward(plus.requestId(), 1 - Math.abs(plus.configuration().getDouble("x") - 7) / 10);
                Prediction minus = tuner.predict();
                tuner.setReward(minus.requestId(), 1 - Math.abs(minus.configuration().getDouble("x") - 7) / 10);
                if (!plus.configuration().getString("mode").equals(minus.configuration().getString("mode"))
                        || plus.configuration().getBoolean("compress") != minus.configuration().getBoolean("compress")) {
                    differing++;
                }
            }
            if (hold) {
                assertThat(differing).as("pairs whose categoricals changed, held").isZero();
            } else {
                assertThat(differing).as("pairs whose categoricals changed, reference").isGreaterThan(10);
            }
        }
    }

    // 6. repeated predict before a reward returns the same configuration

    @Test
    void aRepeatedPredictServesThePendingProbeUnderANewId() {
        var tuner = OnlineTuners.create("hybrid", MIXED, settings(), 4);
        for (int round = 0; round < 20; round++) {
            Prediction first = tuner.predict();
            Prediction second = tuner.predict();
            Prediction third = tuner.predict();
            assertThat(second.configuration()).isEqualTo(first.configuration());
            assertThat(third.configuration()).isEqualTo(first.configuration());
            assertThat(List.of(first.requestId(), second.requestId(), third.requestId())).doesNotHaveDuplicates();
            tuner.setReward(second.requestId(), 0.5);
            // The probe got its reward: the other ids for it are retired.
            assertThatThrownBy(() -> tuner.setReward(first.requestId(), 0.5))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(first.requestId());
        }
    }

    @Test
    void withoutRepeatingARepeatedPredictDrawsAgain() {
        var tuner = OnlineTuners.create("hybrid", MIXED, settings("repeat_pending", false), 4);
        int changed = 0;
        for (int round = 0; round < 20; round++) {
            Prediction first = tuner.predict();
            Prediction second = tuner.predict();
            if (!second.configuration().equals(first.configuration())) {
                changed++;
            }
            tuner.setReward(second.requestId(), 0.5);
        }
        assertThat(changed).isGreaterThan(5);
    }

    // Beyond the six: bandits that follow a moved optimum

    @Test
    void trackingBanditsLeaveAFormerWinner() {
        for (boolean track : new boolean[] {true, false}) {
            var tuner = OnlineTuners.create("exponential-weights-slates", POLICY, settings("track_drift", track), 21);
            loop(tuner, 400, c -> c.getString("policy").equals("lru") ? 1.0 : 0.6);
            assertThat(tuner.bestConfiguration(Context.empty()).getString("policy")).isEqualTo("lru");
            loop(tuner, 300, c -> c.getString("policy").equals("lfu") ? 1.0 : 0.6);
            String best = tuner.bestConfiguration(Context.empty()).getString("policy");
            if (track) {
                assertThat(best).as("tracking").isEqualTo("lfu");
            } else {
                assertThat(best).as("reference").isEqualTo("lru");
            }
        }
    }
}
