package io.autosys.trialmanager;

import static org.assertj.core.api.Assertions.assertThat;

import io.autosys.modelrepository.api.StudyRecord;
import io.autosys.modelrepository.api.StudyState;
import io.autosys.modelrepository.api.TrialRecord;
import io.autosys.modelrepository.api.TrialState;
import io.autosys.sdk.api.Configuration;
import io.autosys.sdk.api.Metrics;
import io.autosys.sdk.api.TrialContext;
import io.autosys.sdk.api.TrialRequest;
import io.autosys.sdk.testing.FakeSystem;
import io.autosys.targets.synthetic.Branin;
import io.autosys.targets.synthetic.SyntheticTarget;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Studies end to end: real gRPC targets, real Drools rules, a real H2 store. */
class StudyRunnerTest {
    @TempDir
    Path dir;

    private static SyntheticTarget.Settings settings() {
        return SyntheticTarget.Settings.of(new Branin()).withIds("branin-1", "branin-1").withSeed(7);
    }

    private static String branin(String name, int trials, int parallelism) {
        return """
                name: %s
                target: branin-1
                objective: {metric: value}
                designer: sobol
                budget: {trials: %d, parallelism: %d, trial_deadline: 10s}
                seed: 3
                """.formatted(name, trials, parallelism);
    }

    @Test
    void aStudyRunsItsBudgetRecordsEveryTrialAndFindsTheBest() throws Exception {
        try (var h = new Harness(dir, Map.of())) {
            var target = new SyntheticTarget(settings());
            h.serve(target);
            StudyRecord done = h.run(branin("b1", 12, 3));
            assertThat(done.state()).as(done.stateReason()).isEqualTo(StudyState.COMPLETED);
            List<TrialRecord> trials = h.repo.trials(done.id());
            assertThat(trials).hasSize(12).allMatch(t -> t.state() == TrialState.SUCCEEDED);
            assertThat(trials).extracting(TrialRecord::number).containsExactlyElementsOf(
                    java.util.stream.LongStream.rangeClosed(1, 12).boxed().toList());
            double min = trials.stream().mapToDouble(TrialRecord::objective).min().orElseThrow();
            var best = h.repo.best("study:" + done.id()).orElseThrow();
            assertThat(best.objective()).isEqualTo(min);
            assertThat(h.repo.latestSnapshot(done.id()).orElseThrow().trialsSeen()).isEqualTo(12);
        }
    }

    @Test
    void rejectedProposalsNeverReachTheTargetAndDoNotCount() throws Exception {
        // Operator rule: x1 must stay below 2.5. Sobol proposes plenty above it.
        String drl = """
                package rules.test;
                import io.autosys.ruleengine.facts.*;
                rule "x1-below-2.5"
                when
                    $p : Proposed(num("x1") >= 2.5)
                then
                    $p.reject("x1 must stay below 2.5", "x1");
                end
                """;
        try (var h = new Harness(dir, Map.of("test.drl", drl))) {
            var seen = new CopyOnWriteArrayList<Configuration>();
            var inner = new SyntheticTarget(settings());
            h.serve(new Recording(inner, seen));
            StudyRecord done = h.run(branin("b2", 10, 2));
            assertThat(done.state()).as(done.stateReason()).isEqualTo(StudyState.COMPLETED);
            List<TrialRecord> trials = h.repo.trials(done.id());
            long succeeded = trials.stream().filter(t -> t.state() == TrialState.SUCCEEDED).count();
            long rejected = trials.stream().filter(t -> t.reason().startsWith(StudyRunner.REJECTED)).count();
            assertThat(succeeded).isEqualTo(10);
            assertThat(rejected).isPositive();
            assertThat(seen).hasSize(10).allMatch(c -> c.getDouble("x1") < 2.5);
            assertThat(trials.stream().filter(t -> t.reason().startsWith(StudyRunner.REJECTED)))
                    .allMatch(t -> t.reason().contains("x1-below-2.5"));
        }
    }

    @Test
    void aCrashingTargetSpendsTheFailureBudgetAndTheStudyFailsWithTheReason() throws Exception {
        try (var h = new Harness(dir, Map.of())) {
            h.serve(new FakeSystem(2).trialShape(1, 1).crashWith("segfault in compaction"));
            StudyRecord done = h.run("""
                    name: crashy
                    target: fake-1
                    objective: {metric: score}
                    designer: random
                    budget: {trials: 20, parallelism: 2, max_failures: 3, trial_deadline: 10s}
                    """);
            assertThat(done.state()).isEqualTo(StudyState.FAILED);
            assertThat(done.stateReason()).contains("failure budget spent").contains("segfault in compaction");
            List<TrialRecord> trials = h.repo.trials(done.id());
            assertThat(trials.stream().filter(t -> t.reason().startsWith("crashed:")).count()).isEqualTo(4);
            // The gate marked every crashing configuration known-bad, persisted in the repository.
            assertThat(h.repo.knownBad("fake")).hasSizeGreaterThanOrEqualTo(4);
        }
    }

    @Test
    void aHangingTargetTimesOutAndAnUnreachableOneFailsAfterRetries() throws Exception {
        try (var h = new Harness(dir, Map.of())) {
            h.serve(new FakeSystem(1).trialShape(100_000, 10));
            StudyRecord hung = h.run("""
                    name: hangs
                    target: fake-1
                    objective: {metric: score}
                    designer: random
                    budget: {trials: 5, max_failures: 1, trial_deadline: 300ms}
                    """);
            assertThat(hung.state()).isEqualTo(StudyState.FAILED);
            assertThat(h.repo.trials(hung.id())).extracting(TrialRecord::state).containsOnly(TrialState.TIMED_OUT);
            assertThat(h.repo.knownBad("fake")).isNotEmpty();

            // A target that is registered but gone.
            var d = new FakeSystem().describe();
            h.repo.registerTarget("127.0.0.1:" + freePort(), false, new io.autosys.sdk.api.SystemDescription("gone-1",
                    "fake", "gone-1", d.space(), d.metrics(), d.contextFeatures(), 1, d.labels()));
            StudyRecord unreachable = h.manager.createStudy("""
                    name: nobody-home
                    target: gone-1
                    objective: {metric: score}
                    designer: random
                    budget: {trials: 3, max_failures: 0, retries: 1, trial_deadline: 2s}
                    seed: 99
                    """, "t.yaml", Map.of(), true);
            StudyRecord ended = h.manager.completion(unreachable.id()).get(60, TimeUnit.SECONDS);
            assertThat(ended.state()).isEqualTo(StudyState.FAILED);
            assertThat(ended.stateReason()).contains("failure budget spent").contains("unavailable");
            assertThat(h.repo.trials(unreachable.id())).singleElement().satisfies(t -> {
                assertThat(t.state()).isEqualTo(TrialState.FAILED);
                assertThat(t.attempts()).isEqualTo(2);
            });
        }
    }

    @Test
    void aStudyStoppedMidwayResumesInANewProcessWithExactlyItsBudget() throws Exception {
        try (var h = new Harness(dir, Map.of())) {
            var target = new SyntheticTarget(settings().withTrialDuration(java.time.Duration.ofMillis(60)));
            h.serve(target);
            StudyRecord s = h.manager.createStudy(branin("resumable", 14, 2), "t.yaml", Map.of(), true);
            awaitCompleted(h, s.id(), 5);
            // The process "dies": the manager goes without recording what ran; the study stays RUNNING.
            h.restartManager();
            assertThat(h.repo.study(s.id()).orElseThrow().state()).isEqualTo(StudyState.RUNNING);
            h.manager.resumeRunning();
            StudyRecord done = h.manager.completion(s.id()).get(120, TimeUnit.SECONDS);
            assertThat(done.state()).as(done.stateReason()).isEqualTo(StudyState.COMPLETED);
            List<TrialRecord> trials = h.repo.trials(s.id());
            assertThat(trials.stream().filter(StudyRunner::countsAgainstBudget).count()).isEqualTo(14);
            assertThat(trials).allMatch(t -> t.state().isTerminal());
            assertThat(trials.stream().filter(t -> t.attempts() > 1)).allMatch(t -> t.state() == TrialState.SUCCEEDED);
        }
    }

    @Test
    void badStudiesStoreNothing() throws Exception {
        try (var h = new Harness(dir, Map.of())) {
            h.serve(new SyntheticTarget(settings()));
            for (String bad : List.of(branin("x", 5, 1).replace("sobol", "magic"),
                    branin("x", 5, 1).replace("designer: sobol", "designer: {name: tpe, settings: {gamma: -1}}"),
                    branin("x", 5, 1).replace("branin-1", "ghost"),
                    branin("x", 5, 1).replace("trials: 5", "trials: -5"),
                    "name: x\ntarget: [unclosed")) {
                try {
                    h.manager.createStudy(bad, "bad.yaml", Map.of(), true);
                    throw new AssertionError("accepted: " + bad);
                } catch (io.autosys.trialmanager.spec.StudySpecException e) {
                    assertThat(e.getMessage()).contains("bad.yaml");
                }
            }
            assertThat(h.repo.studies(List.of())).isEmpty();
        }
    }

    private static void awaitCompleted(Harness h, long studyId, int n) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (h.repo.trials(studyId).stream().filter(t -> t.state().isTerminal()).count() < n) {
            if (System.nanoTime() > end) {
                throw new AssertionError("fewer than " + n + " trials completed in 60 s");
            }
            Thread.sleep(20);
        }
    }

    private static int freePort() throws Exception {
        try (var s = new java.net.ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    /** Records every configuration that reaches the target. */
    private record Recording(io.autosys.sdk.api.ControlledSystem inner, List<Configuration> seen)
            implements io.autosys.sdk.api.ControlledSystem {
        @Override
        public io.autosys.sdk.api.SystemDescription describe() {
            return inner.describe();
        }

        @Override
        public Configuration currentConfiguration() {
            return inner.currentConfiguration();
        }

        @Override
        public io.autosys.sdk.api.ApplyResult apply(Configuration c) throws Exception {
            seen.add(c);
            return inner.apply(c);
        }

        @Override
        public Metrics runTrial(TrialRequest request, TrialContext context) throws Exception {
            seen.add(request.configuration());
            return inner.runTrial(request, context);
        }

        @Override
        public io.autosys.sdk.api.Observation observe() {
            return inner.observe();
        }
    }
}
