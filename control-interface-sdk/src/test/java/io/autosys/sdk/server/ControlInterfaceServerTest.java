package io.autosys.sdk.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.autosys.proto.v1.ControlInterfaceGrpc;
import io.autosys.proto.v1.RunTrialRequest;
import io.autosys.proto.v1.TrialEvent;
import io.autosys.sdk.api.ApplyResult;
import io.autosys.sdk.api.Configuration;
import io.autosys.sdk.api.ControlInterfaceException;
import io.autosys.sdk.api.FailureKind;
import io.autosys.sdk.api.TrialBudget;
import io.autosys.sdk.api.TrialCall;
import io.autosys.sdk.api.TrialOutcome;
import io.autosys.sdk.api.TrialProgress;
import io.autosys.sdk.api.TrialRequest;
import io.autosys.sdk.api.Value;
import io.autosys.sdk.api.Violation;
import io.autosys.sdk.client.ControlInterfaceClient;
import io.autosys.sdk.proto.Protos;
import io.autosys.sdk.testing.FakeSystem;
import io.autosys.sdk.testing.TestCertificates;
import io.grpc.ManagedChannel;
import io.grpc.StatusRuntimeException;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The SDK end to end over real loopback gRPC. */
class ControlInterfaceServerTest {
    private final List<AutoCloseable> toClose = new ArrayList<>();

    @AfterEach
    void closeAll() throws Exception {
        for (int i = toClose.size() - 1; i >= 0; i--) {
            toClose.get(i).close();
        }
    }

    private ControlInterfaceServer serve(FakeSystem system) {
        var server = ControlInterfaceServer.builder(system).gracePeriod(Duration.ofMillis(200)).start();
        toClose.add(server);
        return server;
    }

    private ControlInterfaceClient client(ControlInterfaceServer server) {
        var client = ControlInterfaceClient.builder("127.0.0.1", server.port()).callTimeout(Duration.ofSeconds(5))
                .build();
        toClose.add(client);
        return client;
    }

    @Test
    void describeApplyObserveAndATrialWithProgress() {
        var system = new FakeSystem().trialShape(4, 5);
        var server = serve(system);
        var client = client(server);

        assertThat(server.port()).isPositive();
        assertThat(client.describe()).isEqualTo(system.describe());

        ApplyResult r = client.apply(Configuration.builder().set("threads", 8L).set("cache", false).build(), "test");
        assertThat(r.changed()).containsExactlyInAnyOrder("threads", "cache");
        assertThat(r.pendingRestart()).containsExactly("cache");
        assertThat(r.applied().getLong("threads")).isEqualTo(8);
        assertThat(r.applied().getString("mode")).isEqualTo("safe"); // untouched values stay
        assertThat(client.observe().configuration()).isEqualTo(r.applied());
        assertThat(client.observe().context().find("load")).isPresent();
        // Applying again changes nothing.
        assertThat(client.apply(Configuration.builder().set("threads", 8L).build(), "again").changed()).isEmpty();

        var progress = new CopyOnWriteArrayList<TrialProgress>();
        Configuration partial = Configuration.builder().set("ratio", 0.7).set("threads", 8L).build();
        TrialOutcome o = client.runTrial(new TrialRequest("t1", partial, TrialBudget.DEFAULT, 7), Duration.ofSeconds(5),
                progress::add);
        assertThat(o).isInstanceOf(TrialOutcome.Succeeded.class);
        assertThat(((TrialOutcome.Succeeded) o).metrics().get("score")).isEqualTo(1.0);
        assertThat(progress).extracting(TrialProgress::step).containsExactly(1L, 2L, 3L, 4L);
        // The target received a complete configuration: absent parameters took their defaults.
        assertThat(system.trials.get(0).configuration()).isEqualTo(FakeSystem.SPACE.complete(partial));
        assertThat(system.trials.get(0).seed()).isEqualTo(7);
    }

    @Test
    void exactlyOneFinalEventFollowsTheProgressEvents() {
        var system = new FakeSystem().trialShape(3, 1);
        var server = serve(system);
        ManagedChannel ch = NettyChannelBuilder.forAddress("127.0.0.1", server.port()).usePlaintext().build();
        try {
            Iterator<TrialEvent> it = ControlInterfaceGrpc.newBlockingStub(ch).withDeadlineAfter(5, TimeUnit.SECONDS)
                    .runTrial(RunTrialRequest.newBuilder().setConfiguration(Protos.toProto(Configuration.empty()))
                            .build());
            var kinds = new ArrayList<String>();
            it.forEachRemaining(e -> kinds.add(e.getEventCase().name()));
            assertThat(kinds).containsExactly("PROGRESS", "PROGRESS", "PROGRESS", "OUTCOME");
        } finally {
            ch.shutdownNow();
        }
    }

    @Test
    void everyKindOfBadRequestIsInvalidArgumentNamingTheParameterAndLeavesTheSystemUntouched() {
        var system = new FakeSystem();
        var client = client(serve(system));
        Configuration before = client.observe().configuration();
        record Case(Configuration changes, String parameter, String rule) {
        }
        var cases = List.of(
                new Case(Configuration.builder().set("ghost", 1L).build(), "ghost", "unknown-parameter"),
                new Case(Configuration.builder().set("threads", 2.5).build(), "threads", "type"),
                new Case(Configuration.builder().set("threads", 99L).build(), "threads", "bounds"),
                new Case(Configuration.builder().set("buffer_kb", 100L).build(), "buffer_kb", "step"),
                new Case(Configuration.builder().set("mode", "turbo").build(), "mode", "category"),
                new Case(Configuration.builder().set("custom_level", 2.0).build(), "custom_level", "inactive"));
        for (Case c : cases) {
            var e = catchThrowableOfType(ControlInterfaceException.class, () -> client.apply(c.changes(), "bad"));
            assertThat(e.code()).isEqualTo("INVALID_ARGUMENT");
            assertThat(e.violations()).extracting(Violation::subject, Violation::rule)
                    .contains(org.assertj.core.groups.Tuple.tuple(c.parameter(), c.rule()));
            assertThat(e.getMessage()).contains(c.parameter());
            TrialOutcome o = client.runTrial(new TrialRequest("bad", c.changes(), TrialBudget.DEFAULT, 0),
                    Duration.ofSeconds(5), null);
            assertThat(o).isInstanceOfSatisfying(TrialOutcome.Failed.class, f -> {
                assertThat(f.kind()).isEqualTo(FailureKind.REJECTED);
                assertThat(f.reason()).contains(c.parameter());
            });
        }
        assertThat(system.applied).isEmpty();
        assertThat(system.trials).isEmpty();
        assertThat(client.observe().configuration()).isEqualTo(before);
    }

    @Test
    void aDeadlineThatExpiresMidTrialCancelsItOnTheTarget() throws Exception {
        var system = new FakeSystem().trialShape(1000, 10);
        var client = client(serve(system));
        TrialOutcome o = client.runTrial(new TrialRequest("slow", Configuration.empty(), TrialBudget.DEFAULT, 0),
                Duration.ofMillis(300), null);
        assertThat(o).isInstanceOfSatisfying(TrialOutcome.Failed.class,
                f -> assertThat(f.kind()).isEqualTo(FailureKind.TIMED_OUT));
        awaitTrue(() -> system.finishedTrials.get() == 1);
        assertThat(system.cancelledTrials.get()).isEqualTo(1);
    }

    @Test
    void clientCancellationReachesTheTrial() throws Exception {
        var system = new FakeSystem().trialShape(1000, 10);
        var client = client(serve(system));
        TrialCall call = client.startTrial(new TrialRequest("c", Configuration.empty(), TrialBudget.DEFAULT, 0),
                Duration.ofSeconds(30), null);
        assertThat(system.trialStarted.await(5, TimeUnit.SECONDS)).isTrue();
        call.cancel("operator stopped the study");
        TrialOutcome o = call.outcome().get(5, TimeUnit.SECONDS);
        assertThat(o).isInstanceOfSatisfying(TrialOutcome.Failed.class, f -> {
            assertThat(f.kind()).isEqualTo(FailureKind.CANCELLED);
            assertThat(f.reason()).isEqualTo("operator stopped the study");
        });
        awaitTrue(() -> system.cancelledTrials.get() == 1);
    }

    @Test
    void aCrashingTrialIsACrashedOutcomeWithTheReason() {
        var system = new FakeSystem().crashWith("segfault in compaction");
        var client = client(serve(system));
        TrialOutcome o = client.runTrial(new TrialRequest("x", Configuration.empty(), TrialBudget.DEFAULT, 0),
                Duration.ofSeconds(5), null);
        assertThat(o).isInstanceOfSatisfying(TrialOutcome.Failed.class, f -> {
            assertThat(f.kind()).isEqualTo(FailureKind.CRASHED);
            assertThat(f.reason()).contains("segfault in compaction");
        });
    }

    @Test
    void theTargetsConcurrencyLimitHolds() throws Exception {
        var system = new FakeSystem(1).trialShape(1000, 10);
        var client = client(serve(system));
        TrialCall first = client.startTrial(new TrialRequest("1", Configuration.empty(), TrialBudget.DEFAULT, 0),
                Duration.ofSeconds(30), null);
        assertThat(system.trialStarted.await(5, TimeUnit.SECONDS)).isTrue();
        TrialOutcome second = client.runTrial(new TrialRequest("2", Configuration.empty(), TrialBudget.DEFAULT, 0),
                Duration.ofSeconds(5), null);
        assertThat(second).isInstanceOfSatisfying(TrialOutcome.Failed.class, f -> {
            assertThat(f.kind()).isEqualTo(FailureKind.UNAVAILABLE);
            assertThat(f.reason()).contains("RESOURCE_EXHAUSTED");
        });
        first.cancel("done");
        first.await();
    }

    @Test
    void idempotentCallsAreRetriedUntilTheTargetComesUpButTrialsAreNot() throws Exception {
        int port;
        try (var s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        var client = ControlInterfaceClient.builder("127.0.0.1", port).callTimeout(Duration.ofSeconds(2))
                .retries(30, Duration.ofMillis(50), Duration.ofMillis(200)).build();
        toClose.add(client);
        TrialOutcome trial = client.runTrial(new TrialRequest("x", Configuration.empty(), TrialBudget.DEFAULT, 0),
                Duration.ofSeconds(2), null);
        assertThat(trial).isInstanceOfSatisfying(TrialOutcome.Failed.class,
                f -> assertThat(f.kind()).isEqualTo(FailureKind.UNAVAILABLE));

        var system = new FakeSystem();
        int fixedPort = port;
        var starter = new Thread(() -> {
            try {
                Thread.sleep(400);
            } catch (InterruptedException e) {
                return;
            }
            toClose.add(ControlInterfaceServer.builder(system).port(fixedPort).start());
        });
        starter.start();
        assertThat(client.describe().systemId()).isEqualTo("fake-1");
        starter.join();

        var noRetry = ControlInterfaceClient.builder("127.0.0.1", freePort()).retries(1, Duration.ZERO, Duration.ZERO)
                .build();
        toClose.add(noRetry);
        var e = catchThrowableOfType(ControlInterfaceException.class, noRetry::describe);
        assertThat(e.code()).isEqualTo("UNAVAILABLE");
    }

    @Test
    void tlsAndMutualTls(@TempDir Path dir) throws Exception {
        var certs = TestCertificates.create(dir);
        var system = new FakeSystem();
        var tls = ControlInterfaceServer.builder(system).tls(certs.serverCert(), certs.serverKey()).start();
        toClose.add(tls);
        var good = ControlInterfaceClient.builder("localhost", tls.port()).tls(certs.caCert()).build();
        toClose.add(good);
        assertThat(good.describe().systemId()).isEqualTo("fake-1");
        var wrongCa = ControlInterfaceClient.builder("localhost", tls.port()).tls(certs.otherCaCert())
                .retries(1, Duration.ZERO, Duration.ZERO).build();
        toClose.add(wrongCa);
        assertThatThrownBy(wrongCa::describe).isInstanceOf(ControlInterfaceException.class);
        var plaintext = ControlInterfaceClient.builder("localhost", tls.port()).retries(1, Duration.ZERO, Duration.ZERO)
                .build();
        toClose.add(plaintext);
        assertThatThrownBy(plaintext::describe).isInstanceOf(ControlInterfaceException.class);

        var mtls = ControlInterfaceServer.builder(system).tls(certs.serverCert(), certs.serverKey())
                .requireClientCertificates(certs.caCert()).start();
        toClose.add(mtls);
        var withCert = ControlInterfaceClient.builder("localhost", mtls.port()).tls(certs.caCert())
                .clientCertificate(certs.clientCert(), certs.clientKey()).build();
        toClose.add(withCert);
        assertThat(withCert.describe().systemId()).isEqualTo("fake-1");
        var withoutCert = ControlInterfaceClient.builder("localhost", mtls.port()).tls(certs.caCert())
                .retries(1, Duration.ZERO, Duration.ZERO).build();
        toClose.add(withoutCert);
        assertThatThrownBy(withoutCert::describe).isInstanceOf(ControlInterfaceException.class);
    }

    @Test
    void oversizedMessagesAreRefusedAndNothingIsApplied() {
        var system = new FakeSystem();
        var server = ControlInterfaceServer.builder(system).maxInboundMessageBytes(2048).start();
        toClose.add(server);
        var client = client(server);
        var b = Configuration.builder();
        for (int i = 0; i < 200; i++) {
            b.set("p" + i, "x".repeat(20));
        }
        var e = catchThrowableOfType(ControlInterfaceException.class, () -> client.apply(b.build(), "big"));
        assertThat(e.code()).isEqualTo("RESOURCE_EXHAUSTED");
        assertThat(system.applied).isEmpty();
    }

    @Test
    void healthIsServingAndTheServerListensOnLoopbackOnly() {
        var server = serve(new FakeSystem());
        ManagedChannel ch = NettyChannelBuilder.forAddress("127.0.0.1", server.port()).usePlaintext().build();
        try {
            var health = HealthGrpc.newBlockingStub(ch).withDeadlineAfter(5, TimeUnit.SECONDS);
            assertThat(health.check(HealthCheckRequest.newBuilder().setService(ControlInterfaceServer.SERVICE_NAME)
                    .build()).getStatus()).isEqualTo(HealthCheckResponse.ServingStatus.SERVING);
            assertThat(health.check(HealthCheckRequest.getDefaultInstance()).getStatus())
                    .isEqualTo(HealthCheckResponse.ServingStatus.SERVING);
            assertThatThrownBy(() -> health.check(HealthCheckRequest.newBuilder().setService("nope").build()))
                    .isInstanceOf(StatusRuntimeException.class).hasMessageContaining("NOT_FOUND");
        } finally {
            ch.shutdownNow();
        }
        String nonLoopback = nonLoopbackAddress();
        if (nonLoopback != null) {
            var c = ControlInterfaceClient.builder(nonLoopback, server.port()).retries(1, Duration.ZERO, Duration.ZERO)
                    .callTimeout(Duration.ofSeconds(2)).build();
            toClose.add(c);
            assertThatThrownBy(c::describe).isInstanceOf(ControlInterfaceException.class);
        }
    }

    @Test
    void aGracefulStopCancelsTrialsThatOutliveTheGracePeriod() throws Exception {
        var system = new FakeSystem().trialShape(100_000, 10);
        var server = ControlInterfaceServer.builder(system).gracePeriod(Duration.ofMillis(100)).start();
        var client = client(server);
        TrialCall call = client.startTrial(new TrialRequest("long", Configuration.empty(), TrialBudget.DEFAULT, 0),
                Duration.ofMinutes(5), null);
        assertThat(system.trialStarted.await(5, TimeUnit.SECONDS)).isTrue();
        long t0 = System.nanoTime();
        server.stop();
        assertThat(TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - t0)).isLessThan(10);
        assertThat(system.cancelledTrials.get()).isEqualTo(1);
        assertThat(server.runningTrials()).isZero();
        assertThat(call.outcome().get(5, TimeUnit.SECONDS)).isInstanceOf(TrialOutcome.Failed.class);
    }

    @Test
    void valueKindsTravelIntact() {
        var system = new FakeSystem();
        var client = client(serve(system));
        Configuration c = Configuration.builder().set("mode", "custom").set("custom_level", 9.5).set("rate", 0.002)
                .set("cache", false).set("buffer_kb", 1024L).build();
        client.apply(c, "kinds");
        Configuration applied = system.applied.get(0);
        assertThat(applied.get("custom_level")).isEqualTo(Value.of(9.5));
        assertThat(applied.get("cache")).isEqualTo(Value.of(false));
        assertThat(applied.get("buffer_kb")).isEqualTo(Value.of(1024L));
    }

    private static int freePort() throws Exception {
        try (var s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private static String nonLoopbackAddress() {
        try {
            for (var ni : java.util.Collections.list(java.net.NetworkInterface.getNetworkInterfaces())) {
                for (var a : java.util.Collections.list(ni.getInetAddresses())) {
                    if (!a.isLoopbackAddress() && a instanceof java.net.Inet4Address) {
                        return a.getHostAddress();
                    }
                }
            }
        } catch (java.net.SocketException e) {
            return null;
        }
        return null;
    }

    private static void awaitTrue(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("condition not reached within 10 s");
            }
            Thread.sleep(10);
        }
    }
}
