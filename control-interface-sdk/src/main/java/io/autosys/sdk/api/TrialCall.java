package io.autosys.sdk.api;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/** A running trial: its eventual outcome, and a way to cancel it (the target stops and cleans up). */
public interface TrialCall {

    /** Completes with the outcome; failures of the target are outcomes, not exceptional completions. */
    CompletableFuture<TrialOutcome> outcome();

    /** Asks the target to stop the trial; the outcome becomes a CANCELLED failure. */
    void cancel(String reason);

    /** Waits for the outcome. */
    default TrialOutcome await() {
        try {
            return outcome().get();
        } catch (InterruptedException e) {
            cancel("caller interrupted");
            Thread.currentThread().interrupt();
            return TrialOutcome.failed(FailureKind.CANCELLED, "caller interrupted", 0);
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            if (c instanceof RuntimeException re) {
                throw re;
            }
            throw new IllegalStateException(c);
        }
    }
}
