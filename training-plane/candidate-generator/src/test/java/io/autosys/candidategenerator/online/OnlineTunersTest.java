package io.autosys.candidategenerator.online;

import static io.autosys.candidategenerator.online.ImprovementsTest.settings;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.autosys.candidategenerator.api.Prediction;
import io.autosys.sdk.api.BooleanParameter;
import io.autosys.sdk.api.CategoricalParameter;
import io.autosys.sdk.api.Condition;
import io.autosys.sdk.api.Configuration;
import io.autosys.sdk.api.Context;
import io.autosys.sdk.api.IntegerParameter;
import io.autosys.sdk.api.ParameterSpace;
import io.autosys.sdk.api.RealParameter;
import io.autosys.sdk.api.Scale;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The registry: names, settings validation, space checks, and the request protocol. */
class OnlineTunersTest {
    static final ParameterSpace MIXED = SnapshotTest.MIXED;

    @Test
    void knowsTheFiveAlgorithms() {
        assertThat(OnlineTuners.names()).containsExactly("bluefin", "exponential-weights",
                "exponential-weights-slates", "hybrid", "autoscope");
        assertThatThrownBy(() -> OnlineTuners.create("bluefish", MIXED, Map.of(), 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("unknown online tuner 'bluefish'")
                .hasMessageContaining("hybrid");
    }

    @Test
    void badSettingsNameTheSettingAndWhatIsAllowed() {
        expectBad(settings("eta", 0), "'eta'", "> 0");
        expectBad(settings("eta", -0.1), "'eta'", "> 0");
        expectBad(settings("delta", 0.5), "'delta'", "(0, 0.5)");
        expectBad(settings("delta", 0), "'delta'", "(0, 0.5)");
        expectBad(settings("feedback", 3), "'feedback'", "1 (one-point) or 2 (two-point)");
        expectBad(settings("feedback", 1.5), "'feedback'", "whole number");
        expectBad(settings("optimizer", "adam"), "'optimizer'", "rmsprop, sgd");
        expectBad(settings("etaa", 0.1), "unknown setting 'etaa'", "allowed: ");
        expectBad(settings("eta", "fast"), "'eta'", "number");
        expectBad(settings("improvements", "maybe"), "'improvements'", "true or false");
        expectBad(settings("categorical", "tree"), "'categorical'", "slates or joint");
        expectBad(settings("reward_range", List.of(5, 1)), "'reward_range'", "low < high");
        expectBad(settings("eta_decay_rate", -1), "'eta_decay_rate'", ">= 0");
        expectBad(settings("forgetting", 1.5), "'forgetting'", "(0, 1]");
        assertThatThrownBy(() -> OnlineTuners.create("exponential-weights", SnapshotTest.CATEGORICAL, settings(
                "delta", 0.1), 1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unknown setting 'delta' for online tuner 'exponential-weights'");
        assertThatThrownBy(() -> OnlineTuners.create("autoscope", MIXED, SnapshotTest.FEATURES, settings("height", 0),
                1)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'height'");
    }

    private static void expectBad(Map<String, Object> s, String... fragments) {
        var assertion = assertThatThrownBy(() -> OnlineTuners.create("hybrid", MIXED, s, 1))
                .isInstanceOf(IllegalArgumentException.class);
        for (String f : fragments) {
            assertion.hasMessageContaining(f);
        }
    }

    @Test
    void settingsAsYamlGivesThemAreAccepted() {
        LiveTuner t = OnlineTuners.create("hybrid", MIXED, settings("eta", "0.05", "feedback", 1L, "delta", 0.2f,
                "improvements", "false", "min_probe_step", true, "optimizer", "sgd", "categorical", "joint"), 1);
        assertThat(t.config().eta()).isEqualTo(0.05);
        assertThat(t.config().feedback()).isEqualTo(1);
        assertThat(t.config().optimizer()).isEqualTo(Optimizer.SGD);
        assertThat(t.config().improvements()).isEqualTo(new Improvements(true, false, false, false, false, false,
                false, false));
    }

    @Test
    void eachAlgorithmChecksWhatTheSpaceHolds() {
        assertThatThrownBy(() -> OnlineTuners.create("bluefin", MIXED, Map.of(), 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'mode' is categorical");
        assertThatThrownBy(() -> OnlineTuners.create("exponential-weights", MIXED, Map.of(), 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'x' is real");
        var constant = ParameterSpace.of(IntegerParameter.of("fixed", 3, 3, 3), CategoricalParameter.of("one",
                List.of("only"), "only"));
        assertThatThrownBy(() -> OnlineTuners.create("hybrid", constant, Map.of(), 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no parameter");
    }

    @Test
    void sameSeedSameRunAndIdsFromACounter() {
        List<String> a = run(OnlineTuners.create("hybrid", MIXED, Map.of(), 17));
        List<String> b = run(OnlineTuners.create("hybrid", MIXED, Map.of(), 17));
        List<String> c = run(OnlineTuners.create("hybrid", MIXED, Map.of(), 18));
        assertThat(a).isEqualTo(b).isNotEqualTo(c);
        assertThat(a.get(0)).startsWith("r1 ");
        assertThat(a.get(1)).startsWith("r2 ");
    }

    private static List<String> run(LiveTuner tuner) {
        var out = new ArrayList<String>();
        for (int t = 0; t < 60; t++) {
            Prediction p = tuner.predict();
            out.add(p.requestId() + " " + p.configuration());
            tuner.setReward(p.requestId(), SnapshotTest.reward(p.configuration(), t));
        }
        return out;
    }

    @Test
    void rewardsMustNameALiveRequestAndBeFinite() {
        LiveTuner tuner = OnlineTuners.create("hybrid", MIXED, Map.of(), 1);
        assertThatThrownBy(() -> tuner.setReward("r99", 1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unknown request id 'r99'");
        Prediction p = tuner.predict();
        assertThatThrownBy(() -> tuner.setReward(p.requestId(), Double.NaN))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(p.requestId())
                .hasMessageContaining("finite");
        tuner.setReward(p.requestId(), 1);
        assertThatThrownBy(() -> tuner.setReward(p.requestId(), 1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(p.requestId());
    }

    @Test
    void unansweredRequestsAreBounded() {
        var tuner = (ContextFreeTuner) OnlineTuners.create("hybrid", MIXED, Map.of(), 1);
        for (int i = 0; i < AbstractLiveTuner.MAX_OPEN_REQUESTS + 500; i++) {
            tuner.predict();
        }
        assertThat(tuner.openRequests()).isEqualTo(AbstractLiveTuner.MAX_OPEN_REQUESTS);
    }

    @Test
    void everyServedConfigurationIsValidAndConstantsPassThrough() {
        var space = ParameterSpace.of(RealParameter.of("rate", 1, 1000, 10).withScale(Scale.LOG),
                IntegerParameter.of("threads", 1, 64, 8).withScale(Scale.LOG), RealParameter.of("ratio", 0, 1, 0.5)
                        .withStep(0.05), IntegerParameter.of("fixed", 4, 4, 4), new IntegerParameter("pages", 0, 100, 7,
                                Scale.LINEAR, 14, "", "", null), BooleanParameter.of("compress", false),
                CategoricalParameter.of("codec", List.of("lz4", "zstd", "none"), "none"),
                IntegerParameter.of("level", 1, 9, 3).withCondition(Condition.of("codec", "zstd")));
        for (String algorithm : List.of("hybrid", "autoscope")) {
            LiveTuner tuner = OnlineTuners.create(algorithm, space, SnapshotTest.FEATURES, settings("eta", 0.1), 2);
            int withLevel = 0;
            for (int t = 0; t < 300; t++) {
                Context ctx = SnapshotTest.context(t);
                Prediction p = tuner.predict(ctx);
                Configuration c = p.configuration();
                assertThat(space.violations(c)).as("%s round %d: %s", algorithm, t, c).isEmpty();
                assertThat(c.getLong("fixed")).isEqualTo(4);
                assertThat(c.has("level")).isEqualTo(c.getString("codec").equals("zstd"));
                if (c.has("level")) {
                    withLevel++;
                }
                tuner.setReward(p.requestId(), 1 - Math.abs(Math.log10(c.getDouble("rate")) - 2) / 3);
            }
            assertThat(withLevel).as(algorithm + ": zstd was served").isPositive();
        }
    }

    @Test
    void theInternalEncodingIsTheStepIndex() {
        var tuner = (ContextFreeTuner) OnlineTuners.create("bluefin", ParameterSpace.of(new IntegerParameter("b", 0,
                100, 5, Scale.LINEAR, 40, "", "", null), new RealParameter("c", 100, 900, 50, Scale.LINEAR, 150, "", "",
                        null), RealParameter.of("a", 0, 1, 0.3)), settings("delta", 0.05), 1);
        // b: index 8 of 20; c: index 1 of 16; a: unit 0.3
        assertThat(tuner.numericCenter()).containsExactly(0.4, 0.0625, 0.3);
        NumericCoordinate c = tuner.scopes.get(0).learner.numeric.coords[1];
        // 2.5 and 3.5 index steps round half to even: 2 and 4.
        assertThat(c.decode(2.5 / 16).asDouble()).isEqualTo(200.0);
        assertThat(c.decode(3.5 / 16).asDouble()).isEqualTo(300.0);
    }

    @Test
    void bestConfigurationDoesNotProbe() {
        LiveTuner tuner = OnlineTuners.create("hybrid", MIXED, Map.of(), 1);
        Configuration best = tuner.bestConfiguration(Context.empty());
        assertThat(best).isEqualTo(MIXED.defaults());
        assertThat(tuner.bestConfiguration(Context.empty())).isEqualTo(best);
    }
}
