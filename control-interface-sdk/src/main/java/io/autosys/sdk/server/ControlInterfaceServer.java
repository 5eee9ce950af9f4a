package io.autosys.sdk.server;

import io.autosys.sdk.api.ControlledSystem;
import io.grpc.InsecureServerCredentials;
import io.grpc.Server;
import io.grpc.ServerCredentials;
import io.grpc.TlsServerCredentials;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.protobuf.services.HealthStatusManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * Serves a {@link ControlledSystem} over gRPC: the {@code autosys.v1.ControlInterface} service
 * and the standard health service. Binds to loopback unless told otherwise, on a given port or a
 * free one (port 0); TLS (and client certificates) optional; a limit on inbound message size;
 * a graceful stop that lets running trials finish within a grace period and then cancels them
 * (the cancellation reaches each trial through its {@code TrialContext}).
 */
public final class ControlInterfaceServer implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(ControlInterfaceServer.class.getName());
    /** The service name the health service reports, besides the server-wide "" entry. */
    public static final String SERVICE_NAME = "autosys.v1.ControlInterface";

    private final Server server;
    private final HealthStatusManager health;
    private final ControlInterfaceService service;
    private final Duration gracePeriod;

    private ControlInterfaceServer(Server server, HealthStatusManager health, ControlInterfaceService service,
            Duration gracePeriod) {
        this.server = server;
        this.health = health;
        this.service = service;
        this.gracePeriod = gracePeriod;
    }

    public static Builder builder(ControlledSystem system) {
        return new Builder(system);
    }

    /** The port the server listens on (the chosen one when started with port 0). */
    public int port() {
        return server.getPort();
    }

    /** The number of trials running right now. */
    public int runningTrials() {
        return service.runningTrials();
    }

    /**
     * Stops accepting calls, waits up to the grace period for running calls, then cancels what is
     * left (running trials see the cancellation) and waits for them to unwind.
     */
    public void stop() {
        health.enterTerminalState();
        server.shutdown();
        try {
            if (!server.awaitTermination(gracePeriod.toMillis(), TimeUnit.MILLISECONDS)) {
                LOG.log(System.Logger.Level.INFO, "grace period over; cancelling {0} running trial(s)",
                        service.runningTrials());
                server.shutdownNow();
                server.awaitTermination(30, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            server.shutdownNow();
            Thread.currentThread().interrupt();
        }
        service.awaitTrialsDone(Duration.ofSeconds(30));
    }

    /** Blocks until the server terminates (for target mains). */
    public void awaitTermination() throws InterruptedException {
        server.awaitTermination();
    }

    @Override
    public void close() {
        stop();
    }

    /** Settings of a server; {@link #start()} binds and starts it. */
    public static final class Builder {
        private final ControlledSystem system;
        private InetAddress bindAddress = InetAddress.getLoopbackAddress();
        private int port;
        private Path certChain;
        private Path privateKey;
        private Path clientCa;
        private int maxInboundMessageBytes = 4 * 1024 * 1024;
        private Duration gracePeriod = Duration.ofSeconds(5);

        private Builder(ControlledSystem system) {
            this.system = Objects.requireNonNull(system, "system");
        }

        /** The port to listen on; 0 (the default) picks a free one. */
        public Builder port(int value) {
            if (value < 0 || value > 65535) {
                throw new IllegalArgumentException("port must be in 0..65535, got " + value);
            }
            this.port = value;
            return this;
        }

        /** The address to bind; loopback by default. Anything else exposes the target beyond this host. */
        public Builder bindAddress(InetAddress value) {
            this.bindAddress = Objects.requireNonNull(value, "bind address");
            return this;
        }

        /** Serve TLS with this PEM certificate chain and PKCS#8 PEM private key. */
        public Builder tls(Path certChainPem, Path privateKeyPem) {
            this.certChain = Objects.requireNonNull(certChainPem, "certificate chain");
            this.privateKey = Objects.requireNonNull(privateKeyPem, "private key");
            return this;
        }

        /** Require client certificates signed by this CA (mutual TLS); needs {@link #tls}. */
        public Builder requireClientCertificates(Path clientCaPem) {
            this.clientCa = Objects.requireNonNull(clientCaPem, "client CA");
            return this;
        }

        /** Largest inbound message accepted; bigger ones are refused with RESOURCE_EXHAUSTED. */
        public Builder maxInboundMessageBytes(int value) {
            if (value < 1024) {
                throw new IllegalArgumentException("max inbound message size must be >= 1024 bytes, got " + value);
            }
            this.maxInboundMessageBytes = value;
            return this;
        }

        /** How long {@link ControlInterfaceServer#stop()} waits for running calls before cancelling them. */
        public Builder gracePeriod(Duration value) {
            if (value.isNegative()) {
                throw new IllegalArgumentException("grace period must be >= 0, got " + value);
            }
            this.gracePeriod = value;
            return this;
        }

        public ControlInterfaceServer start() {
            ServerCredentials creds = credentials();
            HealthStatusManager health = new HealthStatusManager();
            ControlInterfaceService service = new ControlInterfaceService(system);
            Server server = NettyServerBuilder.forAddress(new InetSocketAddress(bindAddress, port), creds)
                    .maxInboundMessageSize(maxInboundMessageBytes)
                    .addService(service)
                    .addService(health.getHealthService())
                    .build();
            try {
                server.start();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot listen on " + bindAddress.getHostAddress() + ":" + port + ": "
                        + e.getMessage(), e);
            }
            health.setStatus("", io.grpc.health.v1.HealthCheckResponse.ServingStatus.SERVING);
            health.setStatus(SERVICE_NAME, io.grpc.health.v1.HealthCheckResponse.ServingStatus.SERVING);
            LOG.log(System.Logger.Level.INFO, "control interface for {0} listening on {1}:{2} ({3})",
                    system.describe().systemId(), bindAddress.getHostAddress(), String.valueOf(server.getPort()),
                    certChain == null ? "plaintext" : clientCa == null ? "TLS" : "mutual TLS");
            return new ControlInterfaceServer(server, health, service, gracePeriod);
        }

        private ServerCredentials credentials() {
            if (certChain == null) {
                if (clientCa != null) {
                    throw new IllegalStateException("client certificates need TLS: call tls(cert, key) too");
                }
                return InsecureServerCredentials.create();
            }
            try {
                var b = TlsServerCredentials.newBuilder().keyManager(certChain.toFile(), privateKey.toFile());
                if (clientCa != null) {
                    b.trustManager(clientCa.toFile()).clientAuth(TlsServerCredentials.ClientAuth.REQUIRE);
                }
                return b.build();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read TLS material (" + certChain + ", " + privateKey
                        + (clientCa == null ? "" : ", " + clientCa) + "): " + e.getMessage(), e);
            }
        }
    }
}
