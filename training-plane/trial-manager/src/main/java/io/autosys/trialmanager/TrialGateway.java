package io.autosys.trialmanager;

import io.autosys.sdk.api.Configuration;
import io.autosys.sdk.api.SystemDescription;
import io.autosys.sdk.api.TrialCall;
import io.autosys.sdk.api.TrialProgress;
import io.autosys.sdk.api.TrialRequest;
import java.time.Duration;
import java.util.function.Consumer;

/**
 * How the trial manager reaches a target: only through the rule engine's gate. {@link #check}
 * asks the current rules about a complete configuration; {@link #startTrial} re-checks and
 * refuses (throws {@link RejectedException}) anything they reject, so nothing bypasses them.
 */
public interface TrialGateway extends AutoCloseable {

    SystemDescription describe();

    Decision check(Configuration configuration);

    /** Starts a trial after the gate accepted it; throws {@link RejectedException} otherwise. */
    TrialCall startTrial(TrialRequest request, Duration deadline, Consumer<TrialProgress> onProgress);

    @Override
    void close();

    /** A verdict as the trial manager needs it. */
    record Decision(boolean accepted, String ruleSetVersion, String reason) {
    }

    /** The gate refused a configuration. */
    final class RejectedException extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final transient Decision decision;

        public RejectedException(Decision decision) {
            super(decision.reason());
            this.decision = decision;
        }

        public Decision decision() {
            return decision;
        }
    }
}
