package io.autosys.sdk.api;

import java.time.Duration;
import java.util.function.Consumer;

/**
 * The caller's view of a target's control interface: what the training and inference planes use
 * to talk to a target, whatever carries the calls (gRPC in production, in-process in unit tests).
 * {@code ControlInterfaceClient} is the gRPC implementation. Every caller that actuates
 * ({@link #apply}, {@link #startTrial}) goes through the rule engine's gate, never around it.
 */
public interface TargetControl extends AutoCloseable {

    /** What the target is. */
    SystemDescription describe();

    /** Actuates {@code changes} on the live system (absent parameters keep their values). */
    ApplyResult apply(Configuration changes, String reason);

    /** Starts a trial; progress arrives on {@code onProgress}, the outcome on the returned call. */
    TrialCall startTrial(TrialRequest request, Duration deadline, Consumer<TrialProgress> onProgress);

    /** Runs a trial to its end (or its deadline) and returns the outcome. */
    default TrialOutcome runTrial(TrialRequest request, Duration deadline, Consumer<TrialProgress> onProgress) {
        return startTrial(request, deadline, onProgress).await();
    }

    /** A snapshot of the live system. */
    Observation observe();

    @Override
    void close();
}
