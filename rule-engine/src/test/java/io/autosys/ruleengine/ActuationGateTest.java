package io.autosys.ruleengine;

import static io.autosys.ruleengine.RocksDb.KIB;
import static io.autosys.ruleengine.RocksDb.MIB;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.autosys.ruleengine.api.Actuation;
import io.autosys.ruleengine.api.ActuationGate;
import io.autosys.ruleengine.api.FeedbackAction;
import io.autosys.ruleengine.api.FeedbackFacts;
import io.autosys.ruleengine.api.FeedbackResult;
import io.autosys.ruleengine.api.GatedTrial;
import io.autosys.ruleengine.api.KnownBad;
import io.autosys.ruleengine.api.KnownBadPattern;
import io.autosys.ruleengine.api.KnownBadStore;
import io.autosys.ruleengine.api.Proposal;
import io.autosys.ruleengine.api.RejectedByRulesException;
import io.autosys.ruleengine.api.ReloadReport;
import io.autosys.ruleengine.api.RuleEngine;
import io.autosys.ruleengine.api.RuleSetVersion;
import io.autosys.ruleengine.api.Verdict;
import io.autosys.sdk.api.Configuration;
import io.autosys.sdk.api.FailureKind;
import io.autosys.sdk.api.Metrics;
import io.autosys.sdk.api.SystemDescription;
import io.autosys.sdk.api.TargetControl;
import io.autosys.sdk.api.TrialOutcome;
import io.autosys.sdk.api.TrialRequest;
import io.autosys.sdk.api.Value;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** No path through the gate reaches a target's Apply or RunTrial with a configuration the rules reject. */
class ActuationGateTest {
    static final int CORES = 4;
    static final SystemDescription ROCKSDB = RocksDb.description(CORES);
    static final Duration DEADLINE = Duration.ofSeconds(10);

    static DroolsRuleEngine engine;
    static InMemoryKnownBadStore store;

    @BeforeAll
    static void load() {
        store = new InMemoryKnownBadStore();
        engine = DroolsRuleEngine.builder().rulesDirectory(ExampleRocksDbRulesTest.RULES).space(RocksDb.SPACE)
                .knownBad(store).build();
        assertThat(engine.lastReload().ok()).isTrue();
    }

    @AfterAll
    static void close() {
        engine.close();
    }

    /** The independent oracle: the space's own check, the example rules in plain Java, the known-bad set. */
    static boolean acceptable(Configuration c) {
        return RocksDb.SPACE.isValid(c) && ExampleRocksDbRulesTest.expected(c, CORES).isEmpty()
                && store.list().stream().noneMatch(e -> e.appliesTo("rocksdb") && e.pattern().matches(c));
    }

    /** Crashes when bloom_bits_per_key is 13 (a stand-in for a configuration that breaks the target). */
    static boolean crashes(Configuration c) {
        return c.find("bloom_bits_per_key").map(v -> v.equals(Value.of(13L))).orElse(false);
    }

    @Test
    void randomProposalsThroughEveryEntryPointNeverReachTheTargetUnlessAccepted() {
        var target = new RecordingTarget(ROCKSDB, ActuationGateTest::crashes);
        var gate = new ActuationGate(target, engine);
        var random = new RandomProposals(99);
        var rnd = new SplittableRandom(100);
        int applied = 0;
        int trials = 0;
        int refused = 0;
        int crashed = 0;
        for (int i = 0; i < 4_000; i++) {
            Configuration full = random.proposal(RocksDb.SPACE);
            if (rnd.nextInt(4) == 0) {
                full = full.with("bloom_bits_per_key", Value.of(13L)); // some crash (and become known-bad)
            }
            int callsBefore = target.calls.size();
            int path = rnd.nextInt(5);
            if (path == 0 || path == 1) {
                // Apply: complete or partial changes merged onto the live configuration.
                Configuration changes = path == 0 ? full : partial(full, rnd);
                Configuration expected = RocksDb.SPACE.overlay(target.live(), changes);
                boolean ok = acceptable(expected);
                try {
                    Actuation a = gate.apply(changes, "test");
                    assertThat(ok).as("accepted %s", expected).isTrue();
                    assertThat(a.configuration()).isEqualTo(expected);
                    assertThat(target.calls).hasSize(callsBefore + 1);
                    assertThat(target.calls.get(callsBefore)).isEqualTo(new RecordingTarget.Call("apply", expected));
                    applied++;
                } catch (RejectedByRulesException e) {
                    assertThat(ok).as("rejected %s: %s", expected, e.verdict()).isFalse();
                    assertThat(e.configuration()).isEqualTo(expected);
                    assertThat(target.calls).hasSize(callsBefore);
                    refused++;
                }
            } else {
                boolean ok = acceptable(full);
                var request = new TrialRequest("t" + i, full, null, i);
                TrialOutcome outcome;
                if (path == 2) {
                    try {
                        outcome = gate.startTrial(request, DEADLINE, p -> { }).await();
                    } catch (RejectedByRulesException e) {
                        outcome = TrialOutcome.failed(FailureKind.REJECTED, e.getMessage(), 0);
                    }
                } else if (path == 3) {
                    outcome = gate.runTrial(request, DEADLINE, p -> { });
                } else {
                    GatedTrial t = gate.tryStartTrial(request, DEADLINE, p -> { });
                    outcome = t instanceof GatedTrial.Started s ? s.call().await()
                            : ((GatedTrial.Rejected) t).outcome();
                }
                if (ok) {
                    assertThat(target.calls).hasSize(callsBefore + 1);
                    assertThat(target.calls.get(callsBefore)).isEqualTo(new RecordingTarget.Call("trial", full));
                    trials++;
                    if (outcome instanceof TrialOutcome.Failed f && f.kind() == FailureKind.CRASHED) {
                        crashed++;
                    }
                } else {
                    assertThat(target.calls).hasSize(callsBefore);
                    assertThat(outcome).isInstanceOf(TrialOutcome.Failed.class);
                    assertThat(((TrialOutcome.Failed) outcome).kind()).isEqualTo(FailureKind.REJECTED);
                    refused++;
                }
            }
        }
        // Every call the target ever saw carries a configuration the oracle accepts (crashes were
        // acceptable when they ran; each is known-bad now, so check against the space and rules only).
        assertThat(target.calls).allSatisfy(call -> {
            assertThat(RocksDb.SPACE.isValid(call.configuration())).isTrue();
            assertThat(ExampleRocksDbRulesTest.expected(call.configuration(), CORES)).isEmpty();
        });
        assertThat(applied).isGreaterThan(100);
        assertThat(trials).isGreaterThan(100);
        assertThat(refused).isGreaterThan(1_000);
        assertThat(crashed).isGreaterThan(5);
        // Each crash left its configuration in the known-bad set, and none ran twice.
        long distinctCrashTrials = target.calls.stream().filter(c -> c.kind().equals("trial"))
                .filter(c -> crashes(c.configuration())).map(RecordingTarget.Call::configuration).distinct().count();
        long crashTrials = target.calls.stream().filter(c -> c.kind().equals("trial"))
                .filter(c -> crashes(c.configuration())).count();
        assertThat(crashTrials).isEqualTo(distinctCrashTrials);
        assertThat(store.list()).filteredOn(e -> e.origin() == KnownBad.Origin.TRIAL_CRASH)
                .hasSizeGreaterThanOrEqualTo((int) distinctCrashTrials);
    }

    private static Configuration partial(Configuration full, SplittableRandom rnd) {
        var m = new LinkedHashMap<String, Value>();
        full.values().forEach((k, v) -> {
            if (rnd.nextInt(3) == 0) {
                m.put(k, v);
            }
        });
        return Configuration.of(m);
    }

    @Test
    void aCrashingTrialBecomesKnownBadAndIsNeverRunAgain() {
        var target = new RecordingTarget(ROCKSDB, ActuationGateTest::crashes);
        var gate = new ActuationGate(target, engine);
        Configuration c = RocksDb.SPACE.defaults().with("bloom_bits_per_key", Value.of(13L))
                .with("block_size", Value.of(8 * KIB));
        TrialOutcome first = gate.runTrial(new TrialRequest("crash-1", c, null, 1), DEADLINE, p -> { });
        assertThat(((TrialOutcome.Failed) first).kind()).isEqualTo(FailureKind.CRASHED);
        assertThat(target.calls).hasSize(1);
        GatedTrial again = gate.tryStartTrial(new TrialRequest("crash-2", c, null, 2), DEADLINE, p -> { });
        assertThat(again).isInstanceOf(GatedTrial.Rejected.class);
        assertThat(again.verdict().violatedRules()).containsExactly("known-bad");
        assertThat(again.verdict().violations().get(0).reason()).contains("crash-1").contains("segfault");
        assertThat(((GatedTrial.Rejected) again).outcome().kind()).isEqualTo(FailureKind.REJECTED);
        assertThat(target.calls).hasSize(1);
        // Nor can it be applied to the live system.
        assertThatThrownBy(() -> gate.apply(c, "promote")).isInstanceOf(RejectedByRulesException.class);
        assertThat(target.calls).hasSize(1);
    }

    @Test
    void aVerdictFromAReplacedRuleSetIsNotEnough(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("jobs.drl"), HotReloadTest.jobsRule("jobs limit", 12));
        try (var real = DroolsRuleEngine.builder().rulesDirectory(dir).space(RocksDb.SPACE).build()) {
            // The operator tightens the rule while a check is in flight: the reload lands right
            // after the check. The gate sees the version moved, checks again, and refuses.
            AtomicInteger checks = new AtomicInteger();
            RuleEngine racing = new DelegatingEngine(real) {
                @Override
                public Verdict check(Proposal proposal) {
                    Verdict v = super.check(proposal);
                    if (checks.incrementAndGet() == 1) {
                        try {
                            Files.writeString(dir.resolve("jobs.drl"), HotReloadTest.jobsRule("jobs limit", 6));
                        } catch (java.io.IOException e) {
                            throw new java.io.UncheckedIOException(e);
                        }
                        assertThat(real.reload().ok()).isTrue();
                    }
                    return v;
                }
            };
            var target = new RecordingTarget(ROCKSDB, c -> false);
            var gate = new ActuationGate(target, racing);
            Configuration eightJobs = RocksDb.SPACE.defaults().with("max_background_jobs", Value.of(8L));
            assertThatThrownBy(() -> gate.apply(eightJobs, "more jobs"))
                    .isInstanceOf(RejectedByRulesException.class)
                    .satisfies(e -> assertThat(((RejectedByRulesException) e).verdict().violatedRules())
                            .containsExactly("jobs limit"));
            assertThat(checks.get()).isEqualTo(2);
            assertThat(target.calls).isEmpty();
        }
    }

    @Test
    void feedbackRollsBackThroughTheGateAndMarksTheConfigurationKnownBad() {
        var target = new RecordingTarget(ROCKSDB, c -> false);
        var gate = new ActuationGate(target, engine);
        Configuration previous = target.live();
        Actuation a = gate.apply(Configuration.builder().set("block_size", 32 * KIB).set("compression_type", "lz4")
                .build(), "tuning");
        Configuration actuated = a.configuration();
        FeedbackResult r = gate.afterActuation(Metrics.of("p99_us", 100, "throughput", 1000),
                Metrics.of("p99_us", 150, "throughput", 600), actuated, previous);
        assertThat(r.actions()).extracting(FeedbackAction::kind).containsExactlyInAnyOrder(
                FeedbackAction.Kind.ROLLBACK, FeedbackAction.Kind.MARK_KNOWN_BAD, FeedbackAction.Kind.ALERT);
        assertThat(r.alerts()).hasSize(1);
        assertThat(r.rolledBack()).isTrue();
        assertThat(target.calls).hasSize(2);
        assertThat(target.calls.get(1)).isEqualTo(new RecordingTarget.Call("apply", previous));
        assertThat(target.live()).isEqualTo(previous);
        assertThat(r.markedKnownBad()).get().satisfies(e -> {
            assertThat(e.origin()).isEqualTo(KnownBad.Origin.FEEDBACK);
            assertThat(e.pattern()).isEqualTo(KnownBadPattern.exact(actuated));
        });
        // The bad configuration cannot come back.
        assertThatThrownBy(() -> gate.apply(actuated, "again")).isInstanceOf(RejectedByRulesException.class);
        assertThat(target.calls).hasSize(2);
        // Calm metrics: nothing happens.
        FeedbackResult calm = gate.afterActuation(Metrics.of("p99_us", 100), Metrics.of("p99_us", 110), previous,
                previous);
        assertThat(calm.actions()).isEmpty();
        assertThat(calm.rolledBack()).isFalse();
        assertThat(target.calls).hasSize(2);
    }

    @Test
    void aRollbackTheCurrentRulesRejectIsRefusedToo() {
        var target = new RecordingTarget(ROCKSDB, c -> false);
        var gate = new ActuationGate(target, engine);
        Configuration good = target.live();
        // Pretend the previous configuration was one today's rules forbid (10 jobs on 4 cores).
        Configuration forbidden = good.with("max_background_jobs", Value.of(10L));
        FeedbackResult r = gate.afterActuation(Metrics.of("p99_us", 100), Metrics.of("p99_us", 200), good, forbidden);
        assertThat(r.rolledBack()).isFalse();
        assertThat(r.rollbackRejected()).get().satisfies(v -> assertThat(v.violatedRules())
                .containsExactly(ExampleRocksDbRulesTest.JOBS));
        assertThat(target.calls).isEmpty();
    }

    @Test
    void theGateNeverHandsOutTheTarget() {
        for (Method m : ActuationGate.class.getMethods()) {
            assertThat(TargetControl.class.isAssignableFrom(m.getReturnType())).as(m.toString()).isFalse();
            assertThat(m.getReturnType()).as(m.toString()).isNotEqualTo(Object.class);
        }
        for (Field f : ActuationGate.class.getDeclaredFields()) {
            assertThat(Modifier.isPrivate(f.getModifiers())).as(f.toString()).isTrue();
        }
        assertThat(TargetControl.class.isAssignableFrom(ActuationGate.class)).isFalse();
        var target = new RecordingTarget(ROCKSDB, c -> false);
        new ActuationGate(target, engine).close();
        assertThat(target.closed).isTrue();
    }

    @Test
    void aDryRunCheckActuatesNothing() {
        var target = new RecordingTarget(ROCKSDB, c -> false);
        var gate = new ActuationGate(target, engine);
        Verdict v = gate.check(target.live().with("write_buffer_size", Value.of(512 * MIB))
                .with("max_write_buffer_number", Value.of(4L)));
        assertThat(v.violatedRules()).containsExactly(ExampleRocksDbRulesTest.MEMTABLES);
        assertThat(target.calls).isEmpty();
    }

    /** Forwards to a real engine; tests override a method to inject timing. */
    static class DelegatingEngine implements RuleEngine {
        private final RuleEngine inner;

        DelegatingEngine(RuleEngine inner) {
            this.inner = inner;
        }

        @Override
        public Verdict check(Proposal proposal) {
            return inner.check(proposal);
        }

        @Override
        public List<FeedbackAction> evaluateFeedback(FeedbackFacts facts) {
            return inner.evaluateFeedback(facts);
        }

        @Override
        public RuleSetVersion version() {
            return inner.version();
        }

        @Override
        public ReloadReport reload() {
            return inner.reload();
        }

        @Override
        public KnownBadStore knownBad() {
            return inner.knownBad();
        }

        @Override
        public void close() {
            inner.close();
        }
    }

}
