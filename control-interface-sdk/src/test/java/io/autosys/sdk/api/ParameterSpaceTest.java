package io.autosys.sdk.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.autosys.sdk.testing.FakeSystem;
import java.util.List;
import org.junit.jupiter.api.Test;

class ParameterSpaceTest {
    private final ParameterSpace space = FakeSystem.SPACE;

    @Test
    void badSpecsAreRefusedNamingTheParameter() {
        assertThatThrownBy(() -> RealParameter.of("x", 2, 1, 1.5)).hasMessageContaining("'x'")
                .hasMessageContaining("greater than max");
        assertThatThrownBy(() -> RealParameter.of("x", 0, Double.NaN, 0)).hasMessageContaining("'x'")
                .hasMessageContaining("finite");
        assertThatThrownBy(() -> RealParameter.of("x", 0, Double.POSITIVE_INFINITY, 0)).hasMessageContaining("finite");
        assertThatThrownBy(() -> RealParameter.of("x", 0, 1, 0.5).withStep(-0.1)).hasMessageContaining("step");
        assertThatThrownBy(() -> IntegerParameter.of("n", 0, 10, 2).withStep(0)).hasMessageContaining("'n'")
                .hasMessageContaining("step must be >= 1");
        assertThatThrownBy(() -> RealParameter.of("x", 0, 1, 2)).hasMessageContaining("default 2.0 is outside");
        assertThatThrownBy(() -> new IntegerParameter("n", 0, 10, 3, Scale.LINEAR, 4, "", "", null))
                .hasMessageContaining("'n'").hasMessageContaining("off the step grid");
        assertThatThrownBy(() -> RealParameter.of("x", 0, 1, 0.3).withStep(0.25)).hasMessageContaining("off the step");
        assertThatThrownBy(() -> RealParameter.of("x", 0, 1, 0.5).withScale(Scale.LOG)).hasMessageContaining("log")
                .hasMessageContaining("min > 0");
        assertThatThrownBy(() -> CategoricalParameter.of("c", List.of(), "a")).hasMessageContaining("'c'")
                .hasMessageContaining("empty");
        assertThatThrownBy(() -> CategoricalParameter.of("c", List.of("a", "a"), "a")).hasMessageContaining("twice");
        assertThatThrownBy(() -> CategoricalParameter.of("c", List.of("a", "b"), "z")).hasMessageContaining("'z'");
        assertThatThrownBy(() -> RealParameter.of("1bad", 0, 1, 0)).hasMessageContaining("'1bad'");
        assertThatThrownBy(() -> ParameterSpace.of(RealParameter.of("x", 0, 1, 0), RealParameter.of("x", 0, 2, 0)))
                .hasMessageContaining("'x' is declared twice");
        assertThatThrownBy(() -> ParameterSpace.of(RealParameter.of("x", 0, 1, 0).withCondition(Condition.of("m", "a"))))
                .hasMessageContaining("'m' is not declared before");
        assertThatThrownBy(() -> ParameterSpace.of(RealParameter.of("n", 0, 1, 0),
                RealParameter.of("x", 0, 1, 0).withCondition(Condition.of("n", "1")))).hasMessageContaining("only categorical");
        assertThatThrownBy(() -> ParameterSpace.of(CategoricalParameter.of("m", List.of("a", "b"), "a"),
                RealParameter.of("x", 0, 1, 0).withCondition(Condition.of("m", "q")))).hasMessageContaining("'q'");
    }

    @Test
    void defaultsLeaveInactiveParametersOut() {
        Configuration d = space.defaults();
        assertThat(d.has("custom_level")).isFalse();
        assertThat(space.violations(d)).isEmpty();
        Configuration custom = space.complete(Configuration.builder().set("mode", "custom").build());
        assertThat(custom.getDouble("custom_level")).isEqualTo(5.0);
    }

    @Test
    void everyKindOfBadConfigurationIsNamed() {
        Configuration good = space.defaults();
        assertThat(rules(good.with("nope", Value.of(1L)))).containsExactly("nope:unknown-parameter");
        assertThat(rules(good.with("threads", Value.of(2.0)))).containsExactly("threads:type");
        assertThat(rules(good.with("threads", Value.of(17L)))).containsExactly("threads:bounds");
        assertThat(rules(good.with("buffer_kb", Value.of(100L)))).containsExactly("buffer_kb:step");
        assertThat(rules(good.with("mode", Value.of("turbo")))).containsExactly("mode:category");
        assertThat(rules(good.with("custom_level", Value.of(1.0)))).containsExactly("custom_level:inactive");
        assertThat(rules(good.with("mode", Value.of("custom")))).containsExactly("custom_level:missing");
        assertThat(rules(good.with("cache", Value.of("yes")))).containsExactly("cache:type");
        assertThat(rules(good.with("mode", Value.of("custom")).with("custom_level", Value.of(2.25))))
                .containsExactly("custom_level:step");
        var e = org.assertj.core.api.Assertions.catchThrowableOfType(InvalidConfigurationException.class,
                () -> space.validate(good.with("threads", Value.of(0L)).with("ratio", Value.of(1.5))));
        assertThat(e.violations()).extracting(Violation::subject).containsExactlyInAnyOrder("threads", "ratio");
        assertThat(e.getMessage()).contains("threads").contains("[1, 16]").contains("ratio");
    }

    @Test
    void mergeKeepsUnchangedValuesAndDropsWhatBecomesInactive() {
        Configuration live = space.complete(Configuration.builder().set("mode", "custom").set("custom_level", 7.5)
                .set("threads", 9L).build());
        Configuration merged = space.merge(live, Configuration.builder().set("mode", "fast").build());
        assertThat(merged.has("custom_level")).isFalse();
        assertThat(merged.getLong("threads")).isEqualTo(9);
        assertThatThrownBy(() -> space.merge(live, Configuration.builder().set("mode", "safe").set("custom_level", 1.0)
                .build())).isInstanceOf(InvalidConfigurationException.class).hasMessageContaining("inactive");
        assertThatThrownBy(() -> space.merge(live, Configuration.builder().set("ghost", 1L).build()))
                .hasMessageContaining("'ghost'");
    }

    @Test
    void encodingRoundsHalfToEvenAndClamps() {
        IntegerParameter n = IntegerParameter.of("n", 0, 10, 5);
        // 0.25 * 10 = 2.5 rounds to 2 (even), 0.35 * 10 = 3.5 rounds to 4 (even)
        assertThat(n.fromUnit(0.25)).isEqualTo(Value.of(2L));
        assertThat(n.fromUnit(0.35)).isEqualTo(Value.of(4L));
        assertThat(n.fromUnit(1.7)).isEqualTo(Value.of(10L));
        assertThat(n.fromUnit(-3)).isEqualTo(Value.of(0L));
        RealParameter stepped = RealParameter.of("s", 100, 900, 150).withStep(50);
        assertThat(stepped.snap(125)).isEqualTo(Value.of(100.0));
        assertThat(stepped.snap(175)).isEqualTo(Value.of(200.0));
        assertThat(stepped.indexCount()).isEqualTo(16);
        assertThat(stepped.valueAtIndex(16)).isEqualTo(Value.of(900.0));
        RealParameter log = new RealParameter("l", 1, 1000, 0, Scale.LOG, 10, "", "", null);
        assertThat(log.toUnit(Value.of(10.0))).isCloseTo(1.0 / 3, org.assertj.core.data.Offset.offset(1e-12));
        assertThat(log.fromUnit(2.0 / 3).asDouble()).isCloseTo(100, org.assertj.core.data.Offset.offset(1e-9));
        // A grid whose max is not on the grid never yields a value above max.
        IntegerParameter odd = new IntegerParameter("o", 0, 10, 3, Scale.LINEAR, 3, "", "", null);
        assertThat(odd.fromUnit(1.0)).isEqualTo(Value.of(9L));
        for (double u = 0; u <= 1; u += 0.001) {
            assertThat(space.get("buffer_kb").check(((NumericParameter) space.get("buffer_kb")).fromUnit(u))).isEmpty();
            assertThat(space.get("rate").check(((NumericParameter) space.get("rate")).fromUnit(u))).isEmpty();
        }
    }

    @Test
    void constantParametersAreAllowed() {
        assertThat(RealParameter.of("k", 3, 3, 3).isConstant()).isTrue();
        assertThat(CategoricalParameter.of("c", List.of("only"), "only").isConstant()).isTrue();
        assertThat(RealParameter.of("k", 3, 3, 3).fromUnit(0.7)).isEqualTo(Value.of(3.0));
    }

    @Test
    void restrictionsNarrowRangesAndKeepDefaultsValid() {
        IntegerParameter n = IntegerParameter.of("n", 0, 100, 50).withRange(60, 80);
        assertThat(n.defaultNumber()).isEqualTo(60);
        CategoricalParameter c = CategoricalParameter.of("c", List.of("a", "b", "c"), "a").withCategories(List.of("b", "c"));
        assertThat(c.defaultCategory()).isEqualTo("b");
        assertThatThrownBy(() -> CategoricalParameter.of("c", List.of("a"), "a").withCategories(List.of("z")))
                .hasMessageContaining("'z'");
    }

    @Test
    void nonFiniteMetricsAreRefusedByName() {
        assertThatThrownBy(() -> Metrics.of("p99", Double.NaN)).hasMessageContaining("'p99'").hasMessageContaining("finite");
        assertThatThrownBy(() -> new TrialBudget(-1, 0, 0)).hasMessageContaining("duration_ms");
    }

    private List<String> rules(Configuration c) {
        return space.violations(c).stream().map(v -> v.subject() + ":" + v.rule()).toList();
    }
}
