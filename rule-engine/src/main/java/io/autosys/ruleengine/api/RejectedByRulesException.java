package io.autosys.ruleengine.api;

import io.autosys.sdk.api.Configuration;
import java.util.Objects;

/** The gate refused to actuate: the rules rejected the configuration. Carries the verdict. */
public final class RejectedByRulesException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final transient Verdict verdict;
    private final transient Configuration configuration;

    public RejectedByRulesException(String target, Configuration configuration, Verdict verdict) {
        super("configuration for '" + target + "' " + Objects.requireNonNull(verdict, "verdict").summary());
        if (verdict.accepted()) {
            throw new IllegalArgumentException("an accepting verdict is no reason to refuse");
        }
        this.verdict = verdict;
        this.configuration = configuration;
    }

    public Verdict verdict() {
        return verdict;
    }

    /** The complete configuration that was checked (after merging partial changes onto the live one). */
    public Configuration configuration() {
        return configuration;
    }
}
