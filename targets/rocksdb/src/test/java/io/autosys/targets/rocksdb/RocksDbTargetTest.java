package io.autosys.targets.rocksdb;

import io.autosys.sdk.local.LocalTrialContext;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.autosys.sdk.api.Configuration;
import io.autosys.sdk.api.ContextValue;
import io.autosys.sdk.api.Metrics;
import io.autosys.sdk.api.TrialBudget;
import io.autosys.sdk.api.TrialContext;
import io.autosys.sdk.api.TrialProgress;
import io.autosys.sdk.api.TrialRequest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rocksdb.CompressionType;

class RocksDbTargetTest {
    static final Workload SMALL = new Workload(20_000, 128, 0.5);

    @TempDir
    Path tmp;
    Path trials;
    RocksDbTarget target;

    @BeforeEach
    void open() throws IOException {
        trials = tmp.resolve("trials");
        target = new RocksDbTarget(RocksDbTarget.Settings.of(tmp.resolve("live")).withTrialRoot(trials)
                .withWorkload(SMALL).withTrialDuration(Duration.ofMillis(600)).withObserveWindow(Duration.ofMillis(100)));
    }

    @AfterEach
    void close() {
        target.close();
    }

    @Test
    void describesItselfAsRocksDb() {
        var d = target.describe();
        assertThat(d.serviceKind()).isEqualTo("rocksdb");
        assertThat(d.metric("throughput").orElseThrow().goal()).isEqualTo(io.autosys.sdk.api.Goal.MAXIMIZE);
        for (String m : new String[] {"p50_us", "p99_us", "p999_us"}) {
            assertThat(d.metric(m).orElseThrow().goal()).isEqualTo(io.autosys.sdk.api.Goal.MINIMIZE);
        }
        assertThat(d.contextFeatures()).extracting(f -> f.name())
                .containsExactly("read_fraction", "value_size", "key_count");
        assertThat(d.maxConcurrentTrials()).isEqualTo(1);
        assertThat(target.currentConfiguration()).isEqualTo(RocksDbKnobs.space().defaults());
    }

    @Test
    void aTrialReportsProgressThenMetricsAndLeavesNoFiles() throws Exception {
        var ctx = new LocalTrialContext();
        Metrics m = target.runTrial(new TrialRequest("t1", RocksDbKnobs.space().defaults(),
                TrialBudget.ofDuration(1200), 7), ctx);
        assertThat(m.get("throughput")).isPositive();
        assertThat(m.get("p50_us")).isPositive().isLessThanOrEqualTo(m.get("p99_us"));
        assertThat(m.get("p99_us")).isLessThanOrEqualTo(m.get("p999_us"));
        assertThat(m.get("fill_throughput")).isPositive();
        assertThat(ctx.progress()).hasSizeGreaterThanOrEqualTo(2);
        assertThat(ctx.progress()).extracting(TrialProgress::step).startsWith(1L, 2L);
        assertThat(ctx.progress()).allSatisfy(p -> {
            assertThat(p.fractionDone()).isBetween(0.0, 1.0);
            assertThat(p.metrics().get("throughput")).isPositive();
        });
        assertThat(ctx.progress().get(0).fractionDone()).isBetween(0.3, 0.6);
        assertEmpty(trials);
    }

    @Test
    void anOperationBudgetEndsTheMixAfterThatManyOperations() throws Exception {
        long t0 = System.nanoTime();
        Metrics m = target.runTrial(new TrialRequest("ops", RocksDbKnobs.space().defaults(),
                TrialBudget.ofOperations(2_000), 0), new LocalTrialContext());
        assertThat(m.get("throughput")).isPositive();
        // 2,000 operations take milliseconds; a time-bound mix would have taken the default 600 ms.
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0)).isLessThan(5_000);
        assertEmpty(trials);
    }

    @Test
    void cancellingDuringTheMixStopsPromptlyAndDeletesTheDatabase() throws Exception {
        var ctx = new LocalTrialContext();
        var run = CompletableFuture.supplyAsync(() -> trial(ctx, TrialBudget.ofDuration(60_000)));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (ctx.progress().isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(ctx.progress()).isNotEmpty();
        assertThat(list(trials)).hasSize(1);
        long t0 = System.nanoTime();
        ctx.cancel();
        assertThatThrownBy(() -> run.get(10, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                .hasCauseInstanceOf(TrialContext.TrialCancelledException.class);
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0)).isLessThan(3_000);
        assertEmpty(trials);
    }

    @Test
    void cancellingDuringTheFillDeletesTheDatabaseToo() throws Exception {
        // A key space whose fill takes seconds (run directly, so the live database is not loaded with it).
        var big = new Workload(3_000_000, 64, 0.5);
        var ctx = new LocalTrialContext();
        var run = CompletableFuture.supplyAsync(() -> {
            try {
                return RocksDbTrial.run(RocksDbKnobs.space().defaults(), big, 1,
                        new RocksDbTrial.MixBudget(0, 60_000_000_000L), trials, ctx);
            } catch (RuntimeException e) {
                throw e;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (list(trials).isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        Thread.sleep(200);
        assertThat(ctx.progress()).as("still filling").isEmpty();
        ctx.cancel();
        assertThatThrownBy(() -> run.get(10, TimeUnit.SECONDS)).hasCauseInstanceOf(
                TrialContext.TrialCancelledException.class);
        assertEmpty(trials);
    }

    @Test
    void applyChangesLiveKnobsAtOnceAndReportsTheOthersAsPendingUntilReopen() throws Exception {
        var space = RocksDbKnobs.space();
        Configuration c1 = space.merge(target.currentConfiguration(), Configuration.builder()
                .set("write_buffer_size", 8L << 20).set("compression_type", "zstd").set("max_background_jobs", 4L)
                .set("level0_file_num_compaction_trigger", 6L).set("max_bytes_for_level_multiplier", 8L).build());
        var r1 = target.apply(c1);
        assertThat(r1.changed()).containsExactlyInAnyOrder("write_buffer_size", "compression_type",
                "max_background_jobs", "level0_file_num_compaction_trigger", "max_bytes_for_level_multiplier");
        assertThat(r1.pendingRestart()).containsExactly("compression_type");
        var cf = target.live().columnFamilyOptions();
        assertThat(cf.writeBufferSize()).isEqualTo(8L << 20);
        assertThat(cf.compressionType()).isEqualTo(CompressionType.SNAPPY_COMPRESSION);
        assertThat(cf.level0FileNumCompactionTrigger()).isEqualTo(6);
        assertThat(cf.maxBytesForLevelMultiplier()).isEqualTo(8.0);
        assertThat(target.live().dbOptions().maxBackgroundJobs()).isEqualTo(4);

        Configuration c2 = space.merge(c1, Configuration.builder().set("block_size", 16384L)
                .set("bloom_bits_per_key", 10L).set("target_file_size_base", 32L << 20).build());
        var r2 = target.apply(c2);
        assertThat(r2.changed()).containsExactlyInAnyOrder("block_size", "bloom_bits_per_key",
                "target_file_size_base");
        assertThat(r2.pendingRestart()).containsExactlyInAnyOrder("compression_type", "block_size",
                "bloom_bits_per_key");
        assertThat(target.live().columnFamilyOptions().targetFileSizeBase()).isEqualTo(32L << 20);
        assertThat(target.currentConfiguration()).isEqualTo(c2);

        var again = target.apply(c2);
        assertThat(again.changed()).isEmpty();
        assertThat(again.pendingRestart()).containsExactlyInAnyOrder("compression_type", "block_size",
                "bloom_bits_per_key");

        target.reopenLive();
        assertThat(target.pendingRestart()).isEmpty();
        assertThat(target.live().effective()).isEqualTo(c2);
        assertThat(target.live().columnFamilyOptions().writeBufferSize()).isEqualTo(8L << 20);
        assertThat(target.live().columnFamilyOptions().compressionType()).isEqualTo(CompressionType.ZSTD_COMPRESSION);
        assertThat(target.observe().configuration()).isEqualTo(c2);
    }

    @Test
    void observeMeasuresTheLiveDatabaseAndReportsTheWorkloadAsContext() throws Exception {
        var o = target.observe();
        assertThat(o.metrics().get("throughput")).isPositive();
        assertThat(o.metrics().get("p99_us")).isPositive();
        assertThat(o.context().features()).containsEntry("read_fraction", ContextValue.of(0.5))
                .containsEntry("key_count", ContextValue.of(20_000));

        target.setWorkload(SMALL.with(Map.of("read_fraction", "0.9", "key_count", "30000")));
        var o2 = target.observe();
        // Reads that missed a key of the larger key space would have failed the probe.
        assertThat(o2.context().features()).containsEntry("read_fraction", ContextValue.of(0.9))
                .containsEntry("key_count", ContextValue.of(30_000));
        assertThat(target.workload().readFraction()).isEqualTo(0.9);
    }

    @Test
    void theLiveDatabaseSurvivesARestartWithItsKeys() throws Exception {
        target.close();
        target = new RocksDbTarget(RocksDbTarget.Settings.of(tmp.resolve("live")).withTrialRoot(trials)
                .withWorkload(SMALL).withObserveWindow(Duration.ofMillis(50)));
        assertThat(Long.parseLong(target.live().property("rocksdb.estimate-num-keys")))
                .isBetween(15_000L, 25_000L);
        assertThat(target.observe().metrics().get("throughput")).isPositive();
    }

    @Test
    void badSettingsAndWorkloadsAreNamed() {
        assertThatThrownBy(() -> RocksDbTarget.Settings.of(trials.resolve("x")).withTrialRoot(trials))
                .hasMessageContaining("trial root");
        assertThatThrownBy(() -> new Workload(10, 100, 0.5)).hasMessageContaining("key_count");
        assertThatThrownBy(() -> SMALL.with(Map.of("read_fraction", "1.5"))).hasMessageContaining("read_fraction");
        assertThatThrownBy(() -> SMALL.with(Map.of("value_size", "big"))).hasMessageContaining("value_size");
        assertThatThrownBy(() -> SMALL.with(Map.of("color", "1"))).hasMessageContaining("'color'");
    }

    private Metrics trial(LocalTrialContext ctx, TrialBudget budget) {
        try {
            return target.runTrial(new TrialRequest("t", RocksDbKnobs.space().defaults(), budget, 3), ctx);
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static Stream<Path> listStream(Path dir) throws IOException {
        return Files.exists(dir) ? Files.list(dir) : Stream.empty();
    }

    static java.util.List<Path> list(Path dir) throws IOException {
        try (var s = listStream(dir)) {
            return s.toList();
        }
    }

    static void assertEmpty(Path dir) throws IOException {
        assertThat(list(dir)).as("contents of " + dir).isEmpty();
    }
}
