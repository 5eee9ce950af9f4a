package io.autosys.ruleengine;

import static org.assertj.core.api.Assertions.assertThat;

import io.autosys.ruleengine.api.Proposal;
import io.autosys.ruleengine.api.ReloadReport;
import io.autosys.ruleengine.api.RuleSetVersion;
import io.autosys.ruleengine.api.Verdict;
import io.autosys.sdk.api.Configuration;
import io.autosys.sdk.api.Value;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Rules change without a restart: by the file watcher and by an explicit reload. */
class HotReloadTest {

    static String jobsRule(String name, int limit) {
        return """
                package autosys.rules.test;
                import io.autosys.ruleengine.facts.*;

                rule "%s"
                when
                    $p : Proposed(num("max_background_jobs") > %d)
                then
                    $p.reject("max_background_jobs over %d", "max_background_jobs");
                end
                """.formatted(name, limit, limit);
    }

    // The syntax error is on line 6: a constraint with no right-hand side.
    static final String BROKEN = """
            package autosys.rules.test;
            import io.autosys.ruleengine.facts.*;

            rule "jobs limit"
            when
                $p : Proposed(num("max_background_jobs") > )
            then
                $p.reject("broken", "max_background_jobs");
            end
            """;

    static Verdict check(DroolsRuleEngine e, long jobs) {
        Configuration c = RocksDb.SPACE.defaults().with("max_background_jobs", Value.of(jobs));
        return e.check(Proposal.of(c, RocksDb.description(0)));
    }

    static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(20);
        }
    }

    @Test
    void theWatcherPicksUpEditsBrokenFilesAndDeletions(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("jobs.drl"), jobsRule("jobs limit", 8));
        var reports = new CopyOnWriteArrayList<ReloadReport>();
        try (var engine = DroolsRuleEngine.builder().rulesDirectory(dir).space(RocksDb.SPACE)
                .watch(Duration.ofMillis(100)).onReload(reports::add).build()) {
            assertThat(engine.isWatching()).isTrue();
            RuleSetVersion v1 = engine.version();
            assertThat(check(engine, 10).violatedRules()).containsExactly("jobs limit");
            assertThat(check(engine, 10).ruleSet()).isEqualTo(v1);

            // A valid edit changes verdicts without a restart.
            Files.writeString(dir.resolve("jobs.drl"), jobsRule("jobs limit", 12));
            await("the edit to load", () -> !engine.version().equals(v1));
            RuleSetVersion v2 = engine.version();
            assertThat(v2.sequence()).isGreaterThan(v1.sequence());
            assertThat(v2.digest()).isNotEqualTo(v1.digest());
            assertThat(check(engine, 10).accepted()).isTrue();
            assertThat(check(engine, 10).ruleSet()).isEqualTo(v2);
            assertThat(check(engine, 13).violatedRules()).containsExactly("jobs limit");

            // A syntax error is reported with file and line; the old rules stay active.
            int before = reports.size();
            Files.writeString(dir.resolve("jobs.drl"), BROKEN);
            await("the broken file to be reported", () -> reports.subList(before, reports.size()).stream()
                    .anyMatch(r -> r.outcome() == ReloadReport.Outcome.FAILED));
            ReloadReport failed = reports.stream().filter(r -> !r.ok()).findFirst().orElseThrow();
            assertThat(failed.active()).isEqualTo(v2);
            assertThat(failed.errors()).isNotEmpty().allSatisfy(err -> assertThat(err.file()).isEqualTo("jobs.drl"));
            assertThat(failed.errors()).anySatisfy(err -> assertThat(err.line()).isEqualTo(6));
            assertThat(engine.version()).isEqualTo(v2);
            assertThat(check(engine, 13).violatedRules()).containsExactly("jobs limit");
            assertThat(check(engine, 10).accepted()).isTrue();

            // Fixing it and adding a second file loads both; deleting the second removes its rules.
            Files.writeString(dir.resolve("jobs.drl"), jobsRule("jobs limit", 12));
            Files.writeString(dir.resolve("strict.drl"), jobsRule("strict jobs limit", 3).replace("autosys.rules.test",
                    "autosys.rules.strict"));
            await("the second file to load", () -> engine.lastReload().files().contains("strict.drl")
                    && engine.lastReload().ok() && !engine.version().equals(v2));
            assertThat(check(engine, 4).violatedRules()).containsExactly("strict jobs limit");
            assertThat(check(engine, 4).violations().get(0).source()).isEqualTo("strict.drl");
            RuleSetVersion v3 = engine.version();
            Files.delete(dir.resolve("strict.drl"));
            await("the deletion to load", () -> !engine.version().equals(v3));
            assertThat(check(engine, 4).accepted()).isTrue();
            assertThat(check(engine, 13).violatedRules()).containsExactly("jobs limit");
        }
    }

    @Test
    void anExplicitReloadReportsFileLineAndMessageAndKeepsTheLastGoodRules(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("a.drl"), jobsRule("jobs limit", 8));
        try (var engine = DroolsRuleEngine.builder().rulesDirectory(dir).space(RocksDb.SPACE).build()) {
            assertThat(engine.isWatching()).isFalse();
            RuleSetVersion v1 = engine.version();
            assertThat(engine.reload().outcome()).isEqualTo(ReloadReport.Outcome.UNCHANGED);
            assertThat(engine.version()).isEqualTo(v1);

            Files.writeString(dir.resolve("b.drl"), BROKEN.replace("autosys.rules.test", "autosys.rules.b"));
            ReloadReport r = engine.reload();
            assertThat(r.outcome()).isEqualTo(ReloadReport.Outcome.FAILED);
            assertThat(r.files()).containsExactly("a.drl", "b.drl");
            assertThat(r.errors()).allSatisfy(err -> assertThat(err.file()).isEqualTo("b.drl"));
            assertThat(r.errors().get(0).line()).isEqualTo(6);
            assertThat(r.errors().get(0).message()).isNotBlank();
            assertThat(r.toString()).contains("b.drl:6");
            assertThat(engine.version()).isEqualTo(v1);
            assertThat(check(engine, 10).violatedRules()).containsExactly("jobs limit");

            // A semantic error (an unknown fact type) is reported the same way.
            Files.writeString(dir.resolve("b.drl"), jobsRule("other", 1).replace("autosys.rules.test",
                    "autosys.rules.b").replace("$p : Proposed(", "$p : Proposal("));
            ReloadReport unknownType = engine.reload();
            assertThat(unknownType.ok()).isFalse();
            assertThat(unknownType.errors()).anySatisfy(err -> {
                assertThat(err.file()).isEqualTo("b.drl");
                assertThat(err.line()).isEqualTo(6);
            });

            Files.delete(dir.resolve("b.drl"));
            // The set of files is what the active rules came from again: nothing to compile.
            assertThat(engine.reload().outcome()).isEqualTo(ReloadReport.Outcome.UNCHANGED);
            assertThat(engine.version()).isEqualTo(v1);
        }
    }

    @Test
    void anEngineWhoseRulesNeverCompiledRejectsEverythingUntilTheyDo(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("a.drl"), BROKEN);
        try (var engine = DroolsRuleEngine.builder().rulesDirectory(dir).build()) {
            assertThat(engine.lastReload().ok()).isFalse();
            assertThat(engine.version()).isEqualTo(RuleSetVersion.NONE);
            Verdict v = check(engine, 2);
            assertThat(v.rejected()).isTrue();
            assertThat(v.violatedRules()).containsExactly("rule-set-unavailable");
            assertThat(v.violations().get(0).reason()).contains("a.drl");
            Files.writeString(dir.resolve("a.drl"), jobsRule("jobs limit", 8));
            assertThat(engine.reload().outcome()).isEqualTo(ReloadReport.Outcome.LOADED);
            assertThat(check(engine, 2).accepted()).isTrue();
            assertThat(check(engine, 9).violatedRules()).containsExactly("jobs limit");
        }
    }

    @Test
    void aMissingDirectoryIsAClearError(@TempDir Path dir) {
        Path nowhere = dir.resolve("nowhere");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> DroolsRuleEngine.builder().rulesDirectory(nowhere)
                .build()).isInstanceOf(IllegalArgumentException.class).hasMessageContaining(nowhere.toString());
    }

    @Test
    void closingStopsTheWatcherThread(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("a.drl"), jobsRule("jobs limit", 8));
        var engine = DroolsRuleEngine.builder().rulesDirectory(dir).watch(Duration.ofMillis(50)).build();
        assertThat(engine.isWatching()).isTrue();
        engine.close();
        assertThat(engine.isWatching()).isFalse();
        assertThat(Thread.getAllStackTraces().keySet()).noneMatch(t -> t.getName().startsWith("autosys-rules-watcher")
                && t.getName().contains(dir.getFileName().toString()));
    }
}
