package io.autosys.candidategenerator.designers;

import static org.assertj.core.api.Assertions.assertThat;

import io.autosys.candidategenerator.api.CompletedTrial;
import io.autosys.candidategenerator.api.Designer;
import io.autosys.candidategenerator.api.PendingTrial;
import io.autosys.candidategenerator.api.Problem;
import io.autosys.candidategenerator.api.Suggestion;
import io.autosys.sdk.api.Configuration;
import io.autosys.sdk.api.Goal;
import io.autosys.sdk.api.Metrics;
import io.autosys.sdk.api.ParameterSpace;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** What every designer promises: valid, deterministic, restorable, diverse batches. */
class DesignerContractTest {
    static final ParameterSpace SPACE = TestSpaces.everyKind();

    static Stream<Arguments> designers() {
        return Stream.of(
                Arguments.of("random", Map.of()),
                Arguments.of("sobol", Map.of()),
                Arguments.of("grid", Map.of("resolution", 3, "shuffle", true)),
                Arguments.of("tpe", Map.of("startup_trials", 5)),
                Arguments.of("tpe-multivariate", Map.of("startup_trials", 5)),
                Arguments.of("gp-bo", Map.of("candidates", 64, "initial_trials", 5)),
                Arguments.of("gp-bo", Map.of("candidates", 64, "initial_trials", 5, "acquisition", "ucb")),
                Arguments.of("metis", Map.of("candidates", 64, "initial_trials", 5)),
                Arguments.of("cma-es", Map.of()),
                Arguments.of("hyperband", Map.of("sampler", "tpe", "min_fidelity", 0.1,
                        "sampler_settings", Map.of("startup_trials", 4))));
    }

    /** Runs rounds of suggest(batch) then update, with one trial in three failing; returns every suggestion. */
    static List<Suggestion> drive(Designer d, int rounds, int batch, long firstId) {
        var all = new ArrayList<Suggestion>();
        long id = firstId;
        for (int r = 0; r < rounds; r++) {
            List<Suggestion> s = d.suggest(batch);
            all.addAll(s);
            var done = new ArrayList<CompletedTrial>();
            for (Suggestion x : s) {
                Configuration c = x.configuration();
                if (id % 7 == 3) {
                    done.add(new CompletedTrial(id, c, x.fidelity(), Double.NaN, Metrics.empty(), "crashed"));
                } else {
                    done.add(new CompletedTrial(id, c, x.fidelity(), TestSpaces.objective(c), Metrics.empty(), null));
                }
                id++;
            }
            d.update(done, List.of());
        }
        return all;
    }

    private static Designer create(String name, Map<String, Object> settings, long seed) {
        return Designers.create(name, new Problem(SPACE, Goal.MINIMIZE), settings, seed);
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("designers")
    void suggestionsAreValidForEveryParameterKind(String name, Map<String, Object> settings) {
        Designer d = create(name, settings, 11);
        List<Suggestion> all = drive(d, 12, 2, 0);
        assertThat(all).hasSize(24);
        var kinds = new HashSet<String>();
        for (Suggestion s : all) {
            assertThat(SPACE.violations(s.configuration())).as("%s", s.configuration()).isEmpty();
            assertThat(s.configuration().getDouble("fixed")).isEqualTo(3.0);
            assertThat(s.configuration().getString("only")).isEqualTo("one");
            kinds.add(s.configuration().getBoolean("compress") + "/" + s.configuration().find("codec")
                    .map(v -> v.asString()).orElse("-"));
        }
        // conditional parameters are exercised: both an inactive and an active branch occur
        assertThat(kinds).contains("false/-");
        assertThat(kinds.stream().anyMatch(k -> k.startsWith("true/"))).isTrue();
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("designers")
    void sameSeedGivesTheSameSuggestions(String name, Map<String, Object> settings) {
        List<Configuration> a = drive(create(name, settings, 5), 10, 2, 0).stream().map(Suggestion::configuration)
                .toList();
        List<Configuration> b = drive(create(name, settings, 5), 10, 2, 0).stream().map(Suggestion::configuration)
                .toList();
        assertThat(a).isEqualTo(b);
        if (!name.equals("grid")) {
            List<Configuration> other = drive(create(name, settings, 6), 10, 2, 0).stream()
                    .map(Suggestion::configuration).toList();
            assertThat(other).isNotEqualTo(a);
        }
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("designers")
    void snapshotRestoreContinuesIdentically(String name, Map<String, Object> settings) {
        Designer d = create(name, settings, 21);
        drive(d, 8, 2, 0);
        // one trial still running when the snapshot is taken
        Suggestion running = d.suggest(1).get(0);
        d.update(List.of(), List.of(new PendingTrial(999, running.configuration(), running.fidelity())));
        byte[] snap = d.snapshot();
        Designer restored = Designers.restore(new Problem(SPACE, Goal.MINIMIZE), snap);
        assertThat(restored.snapshot()).isEqualTo(snap);
        List<Suggestion> next = drive(d, 6, 2, 100);
        List<Suggestion> nextRestored = drive(restored, 6, 2, 100);
        assertThat(nextRestored).isEqualTo(next);
        assertThat(restored.recommendation()).isEqualTo(d.recommendation());
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("designers")
    void batchSuggestionsAreNotDuplicates(String name, Map<String, Object> settings) {
        Designer d = create(name, settings, 3);
        drive(d, 6, 2, 0);
        List<Suggestion> batch = d.suggest(5);
        assertThat(batch).hasSize(5);
        if (name.equals("hyperband")) {
            // successive halving may re-run a configuration at a higher fidelity, never twice at one
            assertThat(new HashSet<>(batch.stream().map(s -> s.configuration() + "@" + s.fidelity()).toList()))
                    .hasSize(5);
        } else {
            assertThat(new HashSet<>(batch.stream().map(Suggestion::configuration).toList())).hasSize(5);
        }
    }
}
