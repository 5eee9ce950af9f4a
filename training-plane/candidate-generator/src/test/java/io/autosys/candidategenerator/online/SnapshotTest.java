package io.autosys.candidategenerator.online;

import static io.autosys.candidategenerator.online.ImprovementsTest.settings;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.autosys.candidategenerator.api.Prediction;
import io.autosys.sdk.api.BooleanParameter;
import io.autosys.sdk.api.CategoricalParameter;
import io.autosys.sdk.api.Configuration;
import io.autosys.sdk.api.Context;
import io.autosys.sdk.api.ContextFeatureSpec;
import io.autosys.sdk.api.IntegerParameter;
import io.autosys.sdk.api.ParameterSpace;
import io.autosys.sdk.api.RealParameter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** A restored snapshot continues bit for bit: same configurations, same ids, same next snapshot. */
class SnapshotTest {
    static final ParameterSpace NUMERIC = ParameterSpace.of(RealParameter.of("x", 0, 10, 2),
            IntegerParameter.of("n", 0, 2, 0), RealParameter.of("y", -5, 5, 4).withStep(0.5));
    static final ParameterSpace CATEGORICAL = ParameterSpace.of(CategoricalParameter.of("mode", List.of("a", "b",
            "c"), "a"), BooleanParameter.of("compress", true));
    static final ParameterSpace MIXED = ParameterSpace.of(RealParameter.of("x", 0, 10, 2),
            IntegerParameter.of("n", 0, 2, 0), CategoricalParameter.of("mode", List.of("a", "b", "c"), "a"),
            BooleanParameter.of("compress", true));
    static final List<ContextFeatureSpec> FEATURES = List.of(ContextFeatureSpec.categorical("job", List.of("j0",
            "j1", "j2"), ""), ContextFeatureSpec.numeric("load", ""));

    static ParameterSpace spaceFor(String algorithm) {
        return switch (algorithm) {
            case "bluefin" -> NUMERIC;
            case "exponential-weights", "exponential-weights-slates" -> CATEGORICAL;
            default -> MIXED;
        };
    }

    static double reward(Configuration c, int t) {
        double r = 0.5 + 0.01 * (t % 7);
        for (var e : c.values().entrySet()) {
            r += e.getValue().asString().hashCode() % 13 / 100.0;
        }
        return r;
    }

    static Context context(int t) {
        return Context.empty().with("job", "j" + t % 3).with("load", (t % 5) * 0.3);
    }

    /** Drives a tuner for {@code rounds}, with a repeated predict now and then; returns what it served. */
    static List<String> drive(LiveTuner tuner, int from, int rounds) {
        var out = new ArrayList<String>();
        for (int t = from; t < from + rounds; t++) {
            Context c = context(t);
            Prediction p = tuner.predict(c);
            out.add(p.requestId() + " " + p.configuration());
            if (t % 11 == 0) {
                Prediction again = tuner.predict(c);
                out.add(again.requestId() + " " + again.configuration());
            }
            tuner.setReward(p.requestId(), reward(p.configuration(), t));
        }
        return out;
    }

    @ParameterizedTest
    @ValueSource(strings = {"bluefin", "exponential-weights", "exponential-weights-slates", "hybrid", "autoscope"})
    void aRestoredTunerContinuesBitForBit(String algorithm) {
        ParameterSpace space = spaceFor(algorithm);
        Map<String, Object> s = algorithm.equals("bluefin") || algorithm.equals("hybrid") || algorithm.equals(
                "autoscope") ? settings("eta", 0.05, "max_change", Map.of("x", 1.5)) : settings();
        LiveTuner original = OnlineTuners.create(algorithm, space, FEATURES, s, 42);
        drive(original, 0, 37);
        Prediction pending = original.predict(context(37)); // a probe awaiting its reward
        byte[] snapshot = original.snapshot();

        LiveTuner restored = OnlineTuners.restore(space, snapshot);
        assertThat(restored.algorithm()).isEqualTo(algorithm);
        assertThat(restored.config()).isEqualTo(original.config());
        assertThat(restored.snapshot()).isEqualTo(snapshot);

        original.setReward(pending.requestId(), 0.7);
        restored.setReward(pending.requestId(), 0.7);
        assertThat(drive(restored, 38, 80)).isEqualTo(drive(original, 38, 80));
        assertThat(restored.snapshot()).isEqualTo(original.snapshot());
    }

    @Test
    void pauseAndLimitsSurviveARestore() {
        LiveTuner original = OnlineTuners.create("hybrid", MIXED, settings(), 1);
        drive(original, 0, 10);
        original.setMaxChange("x", 0.5);
        original.pause();
        LiveTuner restored = OnlineTuners.restore(MIXED, original.snapshot());
        assertThat(restored.isPaused()).isTrue();
        assertThat(restored.maxChanges()).containsEntry("x", 0.5);
        restored.resume();
        original.resume();
        assertThat(drive(restored, 10, 30)).isEqualTo(drive(original, 10, 30));
    }

    @Test
    void aSnapshotOfAnotherSpaceIsRefused() {
        LiveTuner tuner = OnlineTuners.create("bluefin", NUMERIC, settings(), 1);
        var other = ParameterSpace.of(RealParameter.of("x", 0, 20, 2), IntegerParameter.of("n", 0, 2, 0),
                RealParameter.of("y", -5, 5, 4).withStep(0.5));
        assertThatThrownBy(() -> OnlineTuners.restore(other, tuner.snapshot()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("different parameter space");
    }

    @Test
    void corruptOrForeignBytesAreRefused() {
        byte[] good = OnlineTuners.create("bluefin", NUMERIC, settings(), 1).snapshot();
        assertThatThrownBy(() -> OnlineTuners.restore(NUMERIC, java.util.Arrays.copyOf(good, good.length / 2)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("corrupt");
        assertThatThrownBy(() -> OnlineTuners.restore(NUMERIC, new byte[] {1, 2, 3, 4, 5, 6, 7, 8}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not an online-tuner snapshot");
        byte[] future = good.clone();
        future[7] = 99; // version field
        assertThatThrownBy(() -> OnlineTuners.restore(NUMERIC, future)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("version 99");
        byte[] longer = java.util.Arrays.copyOf(good, good.length + 1);
        assertThatThrownBy(() -> OnlineTuners.restore(NUMERIC, longer)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("trailing");
    }

    @Test
    void aTunerWithAnInjectedSourceRestoresWithOne() {
        var random = new RngRandomSource(9);
        LiveTuner tuner = OnlineTuners.create("bluefin", NUMERIC, List.of(), settings(), new RandomSource() {
            @Override
            public double[] direction(int dimension) {
                return random.direction(dimension);
            }

            @Override
            public int arm(double[] probabilities) {
                return random.arm(probabilities);
            }

            @Override
            public double uniform() {
                return random.uniform();
            }
        });
        drive(tuner, 0, 5);
        byte[] snapshot = tuner.snapshot();
        assertThatThrownBy(() -> OnlineTuners.restore(NUMERIC, snapshot)).isInstanceOf(
                IllegalArgumentException.class).hasMessageContaining("injected random source");
        assertThat(OnlineTuners.restore(NUMERIC, snapshot, new RngRandomSource(1)).algorithm()).isEqualTo("bluefin");
    }
}
