package io.autosys.targets.synthetic;

import io.autosys.sdk.local.LocalTrialContext;
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
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The synthetic target over real loopback gRPC, through the SDK's server and client. */
class SyntheticOverGrpcTest {
    private SyntheticTarget target;
    private ControlInterfaceServer server;
    private ControlInterfaceClient client;

    private void serve(SyntheticTarget.Settings settings) {
        target = new SyntheticTarget(settings);
        server = ControlInterfaceServer.builder(target).port(0).start();
        client = ControlInterfaceClient.connect(InetAddress.getLoopbackAddress().getHostAddress(), server.port());
    }

    @AfterEach
    void stop() {
        if (client != null) {
            client.close();
        }
        if (server != null) {
            server.stop();
        }
    }

    @Test
    void describeApplyAndObserve() {
        serve(SyntheticTarget.Settings.of(new Mixed5()));
        var d = client.describe();
        assertThat(d).isEqualTo(target.describe());
        assertThat(d.serviceKind()).isEqualTo("synthetic.mixed5");

        var r = client.apply(Configuration.builder().set("c", "B").set("k", 7L).build(), "test");
        assertThat(r.changed()).containsExactlyInAnyOrder("c", "k");
        assertThat(r.pendingRestart()).isEmpty();
        assertThat(r.applied().getString("c")).isEqualTo("B");
        assertThat(r.applied().getDouble("x0")).isEqualTo(0.5);
        assertThat(target.currentConfiguration()).isEqualTo(r.applied());

        var o = client.observe();
        assertThat(o.configuration()).isEqualTo(r.applied());
        assertThat(o.metrics().get("value")).isEqualTo(new Mixed5().evaluate(r.applied()));
        target.drift();
        assertThat(client.observe().context().features()).containsEntry("drift_phase", ContextValue.of(1));
    }

    @Test
    void aTrialStreamsProgressThenOneOutcome() throws Exception {
        var settings = SyntheticTarget.Settings.of(new Branin()).withNoiseSd(0.5).withSeed(3)
                .withTrialDuration(Duration.ofMillis(500)).withProgressInterval(Duration.ofMillis(100));
        serve(settings);
        List<TrialProgress> progress = new CopyOnWriteArrayList<>();
        var x = Configuration.builder().set("x1", Math.PI).build();
        TrialOutcome o = client.runTrial(new TrialRequest("t1", x, null, 17), Duration.ofSeconds(10),
                progress::add);
        int seen = progress.size();
        // The same request to an identical target, in process and instantly: the same noisy value.
        double expected = new SyntheticTarget(settings.withTrialDuration(Duration.ZERO)).runTrial(
                new TrialRequest("t1", new Branin().space().complete(x), null, 17), new LocalTrialContext()).get("value");
        assertThat(o).isInstanceOfSatisfying(TrialOutcome.Succeeded.class, s -> {
            assertThat(s.metrics().get("value")).isEqualTo(expected);
            assertThat(s.elapsedMs()).isGreaterThanOrEqualTo(490);
        });
        assertThat(seen).isBetween(3, 6);
        assertThat(progress).extracting(TrialProgress::step).startsWith(1L, 2L, 3L);
        Thread.sleep(150);
        assertThat(progress).as("nothing after the outcome").hasSize(seen);
    }

    @Test
    void aDeadlineThatExpiresMidTrialStopsTheTrialOnTheTarget() throws Exception {
        serve(SyntheticTarget.Settings.of(new Branin()).withTrialDuration(Duration.ofSeconds(30)));
        long t0 = System.nanoTime();
        TrialOutcome o = client.runTrial(new TrialRequest("slow", Configuration.empty(), null, 1),
                Duration.ofMillis(400), p -> { });
        assertThat(o).isInstanceOfSatisfying(TrialOutcome.Failed.class,
                f -> assertThat(f.kind()).isEqualTo(FailureKind.TIMED_OUT));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
        while (server.runningTrials() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(server.runningTrials()).as("the target's trial unwound").isZero();
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0)).isLessThan(2_000);
    }

    @Test
    void aBudgetDurationAndAnInvalidConfigurationGoThrough() {
        serve(SyntheticTarget.Settings.of(new Branin()));
        var progress = new CopyOnWriteArrayList<TrialProgress>();
        var o = client.runTrial(new TrialRequest("b", Configuration.empty(), TrialBudget.ofDuration(300), 1),
                Duration.ofSeconds(10), progress::add);
        assertThat(o).isInstanceOf(TrialOutcome.Succeeded.class);
        assertThat(progress).hasSizeGreaterThanOrEqualTo(2);

        var bad = client.runTrial(new TrialRequest("bad", Configuration.builder().set("x1", 99.0).build(), null, 1),
                Duration.ofSeconds(10), p -> { });
        assertThat(bad).isInstanceOfSatisfying(TrialOutcome.Failed.class, f -> {
            assertThat(f.kind()).isEqualTo(FailureKind.REJECTED);
            assertThat(f.reason()).contains("x1");
        });
    }
}
