package io.autosys.ruleengine;

import io.autosys.sdk.api.ApplyResult;
import io.autosys.sdk.api.Configuration;
import io.autosys.sdk.api.Context;
import io.autosys.sdk.api.FailureKind;
import io.autosys.sdk.api.Metrics;
import io.autosys.sdk.api.Observation;
import io.autosys.sdk.api.SystemDescription;
import io.autosys.sdk.api.TargetControl;
import io.autosys.sdk.api.TrialCall;
import io.autosys.sdk.api.TrialOutcome;
import io.autosys.sdk.api.TrialProgress;
import io.autosys.sdk.api.TrialRequest;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * An in-memory target that records every Apply and RunTrial it receives. It validates like a
 * real target (ParameterSpace.merge), and a trial "crashes" when {@code crashes} says so.
 */
final class RecordingTarget implements TargetControl {
    record Call(String kind, Configuration configuration) {
    }

    private final SystemDescription description;
    private final Predicate<Configuration> crashes;
    final List<Call> calls = new CopyOnWriteArrayList<>();
    private volatile Configuration live;
    private volatile Metrics metrics = Metrics.of("p99_us", 100, "throughput", 1000);
    volatile boolean closed;

    RecordingTarget(SystemDescription description, Predicate<Configuration> crashes) {
        this.description = description;
        this.crashes = crashes;
        this.live = description.space().defaults();
    }

    @Override
    public SystemDescription describe() {
        return description;
    }

    @Override
    public synchronized ApplyResult apply(Configuration changes, String reason) {
        calls.add(new Call("apply", changes));
        Configuration before = live;
        live = description.space().merge(before, changes);
        return ApplyResult.between(before, live, Set.of());
    }

    @Override
    public TrialCall startTrial(TrialRequest request, Duration deadline, Consumer<TrialProgress> onProgress) {
        calls.add(new Call("trial", request.configuration()));
        description.space().validate(request.configuration());
        TrialOutcome o = crashes.test(request.configuration())
                ? TrialOutcome.failed(FailureKind.CRASHED, "segfault in compaction", 5)
                : TrialOutcome.succeeded(Metrics.of("throughput", 1234, "p99_us", 90), 5);
        var future = CompletableFuture.completedFuture(o);
        return new TrialCall() {
            @Override
            public CompletableFuture<TrialOutcome> outcome() {
                return future;
            }

            @Override
            public void cancel(String reason) {
            }
        };
    }

    @Override
    public Observation observe() {
        return new Observation(metrics, Context.empty(), live, 0);
    }

    Configuration live() {
        return live;
    }

    @Override
    public void close() {
        closed = true;
    }
}
