package io.autosys.sdk.api;

import java.util.OptionalLong;

/**
 * What a running trial sees of its caller: a way to report progress, and whether it should stop
 * (the client cancelled or the deadline passed). A trial checks {@link #isCancelled()} often and
 * returns promptly when it is true; the SDK then reports the trial as cancelled or timed out.
 */
public interface TrialContext {

    /** Reports intermediate metrics to the caller. Steps must increase. */
    void progress(TrialProgress progress);

    /** True once the caller cancelled or the deadline passed. */
    boolean isCancelled();

    /** Milliseconds left before the deadline, if the caller set one. */
    OptionalLong remainingMillis();

    /** Registers an action to run (once, on another thread) when the trial is cancelled. */
    void onCancel(Runnable action);

    /** Throws {@link TrialCancelledException} when {@link #isCancelled()}; call it in loops. */
    default void checkCancelled() {
        if (isCancelled()) {
            throw new TrialCancelledException();
        }
    }

    /** Thrown inside a trial to unwind it after cancellation. */
    final class TrialCancelledException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public TrialCancelledException() {
            super("trial cancelled", null, false, false);
        }
    }
}
