package io.autosys.targets.rocksdb;

import static io.autosys.targets.rocksdb.RocksDbTargetTest.assertEmpty;
import static io.autosys.targets.rocksdb.RocksDbTargetTest.list;
import static org.assertj.core.api.Assertions.assertThat;

import io.autosys.sdk.api.Configuration;
import io.autosys.sdk.api.ContextValue;
import io.autosys.sdk.api.FailureKind;
import io.autosys.sdk.api.TrialBudget;
import io.autosys.sdk.api.TrialOutcome;
import io.autosys.sdk.api.TrialProgress;
import io.autosys.sdk.api.TrialRequest;
import io.autosys.sdk.client.ControlInterfaceClient;
import io.autosys.sdk.server.ControlInterfaceServer;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The RocksDB target over real loopback gRPC, through the SDK's server and client. */
class RocksDbOverGrpcTest {
    @TempDir
    Path tmp;
    Path trials;
    RocksDbTarget target;
    ControlInterfaceServer server;
    ControlInterfaceClient client;

    @BeforeEach
    void serve() throws Exception {
        trials = tmp.resolve("trials");
        target = new RocksDbTarget(RocksDbTarget.Settings.of(tmp.resolve("live")).withTrialRoot(trials)
                .withWorkload(RocksDbTargetTest.SMALL).withObserveWindow(Duration.ofMillis(100)));
        server = ControlInterfaceServer.builder(target).port(0).start();
        client = ControlInterfaceClient.connect(InetAddress.getLoopbackAddress().getHostAddress(), server.port());
    }

    @AfterEach
    void stop() {
        client.close();
        server.stop();
        target.close();
    }

    @Test
    void describeApplyAndObserve() {
        var d = client.describe();
        assertThat(d).isEqualTo(target.describe());
        assertThat(d.serviceKind()).isEqualTo("rocksdb");
        assertThat(d.space().get("write_buffer_size").defaultValue().asDouble()).isEqualTo(64 << 20);

        var r = client.apply(Configuration.builder().set("write_buffer_size", 16L << 20)
                .set("bloom_bits_per_key", 10L).build(), "test");
        assertThat(r.changed()).containsExactlyInAnyOrder("write_buffer_size", "bloom_bits_per_key");
        assertThat(r.pendingRestart()).containsExactly("bloom_bits_per_key");
        assertThat(r.applied().getLong("max_write_buffer_number")).isEqualTo(2);
        assertThat(target.currentConfiguration()).isEqualTo(r.applied());

        var o = client.observe();
        assertThat(o.configuration()).isEqualTo(r.applied());
        assertThat(o.metrics().get("throughput")).isPositive();
        assertThat(o.context().features()).containsEntry("key_count", ContextValue.of(20_000));
    }

    @Test
    void aTrialStreamsProgressThenOneOutcomeAndLeavesNoFiles() throws Exception {
        List<TrialProgress> progress = new CopyOnWriteArrayList<>();
        TrialOutcome o = client.runTrial(new TrialRequest("t1", Configuration.builder()
                .set("compression_type", "lz4").build(), TrialBudget.ofDuration(1200), 5), Duration.ofSeconds(60),
                progress::add);
        int seen = progress.size();
        assertThat(o).isInstanceOfSatisfying(TrialOutcome.Succeeded.class, s -> {
            assertThat(s.metrics().get("throughput")).isPositive();
            assertThat(s.metrics().get("p999_us")).isGreaterThanOrEqualTo(s.metrics().get("p50_us"));
        });
        assertThat(seen).isGreaterThanOrEqualTo(2);
        assertThat(progress).extracting(TrialProgress::step).startsWith(1L, 2L);
        assertThat(progress.get(0).metrics().get("throughput")).isPositive();
        Thread.sleep(100);
        assertThat(progress).hasSize(seen);
        assertEmpty(trials);
    }

    @Test
    void aDeadlineThatExpiresMidTrialCancelsItOnTheTargetAndRemovesItsDatabase() throws Exception {
        var progress = new CopyOnWriteArrayList<TrialProgress>();
        var call = client.startTrial(new TrialRequest("slow", Configuration.empty(), TrialBudget.ofDuration(60_000),
                1), Duration.ofMillis(1500), progress::add);
        // While it runs, its database is there.
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (list(trials).isEmpty() && System.nanoTime() < until) {
            Thread.sleep(5);
        }
        assertThat(list(trials)).hasSize(1);
        TrialOutcome o = call.outcome().get(30, TimeUnit.SECONDS);
        assertThat(o).isInstanceOfSatisfying(TrialOutcome.Failed.class,
                f -> assertThat(f.kind()).isEqualTo(FailureKind.TIMED_OUT));
        assertThat(progress).as("the mix had started").isNotEmpty();
        // The target notices the deadline within a few operations and deletes the database.
        until = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while ((server.runningTrials() > 0 || !list(trials).isEmpty()) && System.nanoTime() < until) {
            Thread.sleep(10);
        }
        assertThat(server.runningTrials()).isZero();
        assertEmpty(trials);
    }

    @Test
    void aClientCancellationAlsoRemovesTheDatabase() throws Exception {
        var call = client.startTrial(new TrialRequest("c", Configuration.empty(), TrialBudget.ofDuration(60_000), 1),
                Duration.ofSeconds(60), p -> { });
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (list(trials).isEmpty() && System.nanoTime() < until) {
            Thread.sleep(5);
        }
        call.cancel("test");
        assertThat(call.outcome().get(10, TimeUnit.SECONDS)).isInstanceOfSatisfying(TrialOutcome.Failed.class,
                f -> assertThat(f.kind()).isEqualTo(FailureKind.CANCELLED));
        until = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (!list(trials).isEmpty() && System.nanoTime() < until) {
            Thread.sleep(10);
        }
        assertEmpty(trials);
    }
}
