package io.autosys.sdk.server;

import io.autosys.proto.v1.ApplyRequest;
import io.autosys.proto.v1.ApplyResponse;
import io.autosys.proto.v1.ControlInterfaceGrpc;
import io.autosys.proto.v1.DescribeRequest;
import io.autosys.proto.v1.DescribeResponse;
import io.autosys.proto.v1.ObserveRequest;
import io.autosys.proto.v1.ObserveResponse;
import io.autosys.proto.v1.RunTrialRequest;
import io.autosys.proto.v1.TrialEvent;
import io.autosys.sdk.api.ApplyResult;
import io.autosys.sdk.api.Configuration;
import io.autosys.sdk.api.ControlledSystem;
import io.autosys.sdk.api.FailureKind;
import io.autosys.sdk.api.InvalidConfigurationException;
import io.autosys.sdk.api.Metrics;
import io.autosys.sdk.api.ParameterSpace;
import io.autosys.sdk.api.SystemDescription;
import io.autosys.sdk.api.TrialContext;
import io.autosys.sdk.api.TrialOutcome;
import io.autosys.sdk.api.TrialProgress;
import io.autosys.sdk.api.TrialRequest;
import io.autosys.sdk.api.Violation;
import io.autosys.sdk.proto.ProtoFormatException;
import io.autosys.sdk.proto.Protos;
import io.grpc.Context;
import io.grpc.Status;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import java.time.Duration;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The gRPC face of a {@link ControlledSystem}. Validates every configuration against the
 * system's space before the system sees it (a bad request is INVALID_ARGUMENT naming each
 * parameter and rule, and the system is untouched), serialises actuations, bounds concurrent
 * trials by the system's own limit, and turns the call's cancellation and deadline into the
 * trial's {@link TrialContext}.
 */
final class ControlInterfaceService extends ControlInterfaceGrpc.ControlInterfaceImplBase {
    private static final System.Logger LOG = System.getLogger(ControlInterfaceService.class.getName());

    private final ControlledSystem system;
    private final Object applyLock = new Object();
    private final Semaphore trialSlots;
    private final int maxTrials;
    // Cancellation callbacks run here, never on the trial's own thread.
    private final Executor cancelExecutor = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "autosys-trial-cancel");
        t.setDaemon(true);
        return t;
    });

    ControlInterfaceService(ControlledSystem system) {
        this.system = system;
        this.maxTrials = system.describe().maxConcurrentTrials();
        this.trialSlots = new Semaphore(maxTrials);
    }

    int runningTrials() {
        return maxTrials - trialSlots.availablePermits();
    }

    void awaitTrialsDone(Duration timeout) {
        try {
            if (trialSlots.tryAcquire(maxTrials, timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                trialSlots.release(maxTrials);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void describe(DescribeRequest request, StreamObserver<DescribeResponse> out) {
        try {
            out.onNext(DescribeResponse.newBuilder().setDescription(Protos.toProto(system.describe())).build());
            out.onCompleted();
        } catch (RuntimeException e) {
            out.onError(internal("describe", e));
        }
    }

    @Override
    public void apply(ApplyRequest request, StreamObserver<ApplyResponse> out) {
        SystemDescription d = system.describe();
        ApplyResult result;
        synchronized (applyLock) {
            Configuration merged;
            try {
                Configuration changes = Protos.fromProto(request.getConfiguration());
                merged = d.space().merge(system.currentConfiguration(), changes);
            } catch (InvalidConfigurationException e) {
                out.onError(Statuses.invalidArgument(e.violations()));
                return;
            } catch (ProtoFormatException e) {
                out.onError(Statuses.invalidArgument(List.of(new Violation("configuration", "format", e.getMessage()))));
                return;
            }
            try {
                result = system.apply(merged);
            } catch (Exception e) {
                LOG.log(System.Logger.Level.WARNING, "apply failed on " + d.systemId(), e);
                out.onError(Status.ABORTED.withDescription("the system could not apply the configuration: "
                        + describe(e)).withCause(e).asRuntimeException());
                return;
            }
        }
        LOG.log(System.Logger.Level.INFO, "applied on {0} (reason: {1}): changed {2}, pending restart {3}",
                d.systemId(), request.getReason(), result.changed(), result.pendingRestart());
        out.onNext(Protos.toProto(result));
        out.onCompleted();
    }

    @Override
    public void observe(ObserveRequest request, StreamObserver<ObserveResponse> out) {
        try {
            out.onNext(Protos.toProto(system.observe()));
            out.onCompleted();
        } catch (RuntimeException e) {
            out.onError(internal("observe", e));
        }
    }

    @Override
    public void runTrial(RunTrialRequest request, StreamObserver<TrialEvent> rawOut) {
        ServerCallStreamObserver<TrialEvent> out = (ServerCallStreamObserver<TrialEvent>) rawOut;
        ParameterSpace space = system.describe().space();
        TrialRequest trial;
        try {
            TrialRequest parsed = Protos.fromProto(request);
            trial = new TrialRequest(parsed.trialId(), space.complete(parsed.configuration()), parsed.budget(),
                    parsed.seed());
        } catch (InvalidConfigurationException e) {
            out.onError(Statuses.invalidArgument(e.violations()));
            return;
        } catch (ProtoFormatException e) {
            out.onError(Statuses.invalidArgument(List.of(new Violation("request", "format", e.getMessage()))));
            return;
        }
        if (!trialSlots.tryAcquire()) {
            out.onError(Status.RESOURCE_EXHAUSTED.withDescription("the target already runs its limit of " + maxTrials
                    + " concurrent trial(s)").asRuntimeException());
            return;
        }
        long start = System.nanoTime();
        Context call = Context.current();
        var ctx = new CallTrialContext(call, out, cancelExecutor);
        out.setOnCancelHandler(() -> {
            // The io.grpc.Context listener does the work; this handler only keeps gRPC from logging.
        });
        TrialOutcome outcome;
        try {
            Metrics metrics = system.runTrial(trial, ctx);
            outcome = ctx.isCancelled() ? cancelledOutcome(call, start)
                    : TrialOutcome.succeeded(metrics, elapsed(start));
        } catch (TrialContext.TrialCancelledException e) {
            outcome = cancelledOutcome(call, start);
        } catch (Exception | LinkageError e) {
            outcome = ctx.isCancelled() ? cancelledOutcome(call, start)
                    : TrialOutcome.failed(FailureKind.CRASHED, describe(e), elapsed(start));
            if (!ctx.isCancelled()) {
                LOG.log(System.Logger.Level.INFO, "trial " + trial.trialId() + " crashed: " + describe(e));
            }
        } finally {
            trialSlots.release();
        }
        if (call.isCancelled()) {
            // The caller has gone (cancelled, deadline): nothing can be sent any more.
            LOG.log(System.Logger.Level.DEBUG, "trial {0} ended after its call: {1}", trial.trialId(), outcome);
            return;
        }
        synchronized (out) {
            out.onNext(TrialEvent.newBuilder().setOutcome(Protos.toProto(outcome)).build());
            out.onCompleted();
        }
    }

    private static TrialOutcome cancelledOutcome(Context call, long start) {
        boolean deadline = call.getDeadline() != null && call.getDeadline().isExpired();
        return TrialOutcome.failed(deadline ? FailureKind.TIMED_OUT : FailureKind.CANCELLED,
                deadline ? "the trial's deadline passed" : "the caller cancelled the trial", elapsed(start));
    }

    private static long elapsed(long startNanos) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos);
    }

    private static String describe(Throwable e) {
        String m = e.getMessage();
        return e.getClass().getSimpleName() + (m == null || m.isBlank() ? "" : ": " + m);
    }

    private static RuntimeException internal(String what, RuntimeException e) {
        LOG.log(System.Logger.Level.WARNING, what + " failed", e);
        return Status.INTERNAL.withDescription(what + " failed: " + describe(e)).withCause(e).asRuntimeException();
    }

    /** A trial's view of its gRPC call. */
    private static final class CallTrialContext implements TrialContext {
        private final Context call;
        private final ServerCallStreamObserver<TrialEvent> out;
        private final Executor executor;
        private final AtomicLong lastStep = new AtomicLong();

        CallTrialContext(Context call, ServerCallStreamObserver<TrialEvent> out, Executor executor) {
            this.call = call;
            this.out = out;
            this.executor = executor;
        }

        @Override
        public void progress(TrialProgress progress) {
            long prev = lastStep.getAndAccumulate(progress.step(), Math::max);
            if (progress.step() <= prev) {
                throw new IllegalArgumentException("progress steps must increase: got " + progress.step() + " after "
                        + prev);
            }
            if (call.isCancelled()) {
                return;
            }
            synchronized (out) {
                out.onNext(TrialEvent.newBuilder().setProgress(Protos.toProto(progress)).build());
            }
        }

        @Override
        public boolean isCancelled() {
            return call.isCancelled();
        }

        @Override
        public OptionalLong remainingMillis() {
            return call.getDeadline() == null ? OptionalLong.empty()
                    : OptionalLong.of(Math.max(0, call.getDeadline().timeRemaining(TimeUnit.MILLISECONDS)));
        }

        @Override
        public void onCancel(Runnable action) {
            call.addListener(c -> action.run(), executor);
        }
    }
}
