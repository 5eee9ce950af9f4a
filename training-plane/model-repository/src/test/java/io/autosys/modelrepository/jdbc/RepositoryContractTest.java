package io.autosys.modelrepository.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.autosys.modelrepository.api.BestConfiguration;
import io.autosys.modelrepository.api.ModelRepository;
import io.autosys.modelrepository.api.StudyRecord;
import io.autosys.modelrepository.api.StudyState;
import io.autosys.modelrepository.api.TrialRecord;
import io.autosys.modelrepository.api.TrialResult;
import io.autosys.modelrepository.api.TrialState;
import io.autosys.sdk.api.Configuration;
import io.autosys.sdk.api.Metrics;
import io.autosys.sdk.testing.FakeSystem;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Every behaviour of the repository; subclasses run it on H2 and on PostgreSQL. */
abstract class RepositoryContractTest {
    protected ModelRepository repo;

    protected abstract ModelRepository open() throws Exception;

    protected void cleanUp() throws Exception {
    }

    @BeforeEach
    void setUp() throws Exception {
        repo = open();
    }

    @AfterEach
    void tearDown() throws Exception {
        repo.close();
        cleanUp();
    }

    private StudyRecord study(String name) {
        repo.registerTarget("127.0.0.1:1", false, new FakeSystem().describe());
        return repo.createStudy(name, "fake-1", "fake", "{\"name\":\"" + name + "\"}", Map.of("load", 120.0));
    }

    private static Configuration config(double ratio) {
        return FakeSystem.SPACE.complete(Configuration.builder().set("ratio", ratio).build());
    }

    @Test
    void targetsRegisterAndRefresh() {
        var d = new FakeSystem().describe();
        var t = repo.registerTarget("127.0.0.1:5000", false, d);
        assertThat(t.description()).isEqualTo(d);
        var again = repo.registerTarget("127.0.0.1:6000", true, d);
        assertThat(again.address()).isEqualTo("127.0.0.1:6000");
        assertThat(again.registeredAt()).isEqualTo(t.registeredAt());
        assertThat(repo.targets()).hasSize(1);
        assertThat(repo.target("nope")).isEmpty();
    }

    @Test
    void studiesHaveUniqueNamesAndCompareAndSetStates() {
        StudyRecord s = study("s1");
        assertThat(s.state()).isEqualTo(StudyState.PENDING);
        assertThat(s.workloadSignature()).containsEntry("load", 120.0);
        assertThatThrownBy(() -> study("s1")).hasMessageContaining("'s1' exists already");
        assertThat(repo.studies(List.of())).hasSize(1);
        assertThat(repo.transitionStudy(s.id(), List.of(StudyState.PENDING), StudyState.RUNNING, "go")).isTrue();
        assertThat(repo.transitionStudy(s.id(), List.of(StudyState.PENDING), StudyState.RUNNING, "again")).isFalse();
        assertThat(repo.study(s.id()).orElseThrow().stateReason()).isEqualTo("go");
        assertThat(repo.studies(List.of(StudyState.RUNNING))).extracting(StudyRecord::name).containsExactly("s1");
        assertThat(repo.studies(List.of(StudyState.COMPLETED))).isEmpty();
        assertThat(repo.studyByName("s1")).isPresent();
        assertThatThrownBy(() -> repo.transitionStudy(999, List.of(StudyState.PENDING), StudyState.RUNNING, ""))
                .hasMessageContaining("no study with id 999");
        assertThatThrownBy(() -> repo.createStudy(" ", "t", "k", "{}", Map.of())).hasMessageContaining("study name");
        assertThatThrownBy(() -> repo.createStudy("s2", "t", "k", "{}", Map.of("x", Double.NaN)))
                .hasMessageContaining("'x'");
        assertThat(repo.studies(List.of())).hasSize(1); // the refused ones stored nothing
    }

    @Test
    void trialsFollowTheirStateMachineAndAreRecordedOnce() {
        StudyRecord s = study("s");
        TrialRecord t = repo.createTrial(s.id(), config(0.3), 1.0, Map.of("designer", "random"));
        assertThat(t.number()).isEqualTo(1);
        assertThat(t.state()).isEqualTo(TrialState.PENDING);
        assertThat(t.metadata()).containsEntry("designer", "random");
        assertThat(repo.markTrialRunning(s.id(), 1, Instant.now())).isTrue();
        assertThat(repo.trial(s.id(), 1).orElseThrow().attempts()).isEqualTo(1);
        assertThat(repo.markTrialRunning(s.id(), 1, Instant.now())).isTrue(); // a restart runs it again
        assertThat(repo.trial(s.id(), 1).orElseThrow().attempts()).isEqualTo(2);
        Metrics m = Metrics.of("score", 0.9, "latency_ms", 12);
        assertThat(repo.completeTrial(s.id(), 1, TrialResult.succeeded(0.9, m), Instant.now())).isTrue();
        assertThat(repo.completeTrial(s.id(), 1, TrialResult.ended(TrialState.FAILED, "late duplicate"),
                Instant.now())).isFalse();
        TrialRecord done = repo.trial(s.id(), 1).orElseThrow();
        assertThat(done.state()).isEqualTo(TrialState.SUCCEEDED);
        assertThat(done.objective()).isEqualTo(0.9);
        assertThat(done.metrics()).isEqualTo(m);
        assertThat(done.configuration()).isEqualTo(config(0.3));
        assertThat(repo.markTrialRunning(s.id(), 1, Instant.now())).isFalse();
        TrialRecord t2 = repo.createTrial(s.id(), config(0.5), 0.5, Map.of());
        repo.completeTrial(s.id(), t2.number(), TrialResult.ended(TrialState.INFEASIBLE, "crashed: boom"), null);
        assertThat(repo.trial(s.id(), 2).orElseThrow().objective()).isNaN();
        assertThat(repo.trialCounts(s.id())).containsEntry(TrialState.SUCCEEDED, 1L)
                .containsEntry(TrialState.INFEASIBLE, 1L);
        assertThat(repo.trials(s.id())).extracting(TrialRecord::number).containsExactly(1L, 2L);
        assertThatThrownBy(() -> repo.completeTrial(s.id(), 77, TrialResult.ended(TrialState.FAILED, "x"), null))
                .hasMessageContaining("no trial 77");
        assertThatThrownBy(() -> repo.createTrial(12345, config(0.1), 1, Map.of())).hasMessageContaining("12345");
        assertThatThrownBy(() -> repo.createTrial(s.id(), config(0.1), 0, Map.of())).hasMessageContaining("fidelity");
        assertThat(repo.trials(s.id())).hasSize(2);
    }

    @Test
    void concurrentCreatorsGetGaplessNumbersAndOneCompletionWins() throws Exception {
        StudyRecord s = study("c");
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            var tasks = new ArrayList<Callable<Long>>();
            for (int i = 0; i < 40; i++) {
                double r = i / 40.0;
                tasks.add(() -> repo.createTrial(s.id(), config(r), 1.0, Map.of()).number());
            }
            List<Long> numbers = new ArrayList<>();
            for (Future<Long> f : pool.invokeAll(tasks)) {
                numbers.add(f.get());
            }
            assertThat(numbers).containsExactlyInAnyOrderElementsOf(java.util.stream.LongStream.rangeClosed(1, 40)
                    .boxed().toList());
            var completions = new ArrayList<Callable<Boolean>>();
            for (int i = 0; i < 8; i++) {
                double v = i;
                completions.add(() -> repo.completeTrial(s.id(), 7, TrialResult.succeeded(v, Metrics.empty()), null));
            }
            long winners = 0;
            for (Future<Boolean> f : pool.invokeAll(completions)) {
                winners += f.get() ? 1 : 0;
            }
            assertThat(winners).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void intermediateStepsAreStoredOnce() {
        StudyRecord s = study("i");
        repo.createTrial(s.id(), config(0.1), 1, Map.of());
        repo.addIntermediate(s.id(), 1, 1, Metrics.of("score", 0.1));
        repo.addIntermediate(s.id(), 1, 2, Metrics.of("score", 0.2));
        repo.addIntermediate(s.id(), 1, 2, Metrics.of("score", 99));
        assertThat(repo.intermediates(s.id())).extracting(im -> im.metrics().get("score")).containsExactly(0.1, 0.2);
        assertThatThrownBy(() -> repo.addIntermediate(s.id(), 5, 1, Metrics.empty())).hasMessageContaining("no trial 5");
    }

    @Test
    void snapshotsAndModelsAreVersioned() {
        StudyRecord s = study("m");
        byte[] big = new byte[2_000_000];
        big[1_999_999] = 42;
        repo.saveSnapshot(s.id(), "gp-bo", new byte[] {1}, 1);
        var v2 = repo.saveSnapshot(s.id(), "gp-bo", big, 2);
        assertThat(v2.version()).isEqualTo(2);
        var latest = repo.latestSnapshot(s.id()).orElseThrow();
        assertThat(latest.state()).hasSize(2_000_000);
        assertThat(latest.state()[1_999_999]).isEqualTo((byte) 42);
        assertThat(latest.trialsSeen()).isEqualTo(2);
        long before = repo.changeCounter();
        var m1 = repo.saveModel("fake", Map.of("load", 1.0), s.id(), "gp", new byte[] {7}, Map.of("n", 3.0));
        var m2 = repo.saveModel("fake", Map.of("load", 1.0), s.id(), "gp", new byte[] {8}, Map.of("n", 4.0));
        assertThat(m2.version()).isEqualTo(m1.version() + 1);
        assertThat(repo.latestModel(s.id(), "gp").orElseThrow().payload()).containsExactly(8);
        assertThat(repo.models("fake")).extracting(mv -> mv.version()).containsExactly(2L, 1L);
        assertThat(repo.changeCounter()).isEqualTo(before + 2);
        assertThat(repo.latestModel(s.id(), "forest")).isEmpty();
    }

    @Test
    void knownBadEntriesAreExactOrRegions() {
        var e = repo.addKnownBad("rocksdb", config(0.2), null, "crashed", "trial:s/3");
        var r = repo.addKnownBad("rocksdb", null, "compression_type == zstd && block_size < 4096", "slow", "operator");
        assertThat(repo.knownBad("rocksdb")).extracting(k -> k.id()).containsExactly(e.id(), r.id());
        assertThat(repo.knownBad("rocksdb").get(0).exact()).isEqualTo(config(0.2));
        assertThat(repo.knownBad("other")).isEmpty();
        assertThatThrownBy(() -> repo.addKnownBad("rocksdb", null, null, "x", "y")).hasMessageContaining("either");
        assertThat(repo.removeKnownBad(e.id())).isTrue();
        assertThat(repo.removeKnownBad(e.id())).isFalse();
        assertThat(repo.knownBad("rocksdb")).hasSize(1);
    }

    @Test
    void bestConfigurationsOnlyImprove() {
        StudyRecord s = study("b");
        long c0 = repo.changeCounter();
        BestConfiguration b1 = repo.offerBest("study:" + s.id(), s.id(), 1, config(0.1), 5.0, Metrics.of("score", 5),
                Map.of(), true);
        assertThat(b1.trialNumber()).isEqualTo(1);
        BestConfiguration b2 = repo.offerBest("study:" + s.id(), s.id(), 2, config(0.2), 4.0, Metrics.of("score", 4),
                Map.of(), true);
        assertThat(b2.trialNumber()).isEqualTo(1);
        BestConfiguration b3 = repo.offerBest("study:" + s.id(), s.id(), 3, config(0.3), 6.0, Metrics.of("score", 6),
                Map.of("load", 2.0), true);
        assertThat(b3.trialNumber()).isEqualTo(3);
        assertThat(b3.configuration()).isEqualTo(config(0.3));
        assertThat(repo.changeCounter()).isEqualTo(c0 + 2);
        repo.offerBest("kind:fake", s.id(), 3, config(0.3), 1.0, Metrics.empty(), Map.of(), false);
        assertThat(repo.offerBest("kind:fake", s.id(), 4, config(0.4), 0.5, Metrics.empty(), Map.of(), false)
                .trialNumber()).isEqualTo(4);
        assertThat(repo.bests("kind:")).extracting(BestConfiguration::scope).containsExactly("kind:fake");
        assertThat(repo.best("study:999")).isEmpty();
        assertThatThrownBy(() -> repo.offerBest("x", 1, 1, config(0.1), Double.NaN, Metrics.empty(), Map.of(), true))
                .hasMessageContaining("finite");
    }
}
