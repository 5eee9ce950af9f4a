package io.autosys.trialmanager.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.autosys.sdk.api.Configuration;
import io.autosys.sdk.api.Goal;
import io.autosys.sdk.api.IntegerParameter;
import io.autosys.sdk.api.Value;
import io.autosys.sdk.testing.FakeSystem;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.Test;

class StudySpecParserTest {
    private static final String GOOD = """
            name: fake-study
            target: fake-1
            objective: {metric: score}
            constraints:
              - {metric: latency_ms, max: 50}
            parameters:
              ratio: {min: 0.2, max: 0.9}
              threads: {min: 2, max: 12}
              mode: {values: [fast, custom]}
              custom_level: {}
            fixed: {cache: false}
            designer:
              name: random
              settings: {batch: 2, acquisition: ei}
            budget:
              trials: 20
              parallelism: 2
              trial_deadline: 90s
              wall_clock: 1h
              trial: {duration_ms: 500}
            early_stopping: {min_trials: 3, min_steps: 2}
            seed: 7
            """;

    private static ResolvedStudy resolve(String yaml) {
        var parsed = StudySpecParser.parse(yaml, "study.yaml");
        return ResolvedStudy.resolve(parsed, new FakeSystem().describe(), Set.of("random", "gp-bo")::contains,
                "study.yaml");
    }

    @Test
    void aFullStudyParsesAndResolves() {
        ResolvedStudy r = resolve(GOOD);
        StudySpec s = r.spec();
        assertThat(s.budget().trials()).isEqualTo(20);
        assertThat(s.budget().trialDeadline()).isEqualTo(Duration.ofSeconds(90));
        assertThat(s.budget().wallClock()).isEqualTo(Duration.ofHours(1));
        assertThat(s.budget().maxFailures()).isEqualTo(5);
        assertThat(s.settings()).containsEntry("batch", 2L).containsEntry("acquisition", "ei");
        assertThat(r.goal()).isEqualTo(Goal.MAXIMIZE); // from the target's metric spec
        assertThat(s.earlyStopping().metric()).isEqualTo("score");
        assertThat(r.searchSpace().parameters()).extracting(p -> p.name())
                .containsExactly("ratio", "threads", "mode", "custom_level");
        assertThat(((IntegerParameter) r.searchSpace().get("threads")).max()).isEqualTo(12);
        assertThat(r.fixed().get("cache")).isEqualTo(Value.of(false));
        Configuration full = r.trialConfiguration(r.searchSpace().defaults());
        assertThat(full.getBoolean("cache")).isFalse();
        assertThat(full.getLong("buffer_kb")).isEqualTo(256); // untouched: the target's current value
        assertThat(full.getString("mode")).isEqualTo("fast");
    }

    @Test
    void theCanonicalJsonReadsBackToTheSameStudy() {
        StudySpec s = StudySpecParser.parse(GOOD, "a").spec();
        String json = StudySpecParser.toJson(s);
        assertThat(StudySpecParser.parse(json, "json").spec()).isEqualTo(s);
    }

    @Test
    void yamlSyntaxErrorsGiveTheLine() {
        var e = catchThrowableOfType(StudySpecException.class, () -> StudySpecParser.parse("""
                name: x
                target: fake-1
                budget: {trials: 3
                designer: random
                """, "broken.yaml"));
        assertThat(e.getMessage()).contains("broken.yaml").contains("YAML syntax error");
        assertThat(e.errors().get(0).line()).isBetween(3, 5);
    }

    @Test
    void badStudiesAreRefusedNamingTheFieldAndLine() {
        var e = catchThrowableOfType(StudySpecException.class, () -> resolve(GOOD.replace("threads: {min: 2, max: 12}",
                "threadz: {min: 2, max: 12}")));
        assertThat(e.errors()).singleElement().satisfies(err -> {
            assertThat(err.field()).isEqualTo("parameters.threadz");
            assertThat(err.line()).isEqualTo(8);
            assertThat(err.message()).contains("unknown parameter 'threadz'");
        });
        assertThat(errorOf(GOOD.replace("{min: 2, max: 12}", "{min: 12, max: 2}"))).contains("parameters.threads")
                .contains("empty range");
        assertThat(errorOf(GOOD.replace("name: random", "name: magic"))).contains("unknown designer 'magic'");
        assertThat(errorOf(GOOD.replace("trials: 20", "trials: -3"))).contains("budget.trials must be >= 1");
        assertThat(errorOf(GOOD.replace("trial_deadline: 90s", "trial_deadline: soon"))).contains("budget.trial_deadline")
                .contains("not a duration");
        assertThat(errorOf(GOOD.replace("seed: 7", "seed: 7\nseeed: 8"))).contains("unknown field 'seeed'");
        assertThat(errorOf(GOOD.replace("{metric: score}", "{metric: happiness}"))).contains("unknown metric 'happiness'");
        assertThat(errorOf(GOOD.replace("ratio: {min: 0.2, max: 0.9}", "ratio: {min: 0.2, max: 3}")))
                .contains("outside the target's");
        assertThat(errorOf(GOOD.replace("mode: {values: [fast, custom]}", "mode: {values: [fast, warp]}")))
                .contains("'warp'");
        assertThat(errorOf(GOOD.replace("fixed: {cache: false}", "fixed: {cache: 3}"))).contains("fixed.cache")
                .contains("boolean");
        assertThat(errorOf(GOOD.replace("  mode: {values: [fast, custom]}\n", "").replace("fixed: {cache: false}",
                "fixed: {cache: false, mode: safe}"))).contains("custom_level").contains("never active");
        assertThat(errorOf("[1, 2]")).contains("mapping");
        assertThat(errorOf("name: x")).contains("target: is required").contains("budget: is required");
    }

    private static String errorOf(String yaml) {
        return catchThrowableOfType(StudySpecException.class, () -> resolve(yaml)).getMessage();
    }
}
