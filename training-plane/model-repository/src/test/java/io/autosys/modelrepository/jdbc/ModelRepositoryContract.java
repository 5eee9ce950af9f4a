package io.autosys.modelrepository.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.autosys.modelrepository.api.BestConfiguration;
import io.autosys.modelrepository.api.DesignerSnapshot;
import io.autosys.modelrepository.api.IntermediateMetrics;
import io.autosys.modelrepository.api.KnownBadRecord;
import io.autosys.modelrepository.api.ModelVersion;
import io.autosys.modelrepository.api.StudyRecord;
import io.autosys.modelrepository.api.StudyState;
import io.autosys.modelrepository.api.TargetRecord;
import io.autosys.modelrepository.api.TrialRecord;
import io.autosys.modelrepository.api.TrialResult;
import io.autosys.modelrepository.api.TrialState;
import io.autosys.sdk.api.Configuration;
import io.autosys.sdk.api.Goal;
import io.autosys.sdk.api.MetricSpec;
import io.autosys.sdk.api.Metrics;
import io.autosys.sdk.api.SystemDescription;
import io.autosys.sdk.api.Value;
import io.autosys.sdk.testing.FakeSystem;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Every behaviour of the model repository, run against each database by a subclass that makes
 * a fresh, empty store per test ({@link #freshStore()}) and removes it afterwards.
 */
abstract class ModelRepositoryContract {
    static final int THREADS = 8;

    static {
        QuietFlyway.install();
    }

    /** Creates an empty store and returns its JDBC URL. */
    protected abstract String freshStore() throws Exception;

    /** Removes what {@link #freshStore()} made. */
    protected abstract void dropStore() throws Exception;

    protected String user() {
        return "sa";
    }

    protected String password() {
        return "";
    }

    private String url;
    JdbcModelRepository repo;

    @BeforeEach
    void openRepository() throws Exception {
        url = freshStore();
        repo = JdbcModelRepository.connect(url, user(), password());
    }

    @AfterEach
    void closeRepository() throws Exception {
        try {
            if (repo != null) {
                repo.close();
            }
        } finally {
            dropStore();
        }
    }

    void reopen() {
        repo.close();
        repo = JdbcModelRepository.connect(url, user(), password());
    }

    // ---- fixtures --------------------------------------------------------------------------------

    static SystemDescription description(String systemId, String kind) {
        return new SystemDescription(systemId, kind, null, FakeSystem.SPACE,
                List.of(MetricSpec.of("throughput", "ops/s", Goal.MAXIMIZE)), null, 2, Map.of("zone", "a"));
    }

    static Configuration config(double ratio, long threads) {
        return Configuration.builder().set("ratio", ratio).set("threads", threads).set("mode", "fast")
                .set("direct_io", true).build();
    }

    StudyRecord study(String name) {
        return repo.createStudy(name, "sys-1", "kv", "{\"objective\":\"throughput\"}", Map.of("read_ratio", 0.9));
    }

    /** Runs {@code n} copies of {@code task} released together; returns their results in task order. */
    static <T> List<T> concurrently(int n, IndexedTask<T> task) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(n);
        try {
            var start = new CountDownLatch(1);
            var futures = new ArrayList<Future<T>>();
            for (int i = 0; i < n; i++) {
                int index = i;
                Callable<T> call = () -> {
                    start.await();
                    return task.run(index);
                };
                futures.add(pool.submit(call));
            }
            start.countDown();
            var results = new ArrayList<T>();
            for (Future<T> f : futures) {
                results.add(f.get(60, TimeUnit.SECONDS));
            }
            return results;
        } finally {
            pool.shutdownNow();
            assertThat(pool.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
        }
    }

    @FunctionalInterface
    interface IndexedTask<T> {
        T run(int index) throws Exception;
    }

    /** Every stored row of every table, as text: equal dumps mean nothing changed. */
    String dump() throws SQLException {
        String[][] tables = {
            {"targets", "system_id"}, {"studies", "id"}, {"trials", "study_id, number"},
            {"intermediates", "study_id, number, step"}, {"designer_snapshots", "study_id, version"},
            {"model_versions", "id"}, {"known_bad", "id"}, {"best_configurations", "scope"}, {"change_counter", "id"},
        };
        var sb = new StringBuilder();
        try (Connection c = DriverManager.getConnection(url.startsWith("jdbc:h2:") ? Databases.withH2Settings(url) : url,
                user(), password()); Statement st = c.createStatement()) {
            for (String[] t : tables) {
                sb.append("# ").append(t[0]).append('\n');
                try (ResultSet rs = st.executeQuery("SELECT * FROM " + t[0] + " ORDER BY " + t[1])) {
                    ResultSetMetaData md = rs.getMetaData();
                    while (rs.next()) {
                        for (int i = 1; i <= md.getColumnCount(); i++) {
                            Object v = rs.getObject(i);
                            sb.append(md.getColumnName(i)).append('=')
                                    .append(v instanceof byte[] b ? HexFormat.of().formatHex(b) : rs.getString(i))
                                    .append(' ');
                        }
                        sb.append('\n');
                    }
                }
            }
        }
        return sb.toString();
    }

    /** The call fails with an IllegalArgumentException mentioning {@code message}, and no row changed. */
    void refusedAndUnchanged(Runnable call, String message) throws SQLException {
        String before = dump();
        assertThatThrownBy(call::run).isInstanceOf(IllegalArgumentException.class).hasMessageContaining(message);
        assertThat(dump()).isEqualTo(before);
    }

    // ---- targets ---------------------------------------------------------------------------------

    @Test
    void registersAndRefreshesTargets() {
        Instant before = Instant.now().truncatedTo(ChronoUnit.MICROS);
        TargetRecord first = repo.registerTarget("10.0.0.1:9001", false, description("sys-1", "kv"));
        assertThat(first.systemId()).isEqualTo("sys-1");
        assertThat(first.serviceKind()).isEqualTo("kv");
        assertThat(first.description()).isEqualTo(description("sys-1", "kv"));
        assertThat(first.registeredAt()).isAfterOrEqualTo(before);

        TargetRecord refreshed = repo.registerTarget("10.0.0.2:9443", true, description("sys-1", "kv"));
        assertThat(refreshed.address()).isEqualTo("10.0.0.2:9443");
        assertThat(refreshed.tls()).isTrue();
        assertThat(refreshed.registeredAt()).isEqualTo(first.registeredAt());

        repo.registerTarget("10.0.0.3:9001", false, description("sys-0", "db"));
        assertThat(repo.targets()).extracting(TargetRecord::systemId).containsExactly("sys-0", "sys-1");
        assertThat(repo.target("sys-1")).contains(refreshed);
        assertThat(repo.target("nope")).isEmpty();
    }

    @Test
    void concurrentRegistrationsOfOneTargetLeaveOneRow() throws Exception {
        concurrently(THREADS, i -> repo.registerTarget("10.0.0." + i + ":9001", false, description("sys-1", "kv")));
        assertThat(repo.targets()).hasSize(1);
    }

    // ---- studies ---------------------------------------------------------------------------------

    @Test
    void createsStudiesAndFindsThem() {
        StudyRecord s = repo.createStudy("tune-kv", "sys-1", "kv", "{\"budget\":10}", Map.of("read_ratio", 0.9,
                "value_kb", 4.0));
        assertThat(s.id()).isPositive();
        assertThat(s.state()).isEqualTo(StudyState.PENDING);
        assertThat(s.stateReason()).isEmpty();
        assertThat(s.specJson()).isEqualTo("{\"budget\":10}");
        assertThat(s.workloadSignature()).isEqualTo(Map.of("read_ratio", 0.9, "value_kb", 4.0));
        assertThat(s.createdAt()).isEqualTo(s.updatedAt()).isNotNull();
        assertThat(repo.study(s.id())).contains(s);
        assertThat(repo.studyByName("tune-kv")).contains(s);
        assertThat(repo.study(s.id() + 1000)).isEmpty();
        assertThat(repo.studyByName("other")).isEmpty();
    }

    @Test
    void listsStudiesNewestFirstFilteredByState() {
        StudyRecord a = study("a");
        StudyRecord b = study("b");
        StudyRecord c = study("c");
        assertThat(repo.transitionStudy(b.id(), List.of(StudyState.PENDING), StudyState.RUNNING, "started")).isTrue();
        assertThat(repo.studies(List.of())).extracting(StudyRecord::name).containsExactly("c", "b", "a");
        assertThat(repo.studies(List.of(StudyState.PENDING))).extracting(StudyRecord::id)
                .containsExactly(c.id(), a.id());
        assertThat(repo.studies(List.of(StudyState.RUNNING, StudyState.STOPPED))).extracting(StudyRecord::id)
                .containsExactly(b.id());
    }

    @Test
    void transitionsStudiesByCompareAndSet() {
        StudyRecord s = study("s");
        assertThat(repo.transitionStudy(s.id(), List.of(StudyState.RUNNING), StudyState.STOPPED, "x")).isFalse();
        assertThat(repo.study(s.id()).orElseThrow().state()).isEqualTo(StudyState.PENDING);
        assertThat(repo.transitionStudy(s.id(), List.of(StudyState.PENDING, StudyState.STOPPED), StudyState.RUNNING,
                "operator started it")).isTrue();
        StudyRecord running = repo.study(s.id()).orElseThrow();
        assertThat(running.state()).isEqualTo(StudyState.RUNNING);
        assertThat(running.stateReason()).isEqualTo("operator started it");
        assertThat(running.updatedAt()).isAfterOrEqualTo(running.createdAt());
        assertThat(repo.transitionStudy(s.id(), List.of(StudyState.RUNNING), StudyState.FAILED, "failure budget spent"))
                .isTrue();
        assertThat(repo.study(s.id()).orElseThrow().stateReason()).isEqualTo("failure budget spent");
    }

    @Test
    void exactlyOneOfConcurrentTransitionsWins() throws Exception {
        StudyRecord s = study("s");
        List<Boolean> won = concurrently(THREADS, i -> repo.transitionStudy(s.id(), List.of(StudyState.PENDING),
                StudyState.RUNNING, "plane " + i));
        assertThat(won).containsOnlyOnce(true);
        String reason = repo.study(s.id()).orElseThrow().stateReason();
        assertThat(reason).isEqualTo("plane " + won.indexOf(true));
    }

    @Test
    void refusesADuplicateStudyNameNamingIt() throws Exception {
        StudyRecord s = study("dup");
        repo.createTrial(s.id(), config(0.5, 4), 1, Map.of());
        refusedAndUnchanged(() -> study("dup"), "a study named 'dup' already exists");
        List<Boolean> created = concurrently(THREADS, i -> {
            try {
                study("race");
                return true;
            } catch (IllegalArgumentException e) {
                assertThat(e).hasMessageContaining("'race'");
                return false;
            }
        });
        assertThat(created).containsOnlyOnce(true);
    }

    @Test
    void refusesBadStudyInput() throws Exception {
        StudyRecord s = study("s");
        refusedAndUnchanged(() -> repo.createStudy(null, "sys", "kv", "{}", Map.of()), "study name is empty");
        refusedAndUnchanged(() -> repo.createStudy("  ", "sys", "kv", "{}", Map.of()), "study name is empty");
        refusedAndUnchanged(() -> repo.createStudy("x".repeat(201), "sys", "kv", "{}", Map.of()),
                "study name is 201 characters long, the limit is 200");
        refusedAndUnchanged(() -> repo.createStudy("n", "", "kv", "{}", Map.of()), "system id is empty");
        refusedAndUnchanged(() -> repo.createStudy("n", "sys", null, "{}", Map.of()), "service kind is empty");
        refusedAndUnchanged(() -> repo.createStudy("n", "sys", "kv", " ", Map.of()), "specification is empty");
        refusedAndUnchanged(() -> repo.createStudy("n", "sys", "kv", "{}", Map.of("cpu", Double.NaN)),
                "workload signature 'cpu' must be a finite number");
        refusedAndUnchanged(() -> repo.transitionStudy(s.id() + 999, List.of(StudyState.PENDING), StudyState.RUNNING,
                ""), "study " + (s.id() + 999) + " does not exist");
        refusedAndUnchanged(() -> repo.transitionStudy(s.id(), List.of(), StudyState.RUNNING, ""),
                "from states are empty");
        refusedAndUnchanged(() -> repo.transitionStudy(s.id(), List.of(StudyState.PENDING), null, ""),
                "target state is missing");
    }

    // ---- trials ----------------------------------------------------------------------------------

    @Test
    void numbersTrialsPerStudyAndKeepsTheirValuesTyped() {
        StudyRecord a = study("a");
        StudyRecord b = study("b");
        TrialRecord a1 = repo.createTrial(a.id(), config(0.25, 8), 1.0, Map.of("designer", "tpe", "rules", "v3"));
        TrialRecord a2 = repo.createTrial(a.id(), config(0.5, 2), 0.25, null);
        TrialRecord b1 = repo.createTrial(b.id(), config(0.75, 1), 1.0, Map.of());
        assertThat(List.of(a1.number(), a2.number(), b1.number())).containsExactly(1L, 2L, 1L);

        TrialRecord read = repo.trial(a.id(), 1).orElseThrow();
        assertThat(read).isEqualTo(a1);
        assertThat(read.configuration()).isEqualTo(config(0.25, 8));
        assertThat(read.configuration().get("threads")).isInstanceOf(Value.Int.class);
        assertThat(read.configuration().get("ratio")).isInstanceOf(Value.Real.class);
        assertThat(read.configuration().getBoolean("direct_io")).isTrue();
        assertThat(read.state()).isEqualTo(TrialState.PENDING);
        assertThat(read.objective()).isNaN();
        assertThat(read.attempts()).isZero();
        assertThat(read.metadata()).isEqualTo(Map.of("designer", "tpe", "rules", "v3"));
        assertThat(read.startedAt()).isNull();
        assertThat(read.finishedAt()).isNull();
        assertThat(repo.trial(a.id(), 2).orElseThrow().fidelity()).isEqualTo(0.25);
        assertThat(repo.trial(a.id(), 3)).isEmpty();
        assertThat(repo.trials(a.id())).extracting(TrialRecord::number).containsExactly(1L, 2L);
    }

    @Test
    void runsATrialThroughItsStateMachine() {
        StudyRecord s = study("s");
        repo.createTrial(s.id(), config(0.5, 4), 1, Map.of());
        Instant t1 = Instant.parse("2025-01-01T10:00:00.123456789Z");
        Instant t2 = Instant.parse("2025-01-01T10:05:00Z");
        Instant t3 = Instant.parse("2025-01-01T10:09:00Z");

        assertThat(repo.markTrialRunning(s.id(), 1, t1)).isTrue();
        TrialRecord running = repo.trial(s.id(), 1).orElseThrow();
        assertThat(running.state()).isEqualTo(TrialState.RUNNING);
        assertThat(running.attempts()).isEqualTo(1);
        assertThat(running.startedAt()).isEqualTo(t1.truncatedTo(ChronoUnit.MICROS));

        // a restarted plane runs it again: a second attempt
        assertThat(repo.markTrialRunning(s.id(), 1, t2)).isTrue();
        assertThat(repo.trial(s.id(), 1).orElseThrow().attempts()).isEqualTo(2);

        Metrics m = Metrics.of("throughput", 1234.5, "p99_ms", 7.25);
        assertThat(repo.completeTrial(s.id(), 1, TrialResult.succeeded(1234.5, m), t3)).isTrue();
        TrialRecord done = repo.trial(s.id(), 1).orElseThrow();
        assertThat(done.state()).isEqualTo(TrialState.SUCCEEDED);
        assertThat(done.objective()).isEqualTo(1234.5);
        assertThat(done.metrics()).isEqualTo(m);
        assertThat(done.reason()).isEmpty();
        assertThat(done.finishedAt()).isEqualTo(t3);

        // terminal is final: no restart, and the first result stands
        assertThat(repo.markTrialRunning(s.id(), 1, t3)).isFalse();
        assertThat(repo.completeTrial(s.id(), 1, TrialResult.ended(TrialState.FAILED, "late duplicate"), t3)).isFalse();
        assertThat(repo.completeTrial(s.id(), 1, TrialResult.succeeded(1.0, Metrics.empty()), t3)).isFalse();
        assertThat(repo.trial(s.id(), 1).orElseThrow()).isEqualTo(done);
    }

    @Test
    void recordsEveryTerminalStateWithItsReason() {
        StudyRecord s = study("s");
        Instant at = Instant.parse("2025-02-01T00:00:00Z");
        List<TrialState> terminal = List.of(TrialState.FAILED, TrialState.INFEASIBLE, TrialState.TIMED_OUT,
                TrialState.EARLY_STOPPED, TrialState.CANCELLED);
        for (TrialState state : terminal) {
            TrialRecord t = repo.createTrial(s.id(), config(0.1, 1), 1, Map.of());
            // a PENDING trial can end without running (rejected by the rules, cancelled)
            assertThat(repo.completeTrial(s.id(), t.number(), new TrialResult(state, Double.NaN,
                    Metrics.of("throughput", 3), "because " + state), at)).isTrue();
            TrialRecord read = repo.trial(s.id(), t.number()).orElseThrow();
            assertThat(read.state()).isEqualTo(state);
            assertThat(read.objective()).isNaN();
            assertThat(read.reason()).isEqualTo("because " + state);
            assertThat(read.metrics()).isEqualTo(Metrics.of("throughput", 3));
        }
        repo.createTrial(s.id(), config(0.1, 1), 1, Map.of());
        repo.createTrial(s.id(), config(0.1, 1), 1, Map.of());
        repo.markTrialRunning(s.id(), 7, at);
        Map<TrialState, Long> counts = repo.trialCounts(s.id());
        assertThat(counts).hasSize(TrialState.values().length);
        assertThat(counts.get(TrialState.PENDING)).isEqualTo(1);
        assertThat(counts.get(TrialState.RUNNING)).isEqualTo(1);
        assertThat(counts.get(TrialState.SUCCEEDED)).isZero();
        for (TrialState state : terminal) {
            assertThat(counts.get(state)).as(state.name()).isEqualTo(1);
        }
    }

    @Test
    void concurrentCreatesNumberTrialsWithoutGapsOrDuplicates() throws Exception {
        StudyRecord s = study("s");
        StudyRecord other = study("other");
        int perThread = 25;
        List<List<Long>> numbers = concurrently(THREADS, i -> {
            var mine = new ArrayList<Long>();
            for (int k = 0; k < perThread; k++) {
                // interleave with another study so the counters are shown to be per study
                mine.add(repo.createTrial(i % 2 == 0 ? s.id() : other.id(), config(k / 100.0, i + 1), 1, Map.of())
                        .number());
            }
            return mine;
        });
        List<Long> forS = new ArrayList<>();
        List<Long> forOther = new ArrayList<>();
        for (int i = 0; i < THREADS; i++) {
            (i % 2 == 0 ? forS : forOther).addAll(numbers.get(i));
        }
        int each = THREADS / 2 * perThread;
        assertThat(forS).containsExactlyInAnyOrderElementsOf(LongStream.rangeClosed(1, each).boxed().toList());
        assertThat(forOther).containsExactlyInAnyOrderElementsOf(LongStream.rangeClosed(1, each).boxed().toList());
        assertThat(repo.trials(s.id())).extracting(TrialRecord::number)
                .containsExactlyElementsOf(LongStream.rangeClosed(1, each).boxed().toList());
    }

    @Test
    void exactlyOneOfConcurrentCompletionsIsRecorded() throws Exception {
        StudyRecord s = study("s");
        for (int round = 0; round < 5; round++) {
            long n = repo.createTrial(s.id(), config(0.5, 4), 1, Map.of()).number();
            repo.markTrialRunning(s.id(), n, Instant.now());
            List<Boolean> recorded = concurrently(THREADS, i -> repo.completeTrial(s.id(), n,
                    TrialResult.succeeded(100 + i, Metrics.of("throughput", 100 + i)), Instant.now()));
            assertThat(recorded).containsOnlyOnce(true);
            TrialRecord t = repo.trial(s.id(), n).orElseThrow();
            assertThat(t.objective()).isEqualTo(100.0 + recorded.indexOf(true));
        }
        assertThat(repo.trialCounts(s.id()).get(TrialState.SUCCEEDED)).isEqualTo(5);
    }

    @Test
    void refusesBadTrialInput() throws Exception {
        StudyRecord s = study("s");
        repo.createTrial(s.id(), config(0.5, 4), 1, Map.of());
        long missing = s.id() + 999;
        Instant now = Instant.now();
        refusedAndUnchanged(() -> repo.createTrial(missing, config(0.5, 4), 1, Map.of()),
                "study " + missing + " does not exist");
        refusedAndUnchanged(() -> repo.createTrial(s.id(), null, 1, Map.of()), "trial configuration is missing");
        refusedAndUnchanged(() -> repo.createTrial(s.id(), config(0.5, 4), 0, Map.of()),
                "trial fidelity must be in (0, 1], got 0.0");
        refusedAndUnchanged(() -> repo.createTrial(s.id(), config(0.5, 4), Double.NaN, Map.of()), "fidelity");
        var nullValue = new HashMap<String, String>();
        nullValue.put("designer", null);
        refusedAndUnchanged(() -> repo.createTrial(s.id(), config(0.5, 4), 1, nullValue),
                "trial metadata 'designer' has no value");
        refusedAndUnchanged(() -> repo.markTrialRunning(s.id(), 2, now), "study " + s.id() + " has no trial 2");
        refusedAndUnchanged(() -> repo.markTrialRunning(missing, 1, now), "study " + missing + " does not exist");
        refusedAndUnchanged(() -> repo.markTrialRunning(s.id(), 1, null), "start time is missing");
        refusedAndUnchanged(() -> repo.completeTrial(s.id(), 2, TrialResult.succeeded(1, Metrics.empty()), now),
                "study " + s.id() + " has no trial 2");
        refusedAndUnchanged(() -> repo.completeTrial(s.id(), 1, null, now), "trial result is missing");
        refusedAndUnchanged(() -> repo.completeTrial(s.id(), 1, TrialResult.succeeded(1, Metrics.empty()), null),
                "finish time is missing");
        refusedAndUnchanged(() -> repo.trials(missing), "study " + missing + " does not exist");
        refusedAndUnchanged(() -> repo.trialCounts(missing), "study " + missing + " does not exist");
        // a NaN objective never gets as far as the repository
        assertThatThrownBy(() -> TrialResult.succeeded(Double.NaN, Metrics.empty()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("finite objective");
        assertThatThrownBy(() -> TrialResult.ended(TrialState.RUNNING, "x"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("terminal state");
    }

    // ---- intermediates ---------------------------------------------------------------------------

    @Test
    void recordsIntermediatesOncePerStep() throws Exception {
        StudyRecord s = study("s");
        repo.createTrial(s.id(), config(0.5, 4), 1, Map.of());
        repo.createTrial(s.id(), config(0.6, 4), 1, Map.of());
        repo.addIntermediate(s.id(), 2, 0, Metrics.of("throughput", 10));
        repo.addIntermediate(s.id(), 1, 1, Metrics.of("throughput", 20));
        repo.addIntermediate(s.id(), 1, 0, Metrics.of("throughput", 15));
        repo.addIntermediate(s.id(), 1, 1, Metrics.of("throughput", 99)); // a retry: ignored
        concurrently(THREADS, i -> {
            repo.addIntermediate(s.id(), 2, 5, Metrics.of("throughput", i));
            return null;
        });
        List<IntermediateMetrics> all = repo.intermediates(s.id());
        assertThat(all).extracting(m -> m.trialNumber() + "/" + m.step())
                .containsExactly("1/0", "1/1", "2/0", "2/5");
        assertThat(all.get(1).metrics()).isEqualTo(Metrics.of("throughput", 20));
        refusedAndUnchanged(() -> repo.addIntermediate(s.id(), 3, 0, Metrics.empty()),
                "study " + s.id() + " has no trial 3");
        refusedAndUnchanged(() -> repo.addIntermediate(s.id(), 1, -1, Metrics.empty()), "step must be >= 0, got -1");
        refusedAndUnchanged(() -> repo.addIntermediate(s.id(), 1, 2, null), "intermediate metrics is missing");
        refusedAndUnchanged(() -> repo.intermediates(s.id() + 5), "study " + (s.id() + 5) + " does not exist");
    }

    // ---- designer snapshots ----------------------------------------------------------------------

    @Test
    void versionsDesignerSnapshotsPerStudy() throws Exception {
        StudyRecord s = study("s");
        StudyRecord other = study("other");
        assertThat(repo.latestSnapshot(s.id())).isEmpty();
        DesignerSnapshot v1 = repo.saveSnapshot(s.id(), "tpe", new byte[] {1, 2, 3}, 3);
        DesignerSnapshot v2 = repo.saveSnapshot(s.id(), "tpe", new byte[] {4, 5}, 5);
        repo.saveSnapshot(other.id(), "gp", new byte[] {9}, 1);
        assertThat(v1.version()).isEqualTo(1);
        assertThat(v2.version()).isEqualTo(2);
        DesignerSnapshot latest = repo.latestSnapshot(s.id()).orElseThrow();
        assertThat(latest.version()).isEqualTo(2);
        assertThat(latest.designer()).isEqualTo("tpe");
        assertThat(latest.state()).containsExactly(4, 5);
        assertThat(latest.trialsSeen()).isEqualTo(5);
        assertThat(latest.createdAt()).isEqualTo(v2.createdAt());

        List<Long> versions = concurrently(THREADS, i -> repo.saveSnapshot(other.id(), "gp", new byte[] {(byte) i}, i)
                .version());
        assertThat(versions).containsExactlyInAnyOrderElementsOf(LongStream.rangeClosed(2, THREADS + 1).boxed().toList());

        byte[] big = new byte[2 * 1024 * 1024];
        new java.util.Random(7).nextBytes(big);
        repo.saveSnapshot(s.id(), "tpe", big, 100);
        assertThat(repo.latestSnapshot(s.id()).orElseThrow().state()).isEqualTo(big);

        refusedAndUnchanged(() -> repo.saveSnapshot(s.id() + 99, "tpe", new byte[0], 0),
                "study " + (s.id() + 99) + " does not exist");
        refusedAndUnchanged(() -> repo.saveSnapshot(s.id(), " ", new byte[0], 0), "designer name is empty");
        refusedAndUnchanged(() -> repo.saveSnapshot(s.id(), "tpe", null, 0), "designer state is missing");
        refusedAndUnchanged(() -> repo.saveSnapshot(s.id(), "tpe", new byte[0], -1), "trials seen must be >= 0");
    }

    // ---- model versions --------------------------------------------------------------------------

    @Test
    void versionsModelsAndBumpsTheChangeCounter() {
        StudyRecord s = study("s");
        StudyRecord t = study("t");
        long c0 = repo.changeCounter();
        ModelVersion gp1 = repo.saveModel("kv", Map.of("read_ratio", 0.9), s.id(), "gp", new byte[] {1},
                Map.of("loo_rmse", 0.25, "trials", 12.0));
        ModelVersion gp2 = repo.saveModel("kv", Map.of("read_ratio", 0.9), s.id(), "gp", new byte[] {2}, null);
        ModelVersion rf1 = repo.saveModel("kv", null, s.id(), "random-forest", new byte[] {3}, Map.of());
        ModelVersion other = repo.saveModel("kv", Map.of("read_ratio", 0.1), t.id(), "gp", new byte[] {4}, Map.of());
        assertThat(List.of(gp1.version(), gp2.version(), rf1.version(), other.version()))
                .containsExactly(1L, 2L, 1L, 1L);
        assertThat(repo.changeCounter()).isEqualTo(c0 + 4);
        assertThat(gp1.quality()).isEqualTo(Map.of("loo_rmse", 0.25, "trials", 12.0));
        assertThat(gp1.workloadSignature()).isEqualTo(Map.of("read_ratio", 0.9));

        ModelVersion latest = repo.latestModel(s.id(), "gp").orElseThrow();
        assertThat(latest.id()).isEqualTo(gp2.id());
        assertThat(latest.payload()).containsExactly(2);
        assertThat(repo.latestModel(s.id(), "parzen")).isEmpty();
        assertThat(repo.models("kv")).extracting(ModelVersion::id)
                .containsExactly(other.id(), rf1.id(), gp2.id(), gp1.id());
        assertThat(repo.models("db")).isEmpty();
    }

    @Test
    void refusesBadModelInput() throws Exception {
        StudyRecord s = study("s");
        long c0 = repo.changeCounter();
        // refused after the counter was bumped in the same transaction: the rollback undoes it
        refusedAndUnchanged(() -> repo.saveModel("db", Map.of(), s.id(), "gp", new byte[1], Map.of()),
                "study " + s.id() + " tunes service kind 'kv', not 'db'");
        refusedAndUnchanged(() -> repo.saveModel("kv", Map.of(), s.id() + 9, "gp", new byte[1], Map.of()),
                "study " + (s.id() + 9) + " does not exist");
        refusedAndUnchanged(() -> repo.saveModel("kv", Map.of(), s.id(), "gp", new byte[1],
                Map.of("loo_rmse", Double.POSITIVE_INFINITY)), "model quality 'loo_rmse' must be a finite number");
        refusedAndUnchanged(() -> repo.saveModel("kv", Map.of(), s.id(), "", new byte[1], Map.of()),
                "model type is empty");
        refusedAndUnchanged(() -> repo.saveModel("kv", Map.of(), s.id(), "gp", null, Map.of()),
                "model payload is missing");
        assertThat(repo.changeCounter()).isEqualTo(c0);
    }

    // ---- known-bad -------------------------------------------------------------------------------

    @Test
    void keepsKnownBadEntriesPerServiceKind() throws Exception {
        KnownBadRecord exact = repo.addKnownBad("kv", config(0.9, 16), null, "crashed the target", "trial:1/4");
        KnownBadRecord region = repo.addKnownBad("kv", null, "threads > 12 && ratio > 0.8", "operator says so",
                "operator");
        repo.addKnownBad("db", config(0.1, 1), null, "", "operator");
        assertThat(exact.exact()).isEqualTo(config(0.9, 16));
        assertThat(exact.region()).isNull();
        assertThat(region.exact()).isNull();
        assertThat(region.region()).isEqualTo("threads > 12 && ratio > 0.8");
        assertThat(repo.knownBad("kv")).containsExactly(exact, region);

        // the same entry again (a retry after a crash, another trial crashing on it), even with the
        // parameters in another order: the first entry stands, nothing is duplicated
        long counter = repo.changeCounter();
        Configuration reordered = Configuration.builder().set("direct_io", true).set("mode", "fast")
                .set("threads", 16L).set("ratio", 0.9).build();
        assertThat(repo.addKnownBad("kv", reordered, null, "second reason", "trial:1/9")).isEqualTo(exact);
        List<KnownBadRecord> again = concurrently(THREADS, i -> repo.addKnownBad("kv", null, "threads > 12 && ratio > 0.8",
                "again", "operator"));
        assertThat(again).containsOnly(region);
        assertThat(repo.knownBad("kv")).hasSize(2);
        assertThat(repo.changeCounter()).as("no change, no bump").isEqualTo(counter);
        // the same configuration is a different entry for another kind
        assertThat(repo.addKnownBad("db", config(0.9, 16), null, "", "operator").id()).isNotEqualTo(exact.id());
        assertThat(repo.changeCounter()).isEqualTo(counter + 1);

        assertThat(repo.removeKnownBad(exact.id())).isTrue();
        assertThat(repo.removeKnownBad(exact.id())).isFalse();
        assertThat(repo.knownBad("kv")).containsExactly(region);
        assertThat(repo.changeCounter()).isEqualTo(counter + 2);

        refusedAndUnchanged(() -> repo.addKnownBad("kv", null, null, "r", "operator"), "got neither");
        refusedAndUnchanged(() -> repo.addKnownBad("kv", config(1, 1), "threads > 1", "r", "operator"), "not both");
        refusedAndUnchanged(() -> repo.addKnownBad("kv", null, "  ", "r", "operator"), "region for 'kv' is empty");
        refusedAndUnchanged(() -> repo.addKnownBad("kv", config(1, 1), null, "r", ""), "known-bad source is empty");
        refusedAndUnchanged(() -> repo.addKnownBad(null, config(1, 1), null, "r", "operator"), "service kind is empty");
    }

    // ---- best configurations ---------------------------------------------------------------------

    @Test
    void keepsTheBestPerScopeUnderEitherDirection() {
        StudyRecord s = study("s");
        for (int i = 0; i < 4; i++) {
            repo.createTrial(s.id(), config(0.1 * i, i + 1), 1, Map.of());
        }
        long c0 = repo.changeCounter();
        String scope = "study:" + s.id();
        BestConfiguration b = repo.offerBest(scope, s.id(), 1, config(0, 1), 10, Metrics.of("throughput", 10),
                Map.of("read_ratio", 0.9), true);
        assertThat(b.trialNumber()).isEqualTo(1);
        assertThat(repo.changeCounter()).isEqualTo(c0 + 1);

        b = repo.offerBest(scope, s.id(), 2, config(0.1, 2), 5, Metrics.of("throughput", 5), Map.of(), true);
        assertThat(b.trialNumber()).as("worse is not stored").isEqualTo(1);
        b = repo.offerBest(scope, s.id(), 3, config(0.2, 3), 10, Metrics.of("throughput", 10), Map.of(), true);
        assertThat(b.trialNumber()).as("a tie keeps the first").isEqualTo(1);
        assertThat(repo.changeCounter()).isEqualTo(c0 + 1);

        b = repo.offerBest(scope, s.id(), 4, config(0.3, 4), 12.5, Metrics.of("throughput", 12.5),
                Map.of("read_ratio", 0.8), true);
        assertThat(b.trialNumber()).isEqualTo(4);
        assertThat(b.objective()).isEqualTo(12.5);
        assertThat(b.configuration()).isEqualTo(config(0.3, 4));
        assertThat(b.metrics()).isEqualTo(Metrics.of("throughput", 12.5));
        assertThat(b.workloadSignature()).isEqualTo(Map.of("read_ratio", 0.8));
        assertThat(repo.changeCounter()).isEqualTo(c0 + 2);
        assertThat(repo.best(scope)).contains(b);

        // minimising: lower is better
        repo.offerBest("kind:kv", s.id(), 1, config(0, 1), 7, null, null, false);
        assertThat(repo.offerBest("kind:kv", s.id(), 2, config(0.1, 2), 9, null, null, false).trialNumber())
                .isEqualTo(1);
        assertThat(repo.offerBest("kind:kv", s.id(), 3, config(0.2, 3), 3, null, null, false).trialNumber())
                .isEqualTo(3);
        repo.offerBest("kind:kv_other", s.id(), 1, config(0, 1), 1, null, null, false);

        assertThat(repo.bests("kind:")).extracting(BestConfiguration::scope).containsExactly("kind:kv", "kind:kv_other");
        // LIKE wildcards in a prefix are literal
        assertThat(repo.bests("kind:kv_")).extracting(BestConfiguration::scope).containsExactly("kind:kv_other");
        assertThat(repo.bests("")).hasSize(3);
        assertThat(repo.best("kind:none")).isEmpty();
    }

    @Test
    void concurrentOffersKeepTheBest() throws Exception {
        StudyRecord s = study("s");
        for (int i = 0; i < THREADS; i++) {
            repo.createTrial(s.id(), config(0.1, i + 1), 1, Map.of());
        }
        long c0 = repo.changeCounter();
        List<BestConfiguration> seen = concurrently(THREADS, i -> repo.offerBest("kind:kv", s.id(), i + 1,
                config(0.1, i + 1), i, Metrics.empty(), Map.of(), true));
        for (int i = 0; i < THREADS; i++) {
            assertThat(seen.get(i).objective()).isGreaterThanOrEqualTo(i);
        }
        BestConfiguration best = repo.best("kind:kv").orElseThrow();
        assertThat(best.objective()).isEqualTo(THREADS - 1);
        assertThat(best.trialNumber()).isEqualTo(THREADS);
        long changes = seen.stream().map(BestConfiguration::trialNumber).distinct().count();
        assertThat(repo.changeCounter() - c0).isBetween(1L, (long) THREADS).isGreaterThanOrEqualTo(changes);
    }

    @Test
    void refusesBadBestInput() throws Exception {
        StudyRecord s = study("s");
        repo.createTrial(s.id(), config(0.5, 4), 1, Map.of());
        repo.offerBest("kind:kv", s.id(), 1, config(0.5, 4), 1, null, null, true);
        refusedAndUnchanged(() -> repo.offerBest("kind:kv", s.id(), 2, config(0.5, 4), 100, null, null, true),
                "study " + s.id() + " has no trial 2");
        refusedAndUnchanged(() -> repo.offerBest("kind:kv", s.id() + 9, 1, config(0.5, 4), 100, null, null, true),
                "study " + (s.id() + 9) + " does not exist");
        refusedAndUnchanged(() -> repo.offerBest("kind:kv", s.id(), 1, config(0.5, 4), Double.NaN, null, null, true),
                "objective offered for kind:kv must be a finite number, got NaN");
        refusedAndUnchanged(() -> repo.offerBest(" ", s.id(), 1, config(0.5, 4), 1, null, null, true), "scope is empty");
        refusedAndUnchanged(() -> repo.offerBest("kind:kv", s.id(), 1, null, 1, null, null, true),
                "configuration is missing");
        refusedAndUnchanged(() -> repo.offerBest("kind:kv", s.id(), 1, config(0.5, 4), 100, null,
                Map.of("cpu", Double.NaN), true), "workload signature 'cpu'");
    }

    @Test
    void refusesBadTargetInput() throws Exception {
        refusedAndUnchanged(() -> repo.registerTarget("host:1", false, null), "target description is missing");
        refusedAndUnchanged(() -> repo.registerTarget(" ", false, description("sys", "kv")), "target address is empty");
        refusedAndUnchanged(() -> repo.registerTarget("host :1", false, description("sys", "kv")),
                "target address 'host :1' contains whitespace");
        refusedAndUnchanged(() -> repo.registerTarget("host:1", false, description("s".repeat(300), "kv")),
                "system id is 300 characters long");
    }

    // ---- persistence -----------------------------------------------------------------------------

    @Test
    void everythingSurvivesAReopenAndNumberingContinues() {
        repo.registerTarget("h:1", false, description("sys-1", "kv"));
        StudyRecord s = study("s");
        repo.createTrial(s.id(), config(0.5, 4), 1, Map.of());
        repo.completeTrial(s.id(), 1, TrialResult.succeeded(3, Metrics.of("throughput", 3)), Instant.now());
        repo.createTrial(s.id(), config(0.6, 4), 1, Map.of());
        repo.saveSnapshot(s.id(), "tpe", new byte[] {1}, 1);
        repo.saveModel("kv", Map.of(), s.id(), "gp", new byte[] {2}, Map.of());
        repo.addKnownBad("kv", null, "threads > 100", "", "operator");
        repo.offerBest("kind:kv", s.id(), 1, config(0.5, 4), 3, null, null, true);
        long counter = repo.changeCounter();
        List<TrialRecord> trials = repo.trials(s.id());

        reopen();
        assertThat(repo.target("sys-1")).isPresent();
        assertThat(repo.trials(s.id())).isEqualTo(trials);
        assertThat(repo.createTrial(s.id(), config(0.7, 4), 1, Map.of()).number()).isEqualTo(3);
        assertThat(repo.completeTrial(s.id(), 1, TrialResult.succeeded(4, Metrics.empty()), Instant.now())).isFalse();
        assertThat(repo.latestSnapshot(s.id()).orElseThrow().state()).containsExactly(1);
        assertThat(repo.latestModel(s.id(), "gp")).isPresent();
        assertThat(repo.knownBad("kv")).hasSize(1);
        assertThat(repo.best("kind:kv").orElseThrow().objective()).isEqualTo(3);
        assertThat(repo.changeCounter()).isEqualTo(counter);
        assertThat(repo.trialCounts(s.id()).values().stream().collect(Collectors.summingLong(Long::longValue)))
                .isEqualTo(3);
    }
}
