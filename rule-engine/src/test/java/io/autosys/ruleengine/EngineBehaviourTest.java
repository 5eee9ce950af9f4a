package io.autosys.ruleengine;

import static org.assertj.core.api.Assertions.assertThat;

import io.autosys.ruleengine.api.FeedbackAction;
import io.autosys.ruleengine.api.FeedbackFacts;
import io.autosys.ruleengine.api.Proposal;
import io.autosys.ruleengine.api.Purpose;
import io.autosys.ruleengine.api.ReloadReport;
import io.autosys.ruleengine.api.RuleSetVersion;
import io.autosys.ruleengine.api.Verdict;
import io.autosys.sdk.api.Configuration;
import io.autosys.sdk.api.Metrics;
import io.autosys.sdk.api.Value;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EngineBehaviourTest {

    static final String FACTS_RULES = """
            package autosys.rules.facts;
            import io.autosys.ruleengine.facts.*;

            // Only live actuations are held back while the live system is struggling.
            rule "no compression change under load"
            when
                Observed(value("p99_us") > 1000)
                $l : Live(has("compression_type"))
                $p : Proposed(purpose == "APPLY", text("compression_type") != $l.text("compression_type"))
            then
                $p.reject("p99 is over 1 ms; compression stays " + $l.text("compression_type"), "compression_type");
            end

            // A rule over Findings and Target only, no configuration.
            rule "frozen instance"
            when
                Target(label("frozen") == "true")
                $f : Findings()
            then
                $f.reject("instance is frozen by its operators");
            end
            """;

    static final String THROWING_RULES = """
            package autosys.rules.throwing;
            import io.autosys.ruleengine.facts.*;

            rule "consequence throws"
            when
                $p : Proposed(num("bloom_bits_per_key") == 17)
            then
                throw new IllegalStateException("boom in the consequence");
            end

            rule "feedback throws"
            when
                After(value("p99_us") == 17)
                $a : Actions()
            then
                throw new IllegalStateException("boom in feedback");
            end
            """;

    @Test
    void rulesSeeTheLiveConfigurationRecentMetricsPurposeAndLabels() {
        try (var engine = DroolsRuleEngine.builder().drl("facts.drl", FACTS_RULES).space(RocksDb.SPACE).build()) {
            assertThat(engine.lastReload().ok()).as(engine.lastReload().toString()).isTrue();
            Configuration live = RocksDb.SPACE.defaults();
            Configuration zstd = live.with("compression_type", Value.of("zstd"));
            var d = RocksDb.description(4);
            Metrics hot = Metrics.of("p99_us", 2000);
            Metrics calm = Metrics.of("p99_us", 200);
            assertThat(engine.check(new Proposal(zstd, d, live, hot, Purpose.APPLY)).violatedRules())
                    .containsExactly("no compression change under load");
            assertThat(engine.check(new Proposal(zstd, d, live, calm, Purpose.APPLY)).accepted()).isTrue();
            assertThat(engine.check(new Proposal(zstd, d, live, hot, Purpose.TRIAL)).accepted()).isTrue();
            assertThat(engine.check(new Proposal(live, d, live, hot, Purpose.APPLY)).accepted()).isTrue();
            var frozen = new io.autosys.sdk.api.SystemDescription("r2", "rocksdb", null, RocksDb.SPACE, d.metrics(),
                    List.of(), 1, Map.of("frozen", "true"));
            Verdict v = engine.check(Proposal.of(live, frozen));
            assertThat(v.violatedRules()).containsExactly("frozen instance");
            assertThat(v.violations().get(0).parameters()).isEmpty();
            assertThat(v.toViolations()).singleElement().satisfies(x -> {
                assertThat(x.subject()).isEqualTo("configuration");
                assertThat(x.rule()).isEqualTo("frozen instance");
            });
            assertThat(v.violations().get(0).source()).isEqualTo("facts.drl");
        }
    }

    @Test
    void aRuleThatThrowsRejectsTheProposalAndFeedbackAlerts() {
        try (var engine = DroolsRuleEngine.builder().drl("throwing.drl", THROWING_RULES).space(RocksDb.SPACE).build()) {
            var d = RocksDb.description(4);
            Configuration c = RocksDb.SPACE.defaults().with("bloom_bits_per_key", Value.of(17L));
            Verdict v = engine.check(Proposal.of(c, d));
            assertThat(v.violatedRules()).containsExactly("rule-evaluation-error");
            assertThat(v.violations().get(0).reason()).contains("boom in the consequence");
            assertThat(engine.check(Proposal.of(RocksDb.SPACE.defaults(), d)).accepted()).isTrue();
            List<FeedbackAction> a = engine.evaluateFeedback(new FeedbackFacts(Metrics.of("p99_us", 1),
                    Metrics.of("p99_us", 17), c, c, d));
            assertThat(a).singleElement().satisfies(x -> {
                assertThat(x.kind()).isEqualTo(FeedbackAction.Kind.ALERT);
                assertThat(x.reason()).contains("boom in feedback");
            });
        }
    }

    @Test
    void sequentialModeGivesTheSameVerdictsAsTheDefaultAgenda() {
        var random = new RandomProposals(5);
        try (var sequential = DroolsRuleEngine.builder().rulesDirectory(ExampleRocksDbRulesTest.RULES)
                .space(RocksDb.SPACE).build();
                var agenda = DroolsRuleEngine.builder().rulesDirectory(ExampleRocksDbRulesTest.RULES)
                        .space(RocksDb.SPACE).sequential(false).build()) {
            for (int i = 0; i < 5_000; i++) {
                var p = Proposal.of(random.proposal(RocksDb.SPACE), RocksDb.description(1 + i % 8));
                Verdict a = sequential.check(p);
                Verdict b = agenda.check(p);
                assertThat(a.accepted()).isEqualTo(b.accepted());
                assertThat(new java.util.HashSet<>(a.violations())).isEqualTo(new java.util.HashSet<>(b.violations()));
            }
        }
    }

    @Test
    void metersCountChecksRejectionsPerRuleLatencyAndReloads() {
        var registry = new SimpleMeterRegistry();
        try (var engine = DroolsRuleEngine.builder().rulesDirectory(ExampleRocksDbRulesTest.RULES)
                .space(RocksDb.SPACE).meterRegistry(registry).build()) {
            var d = RocksDb.description(4);
            Configuration ok = RocksDb.SPACE.defaults();
            Configuration jobs = ok.with("max_background_jobs", Value.of(9L));
            Configuration both = jobs.with("block_size", Value.of(1L));
            engine.check(Proposal.of(ok, d));
            engine.check(Proposal.of(ok, d));
            engine.check(Proposal.of(jobs, d));
            engine.check(Proposal.of(both, d));
            assertThat(registry.get("autosys.rules.checks").tag("outcome", "accepted").counter().count()).isEqualTo(2);
            assertThat(registry.get("autosys.rules.checks").tag("outcome", "rejected").counter().count()).isEqualTo(2);
            assertThat(registry.get("autosys.rules.rejections").tag("rule", ExampleRocksDbRulesTest.JOBS).counter()
                    .count()).isEqualTo(2);
            assertThat(registry.get("autosys.rules.rejections").tag("rule", "space:bounds:block_size").counter()
                    .count()).isEqualTo(1);
            assertThat(registry.get("autosys.rules.check.latency").timer().count()).isEqualTo(4);
            assertThat(registry.get("autosys.rules.check.latency").timer().totalTime(
                    java.util.concurrent.TimeUnit.NANOSECONDS)).isPositive();
            assertThat(registry.get("autosys.rules.reloads").tag("outcome", "loaded").counter().count()).isEqualTo(1);
            engine.reload();
            assertThat(registry.get("autosys.rules.reloads").tag("outcome", "unchanged").counter().count())
                    .isEqualTo(1);
            assertThat(registry.get("autosys.rules.version").gauge().value()).isEqualTo(engine.version().sequence());
            engine.evaluateFeedback(new FeedbackFacts(Metrics.of("p99_us", 100), Metrics.of("p99_us", 200), ok, ok, d));
            assertThat(registry.get("autosys.rules.feedback.actions").tag("kind", "rollback").counter().count())
                    .isEqualTo(1);
        }
    }

    @Test
    void concurrentChecksDuringReloadsAlwaysMatchTheRuleSetTheyCarry(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("jobs.drl"), HotReloadTest.jobsRule("jobs limit", 8));
        var limits = new ConcurrentHashMap<RuleSetVersion, Integer>();
        try (var engine = DroolsRuleEngine.builder().rulesDirectory(dir).space(RocksDb.SPACE).build()) {
            limits.put(engine.version(), 8);
            var stop = new AtomicBoolean();
            var failures = new CopyOnWriteArrayList<Throwable>();
            var checks = new AtomicInteger();
            var threads = new Thread[3];
            for (int t = 0; t < threads.length; t++) {
                int seed = t;
                threads[t] = new Thread(() -> {
                    var rnd = new SplittableRandom(seed);
                    var d = RocksDb.description(0);
                    try {
                        while (!stop.get()) {
                            long jobs = 1 + rnd.nextInt(16);
                            Verdict v = engine.check(Proposal.of(RocksDb.SPACE.defaults().with("max_background_jobs",
                                    Value.of(jobs)), d));
                            // A check may carry a new version before the reloading thread records it.
                            Integer limit = limits.get(v.ruleSet());
                            long until = System.nanoTime() + 5_000_000_000L;
                            while (limit == null && System.nanoTime() < until) {
                                Thread.onSpinWait();
                                limit = limits.get(v.ruleSet());
                            }
                            if (limit == null) {
                                throw new AssertionError("verdict from unknown rule set " + v.ruleSet());
                            }
                            if (v.accepted() != (jobs <= limit)) {
                                throw new AssertionError(jobs + " jobs under limit " + limit + ": " + v);
                            }
                            checks.incrementAndGet();
                        }
                    } catch (Throwable e) {
                        failures.add(e);
                    }
                });
                threads[t].start();
            }
            for (int i = 0; i < 6; i++) {
                int limit = i % 2 == 0 ? 12 : 4;
                Files.writeString(dir.resolve("jobs.drl"), HotReloadTest.jobsRule("jobs limit", limit));
                ReloadReport r = engine.reload();
                assertThat(r.outcome()).isEqualTo(ReloadReport.Outcome.LOADED);
                limits.putIfAbsent(r.active(), limit);
                Thread.sleep(50);
            }
            stop.set(true);
            for (Thread t : threads) {
                t.join();
            }
            assertThat(failures).isEmpty();
            assertThat(checks.get()).isGreaterThan(1_000);
        }
    }
}
