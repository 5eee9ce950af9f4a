package io.autosys.ruleengine.api;

import io.autosys.sdk.api.ApplyResult;
import io.autosys.sdk.api.Configuration;
import java.util.Objects;

/**
 * An actuation the gate let through.
 *
 * @param result        what the target reported
 * @param verdict       the accepting verdict, with the rule-set version that gave it
 * @param configuration the complete configuration that was checked and sent
 */
public record Actuation(ApplyResult result, Verdict verdict, Configuration configuration) {
    public Actuation {
        Objects.requireNonNull(result, "result");
        Objects.requireNonNull(configuration, "configuration");
        if (!verdict.accepted()) {
            throw new IllegalArgumentException("an actuation needs an accepting verdict");
        }
    }
}
