package io.autosys.sdk.api;

import java.util.Objects;

/** What a finished trial produced: final metrics, or a failure with a reason. */
public sealed interface TrialOutcome permits TrialOutcome.Succeeded, TrialOutcome.Failed {

    /** Time the trial took on the target. */
    long elapsedMs();

    static Succeeded succeeded(Metrics metrics, long elapsedMs) {
        return new Succeeded(metrics, elapsedMs);
    }

    static Failed failed(FailureKind kind, String reason, long elapsedMs) {
        return new Failed(kind, reason, elapsedMs);
    }

    record Succeeded(Metrics metrics, long elapsedMs) implements TrialOutcome {
        public Succeeded {
            Objects.requireNonNull(metrics, "metrics");
            if (elapsedMs < 0) {
                throw new IllegalArgumentException("elapsed_ms must be >= 0, got " + elapsedMs);
            }
        }
    }

    record Failed(FailureKind kind, String reason, long elapsedMs) implements TrialOutcome {
        public Failed {
            Objects.requireNonNull(kind, "failure kind");
            reason = reason == null || reason.isBlank() ? kind.name().toLowerCase(java.util.Locale.ROOT) : reason;
            if (elapsedMs < 0) {
                throw new IllegalArgumentException("elapsed_ms must be >= 0, got " + elapsedMs);
            }
        }
    }
}
