package io.autosys.candidategenerator.online;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import io.autosys.candidategenerator.api.Prediction;
import io.autosys.sdk.api.CategoricalParameter;
import io.autosys.sdk.api.Configuration;
import io.autosys.sdk.api.IntegerParameter;
import io.autosys.sdk.api.ParameterSpace;
import io.autosys.sdk.api.RealParameter;
import io.autosys.sdk.api.Scale;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Replays the OPPerTune reference's recorded runs (ALGORITHMS.md section 6): the recorded probe
 * directions and arms are injected, every improvement is off, and every center, prediction,
 * probability, eta and delta must match the reference to 1e-9.
 */
class GoldenTraceReplayTest {
    private static final double TOL = 1e-9;
    private static JsonNode traces;

    @BeforeAll
    static void load() {
        traces = GoldenTraces.load();
    }

    /** a: Real[0,1]=0.3; b: Integer[0,100] step 5 = 40; c: Real[100,900] step 50 = 150. */
    static ParameterSpace blueFinSpace() {
        return ParameterSpace.of(RealParameter.of("a", 0, 1, 0.3),
                new IntegerParameter("b", 0, 100, 5, Scale.LINEAR, 40, "", "", null),
                new RealParameter("c", 100, 900, 50, Scale.LINEAR, 150, "", "", null));
    }

    static ParameterSpace categoricalSpace() {
        return ParameterSpace.of(CategoricalParameter.of("p1", List.of("x", "y", "z"), "x"),
                CategoricalParameter.of("p2", List.of("u", "v"), "u"));
    }

    private static double[] doubles(JsonNode array) {
        double[] out = new double[array.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = array.get(i).asDouble();
        }
        return out;
    }

    @Test
    void traceFileHasTheFiveRecordedSetUps() {
        assertThat(traces.fieldNames()).toIterable().containsExactlyInAnyOrder("bluefin_fb2_rmsprop",
                "bluefin_fb1_sgd", "bluefin_fb2_sgd_decay", "exponential_weights", "exponential_weights_slates");
    }

    @ParameterizedTest
    @ValueSource(strings = {"bluefin_fb2_rmsprop", "bluefin_fb1_sgd", "bluefin_fb2_sgd_decay"})
    void blueFinReplaysTheReference(String name) {
        JsonNode setUp = traces.get(name);
        JsonNode trace = setUp.get("trace");
        assertThat(trace.size()).isPositive();
        var random = new ScriptedRandom();
        double[] previous = null;
        int expectedDraws = 0;
        for (JsonNode step : trace) {
            double[] u = doubles(step.get("u"));
            if (previous == null || !java.util.Arrays.equals(previous, u) || setUp.get("feedback").asInt() == 1) {
                random.direction(u);
                expectedDraws++;
            }
            previous = u;
        }
        var settings = new LinkedHashMap<String, Object>();
        settings.put("improvements", false);
        settings.put("feedback", setUp.get("feedback").asInt());
        settings.put("optimizer", setUp.get("optimizer").asText());
        settings.put("eta", setUp.get("eta").asDouble());
        settings.put("delta", setUp.get("delta").asDouble());
        settings.put("eta_decay_rate", setUp.get("eta_decay_rate").asDouble());
        var tuner = (ContextFreeTuner) OnlineTuners.create("bluefin", blueFinSpace(), List.of(), settings, random);

        NumericCoordinate[] coords = tuner.scopes.get(0).learner.numeric.coords;
        int at = 0;
        for (JsonNode step : trace) {
            String where = name + " step " + at;
            double[] max = doubles(step.get("max"));
            for (int j = 0; j < coords.length; j++) {
                assertThat(coords[j].scale).as(where + " max[%d]", j).isEqualTo(max[j]);
            }
            assertThat(tuner.numericCenter()).as(where + " center_before")
                    .containsExactly(doubles(step.get("center_before")), within(TOL));
            Prediction p = tuner.predict();
            JsonNode expected = step.get("prediction");
            Configuration c = p.configuration();
            assertThat(c.getDouble("a")).as(where + " prediction a").isCloseTo(expected.get("a").asDouble(), within(TOL));
            assertThat(c.getLong("b")).as(where + " prediction b").isEqualTo(expected.get("b").asLong());
            assertThat(c.getDouble("c")).as(where + " prediction c").isCloseTo(expected.get("c").asDouble(), within(TOL));
            tuner.setReward(p.requestId(), step.get("reward").asDouble());
            assertThat(tuner.numericCenter()).as(where + " center_after")
                    .containsExactly(doubles(step.get("center_after")), within(TOL));
            assertThat(tuner.numericEta()).as(where + " eta_after").isCloseTo(step.get("eta_after").asDouble(),
                    within(TOL));
            assertThat(tuner.numericDelta()).as(where + " delta_after").isCloseTo(step.get("delta_after").asDouble(),
                    within(TOL));
            assertThat(tuner.numericSteps()).as(where + " iteration_after").isEqualTo(step.get("iteration_after")
                    .asLong());
            at++;
        }
        assertThat(random.directionDraws).as("directions drawn").isEqualTo(expectedDraws);
    }

    @Test
    void exponentialWeightsReplaysTheReference() {
        JsonNode trace = traces.get("exponential_weights").get("trace");
        ParameterSpace space = categoricalSpace();
        var random = new ScriptedRandom();
        for (JsonNode step : trace) {
            random.arm(jointArm(space, step.get("prediction")));
        }
        var tuner = (ContextFreeTuner) OnlineTuners.create("exponential-weights", space, List.of(),
                Map.of("improvements", false), random);
        int at = 0;
        for (JsonNode step : trace) {
            String where = "exponential_weights step " + at++;
            Prediction p = tuner.predict();
            assertPrediction(where, p.configuration(), step.get("prediction"));
            assertThat(tuner.banditDrawProbabilities()[0]).as(where + " p_hat_used")
                    .containsExactly(doubles(step.get("p_hat_used")), within(TOL));
            assertThat(random.lastProbabilities).as(where + " probabilities given to the draw")
                    .containsExactly(doubles(step.get("p_hat_used")), within(TOL));
            tuner.setReward(p.requestId(), step.get("reward").asDouble());
            assertThat(tuner.banditProbabilities()[0]).as(where + " p_after")
                    .containsExactly(doubles(step.get("p_after")), within(TOL));
            assertThat(tuner.banditEta()[0]).as(where + " eta_after").isCloseTo(step.get("eta_after").asDouble(),
                    within(TOL));
            assertThat(tuner.banditDelta()[0]).as(where + " delta_after").isCloseTo(step.get("delta_after")
                    .asDouble(), within(TOL));
        }
        assertThat(random.arms).isEmpty();
    }

    @Test
    void exponentialWeightsSlatesReplaysTheReference() {
        JsonNode trace = traces.get("exponential_weights_slates").get("trace");
        ParameterSpace space = categoricalSpace();
        var random = new ScriptedRandom();
        for (JsonNode step : trace) {
            JsonNode pred = step.get("prediction");
            random.arm(((CategoricalParameter) space.get("p1")).indexOf(pred.get("p1").asText()));
            random.arm(((CategoricalParameter) space.get("p2")).indexOf(pred.get("p2").asText()));
        }
        var tuner = (ContextFreeTuner) OnlineTuners.create("exponential-weights-slates", space, List.of(),
                Map.of("improvements", false), random);
        int at = 0;
        for (JsonNode step : trace) {
            String where = "exponential_weights_slates step " + at++;
            Prediction p = tuner.predict();
            assertPrediction(where, p.configuration(), step.get("prediction"));
            for (int i = 0; i < 2; i++) {
                assertThat(tuner.banditDrawProbabilities()[i]).as(where + " p_hat_used[%d]", i)
                        .containsExactly(doubles(step.get("p_hat_used").get(i)), within(TOL));
            }
            tuner.setReward(p.requestId(), step.get("reward").asDouble());
            for (int i = 0; i < 2; i++) {
                assertThat(tuner.banditProbabilities()[i]).as(where + " p_after[%d]", i)
                        .containsExactly(doubles(step.get("p_after").get(i)), within(TOL));
                assertThat(tuner.banditEta()[i]).as(where + " eta_after[%d]", i)
                        .isCloseTo(step.get("eta_after").get(i).asDouble(), within(TOL));
                assertThat(tuner.banditDelta()[i]).as(where + " delta_after[%d]", i)
                        .isCloseTo(step.get("delta_after").get(i).asDouble(), within(TOL));
            }
        }
        assertThat(random.arms).isEmpty();
    }

    /** Mixed radix, last parameter least significant. */
    private static int jointArm(ParameterSpace space, JsonNode prediction) {
        int arm = 0;
        var names = new ArrayList<String>();
        prediction.fieldNames().forEachRemaining(names::add);
        for (var p : space.parameters()) {
            var cat = (CategoricalParameter) p;
            arm = arm * cat.categories().size() + cat.indexOf(prediction.get(p.name()).asText());
        }
        return arm;
    }

    private static void assertPrediction(String where, Configuration c, JsonNode expected) {
        var fields = new ArrayList<String>();
        expected.fieldNames().forEachRemaining(fields::add);
        assertThat(c.names()).as(where + " parameters").containsExactlyInAnyOrderElementsOf(fields);
        for (String f : fields) {
            assertThat(c.getString(f)).as(where + " prediction " + f).isEqualTo(expected.get(f).asText());
        }
    }
}
