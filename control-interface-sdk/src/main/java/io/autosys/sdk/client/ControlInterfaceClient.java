package io.autosys.sdk.client;

import io.autosys.proto.v1.ApplyRequest;
import io.autosys.proto.v1.ControlInterfaceGrpc;
import io.autosys.proto.v1.DescribeRequest;
import io.autosys.proto.v1.ObserveRequest;
import io.autosys.proto.v1.TrialEvent;
import io.autosys.sdk.api.ApplyResult;
import io.autosys.sdk.api.Configuration;
import io.autosys.sdk.api.ControlInterfaceException;
import io.autosys.sdk.api.FailureKind;
import io.autosys.sdk.api.Observation;
import io.autosys.sdk.api.SystemDescription;
import io.autosys.sdk.api.TargetControl;
import io.autosys.sdk.api.TrialCall;
import io.autosys.sdk.api.TrialOutcome;
import io.autosys.sdk.api.TrialProgress;
import io.autosys.sdk.api.TrialRequest;
import io.autosys.sdk.api.Violation;
import io.autosys.sdk.proto.ProtoFormatException;
import io.autosys.sdk.proto.Protos;
import io.autosys.sdk.server.Statuses;
import io.grpc.ChannelCredentials;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.TlsChannelCredentials;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.ClientResponseObserver;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The gRPC implementation of {@link TargetControl}. Every call has a deadline; the idempotent
 * calls (Describe, Apply, Observe) are retried with exponential back-off and jitter when the
 * target is UNAVAILABLE; RunTrial is never retried (it costs the target time) and turns every
 * way a trial can end (metrics, a failure, the deadline, cancellation, an unreachable target)
 * into a {@link TrialOutcome}. TLS (and a client certificate) optional.
 */
public final class ControlInterfaceClient implements TargetControl {
    private static final System.Logger LOG = System.getLogger(ControlInterfaceClient.class.getName());

    private final ManagedChannel channel;
    private final ControlInterfaceGrpc.ControlInterfaceBlockingStub blocking;
    private final ControlInterfaceGrpc.ControlInterfaceStub async;
    private final Duration callTimeout;
    private final int maxAttempts;
    private final Duration initialBackoff;
    private final Duration maxBackoff;
    private final String target;

    private ControlInterfaceClient(Builder b) {
        this.target = b.host + ":" + b.port;
        NettyChannelBuilder cb = NettyChannelBuilder.forAddress(b.host, b.port, b.credentials())
                .maxInboundMessageSize(b.maxInboundMessageBytes);
        if (b.authority != null) {
            cb.overrideAuthority(b.authority);
        }
        this.channel = cb.build();
        this.blocking = ControlInterfaceGrpc.newBlockingStub(channel);
        this.async = ControlInterfaceGrpc.newStub(channel);
        this.callTimeout = b.callTimeout;
        this.maxAttempts = b.maxAttempts;
        this.initialBackoff = b.initialBackoff;
        this.maxBackoff = b.maxBackoff;
    }

    public static Builder builder(String host, int port) {
        return new Builder(host, port);
    }

    /** A plaintext client with default settings (for loopback). */
    public static ControlInterfaceClient connect(String host, int port) {
        return builder(host, port).build();
    }

    /** host:port of the target. */
    public String target() {
        return target;
    }

    @Override
    public SystemDescription describe() {
        var response = withRetries("Describe", () -> blocking.withDeadlineAfter(callTimeout.toMillis(),
                TimeUnit.MILLISECONDS).describe(DescribeRequest.getDefaultInstance()));
        return convert("Describe", () -> Protos.fromProto(response.getDescription()));
    }

    @Override
    public ApplyResult apply(Configuration changes, String reason) {
        var request = ApplyRequest.newBuilder().setConfiguration(Protos.toProto(changes))
                .setReason(reason == null ? "" : reason).build();
        var response = withRetries("Apply", () -> blocking.withDeadlineAfter(callTimeout.toMillis(),
                TimeUnit.MILLISECONDS).apply(request));
        return convert("Apply", () -> Protos.fromProto(response));
    }

    @Override
    public Observation observe() {
        var response = withRetries("Observe", () -> blocking.withDeadlineAfter(callTimeout.toMillis(),
                TimeUnit.MILLISECONDS).observe(ObserveRequest.getDefaultInstance()));
        return convert("Observe", () -> Protos.fromProto(response));
    }

    @Override
    public TrialCall startTrial(TrialRequest request, Duration deadline, Consumer<TrialProgress> onProgress) {
        Objects.requireNonNull(deadline, "a trial needs a deadline");
        var future = new CompletableFuture<TrialOutcome>();
        var streamRef = new AtomicReference<ClientCallStreamObserver<?>>();
        var cancelledByUs = new AtomicBoolean();
        var cancelReason = new AtomicReference<String>("cancelled by the caller");
        long start = System.nanoTime();
        async.withDeadlineAfter(deadline.toMillis(), TimeUnit.MILLISECONDS).runTrial(Protos.toProto(request),
                new ClientResponseObserver<io.autosys.proto.v1.RunTrialRequest, TrialEvent>() {
                    private TrialOutcome outcome;

                    @Override
                    public void beforeStart(ClientCallStreamObserver<io.autosys.proto.v1.RunTrialRequest> stream) {
                        streamRef.set(stream);
                    }

                    @Override
                    public void onNext(TrialEvent event) {
                        try {
                            if (event.hasProgress()) {
                                if (onProgress != null) {
                                    onProgress.accept(Protos.fromProto(event.getProgress()));
                                }
                            } else if (event.hasOutcome()) {
                                outcome = Protos.fromProto(event.getOutcome());
                            }
                        } catch (IllegalArgumentException e) {
                            outcome = TrialOutcome.failed(FailureKind.CRASHED, "the target sent a malformed event: "
                                    + e.getMessage(), elapsed(start));
                            streamRef.get().cancel("malformed event", e);
                        }
                    }

                    @Override
                    public void onError(Throwable t) {
                        if (outcome != null) {
                            future.complete(outcome);
                            return;
                        }
                        future.complete(failureOf(t, cancelledByUs.get(), cancelReason.get(), elapsed(start)));
                    }

                    @Override
                    public void onCompleted() {
                        future.complete(outcome != null ? outcome : TrialOutcome.failed(FailureKind.CRASHED,
                                "the target ended the trial stream without a final event", elapsed(start)));
                    }
                });
        return new TrialCall() {
            @Override
            public CompletableFuture<TrialOutcome> outcome() {
                return future;
            }

            @Override
            public void cancel(String reason) {
                cancelReason.set(reason == null ? "cancelled by the caller" : reason);
                cancelledByUs.set(true);
                ClientCallStreamObserver<?> s = streamRef.get();
                if (s != null) {
                    s.cancel(cancelReason.get(), null);
                }
            }
        };
    }

    private static TrialOutcome failureOf(Throwable t, boolean cancelledByUs, String cancelReason, long elapsed) {
        Status s = Status.fromThrowable(t);
        String detail = s.getDescription() == null ? s.getCode().name() : s.getDescription();
        return switch (s.getCode()) {
            case DEADLINE_EXCEEDED -> TrialOutcome.failed(FailureKind.TIMED_OUT, "the trial's deadline passed ("
                    + detail + ")", elapsed);
            case CANCELLED -> TrialOutcome.failed(FailureKind.CANCELLED, cancelledByUs ? cancelReason : detail, elapsed);
            case INVALID_ARGUMENT -> TrialOutcome.failed(FailureKind.REJECTED, "the target refused the configuration: "
                    + detail, elapsed);
            case UNAVAILABLE, RESOURCE_EXHAUSTED, UNAUTHENTICATED, PERMISSION_DENIED, UNIMPLEMENTED ->
                    TrialOutcome.failed(FailureKind.UNAVAILABLE, s.getCode() + ": " + detail, elapsed);
            default -> TrialOutcome.failed(FailureKind.CRASHED, s.getCode() + ": " + detail, elapsed);
        };
    }

    private <T> T withRetries(String call, Supplier<T> attempt) {
        long backoff = initialBackoff.toMillis();
        for (int i = 1;; i++) {
            try {
                return attempt.get();
            } catch (StatusRuntimeException e) {
                Status.Code code = e.getStatus().getCode();
                if (code != Status.Code.UNAVAILABLE || i >= maxAttempts) {
                    throw translate(call, e, i);
                }
                long sleep = backoff / 2 + ThreadLocalRandom.current().nextLong(backoff / 2 + 1);
                LOG.log(System.Logger.Level.DEBUG, "{0} to {1} unavailable (attempt {2}); retrying in {3} ms", call,
                        target, i, sleep);
                try {
                    Thread.sleep(sleep);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    throw translate(call, e, i);
                }
                backoff = Math.min(maxBackoff.toMillis(), backoff * 2);
            }
        }
    }

    private ControlInterfaceException translate(String call, StatusRuntimeException e, int attempts) {
        Status s = e.getStatus();
        List<Violation> violations = Statuses.violations(e);
        String message = call + " on " + target + " failed" + (attempts > 1 ? " after " + attempts + " attempts" : "")
                + ": " + (s.getDescription() == null ? s.getCode().name() : s.getDescription());
        return new ControlInterfaceException(s.getCode().name(), message, violations, e);
    }

    private <T> T convert(String call, Supplier<T> conversion) {
        try {
            return conversion.get();
        } catch (ProtoFormatException e) {
            throw new ControlInterfaceException("DATA_LOSS", call + " on " + target + " returned a malformed message: "
                    + e.getMessage(), List.of(), e);
        }
    }

    private static long elapsed(long startNanos) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos);
    }

    @Override
    public void close() {
        channel.shutdown();
        try {
            if (!channel.awaitTermination(5, TimeUnit.SECONDS)) {
                channel.shutdownNow();
            }
        } catch (InterruptedException e) {
            channel.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    /** Client settings. */
    public static final class Builder {
        private final String host;
        private final int port;
        private Duration callTimeout = Duration.ofSeconds(10);
        private int maxAttempts = 5;
        private Duration initialBackoff = Duration.ofMillis(100);
        private Duration maxBackoff = Duration.ofSeconds(3);
        private int maxInboundMessageBytes = 4 * 1024 * 1024;
        private Path trustedCa;
        private Path clientCert;
        private Path clientKey;
        private String authority;

        private Builder(String host, int port) {
            if (host == null || host.isBlank()) {
                throw new IllegalArgumentException("target host is empty");
            }
            if (port < 1 || port > 65535) {
                throw new IllegalArgumentException("target port must be in 1..65535, got " + port);
            }
            this.host = host;
            this.port = port;
        }

        /** Deadline of each Describe/Apply/Observe attempt. */
        public Builder callTimeout(Duration value) {
            if (value.isNegative() || value.isZero()) {
                throw new IllegalArgumentException("call timeout must be > 0, got " + value);
            }
            this.callTimeout = value;
            return this;
        }

        /** Attempts for idempotent calls when the target is UNAVAILABLE (1 = no retry), and the back-off. */
        public Builder retries(int attempts, Duration initial, Duration max) {
            if (attempts < 1) {
                throw new IllegalArgumentException("attempts must be >= 1, got " + attempts);
            }
            this.maxAttempts = attempts;
            this.initialBackoff = initial;
            this.maxBackoff = max;
            return this;
        }

        public Builder maxInboundMessageBytes(int value) {
            this.maxInboundMessageBytes = value;
            return this;
        }

        /** Use TLS and trust servers whose certificate chains to this PEM CA. */
        public Builder tls(Path trustedCaPem) {
            this.trustedCa = Objects.requireNonNull(trustedCaPem);
            return this;
        }

        /** Present this client certificate (mutual TLS); needs {@link #tls}. */
        public Builder clientCertificate(Path certPem, Path keyPem) {
            this.clientCert = Objects.requireNonNull(certPem);
            this.clientKey = Objects.requireNonNull(keyPem);
            return this;
        }

        /** The name to verify the server certificate against, when it differs from the host. */
        public Builder overrideAuthority(String value) {
            this.authority = value;
            return this;
        }

        public ControlInterfaceClient build() {
            return new ControlInterfaceClient(this);
        }

        private ChannelCredentials credentials() {
            if (trustedCa == null) {
                if (clientCert != null) {
                    throw new IllegalStateException("a client certificate needs TLS: call tls(ca) too");
                }
                return InsecureChannelCredentials.create();
            }
            try {
                var b = TlsChannelCredentials.newBuilder().trustManager(trustedCa.toFile());
                if (clientCert != null) {
                    b.keyManager(clientCert.toFile(), clientKey.toFile());
                }
                return b.build();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read TLS material: " + e.getMessage(), e);
            }
        }
    }
}
