package io.autosys.ruleengine.api;

import io.autosys.sdk.api.FailureKind;
import io.autosys.sdk.api.TrialCall;
import io.autosys.sdk.api.TrialOutcome;
import java.util.Objects;

/** What {@link ActuationGate#tryStartTrial} did: started the trial, or refused it without calling the target. */
public sealed interface GatedTrial permits GatedTrial.Started, GatedTrial.Rejected {

    Verdict verdict();

    /** The trial runs on the target; {@code call} gives its outcome. */
    record Started(Verdict verdict, TrialCall call) implements GatedTrial {
        public Started {
            Objects.requireNonNull(call, "call");
            if (!verdict.accepted()) {
                throw new IllegalArgumentException("a started trial needs an accepting verdict");
            }
        }
    }

    /**
     * The rules rejected the configuration; the target was not called. {@code outcome} is the
     * infeasible REJECTED result the trial manager records (the designer learns from it).
     */
    record Rejected(Verdict verdict, TrialOutcome.Failed outcome) implements GatedTrial {
        public Rejected {
            if (verdict.accepted()) {
                throw new IllegalArgumentException("a rejected trial needs a rejecting verdict");
            }
            if (outcome.kind() != FailureKind.REJECTED) {
                throw new IllegalArgumentException("a rejected trial's outcome is REJECTED, got " + outcome.kind());
            }
        }
    }
}
