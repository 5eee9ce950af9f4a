package io.autosys.ruleengine.facts;

import io.autosys.sdk.api.Configuration;

/** The configuration under check. Its {@code purpose} says why it is checked (TRIAL, APPLY, CHECK). */
public final class Proposed extends ConfigFact {
    private final String purpose;

    public Proposed(Configuration configuration, String purpose) {
        super(configuration);
        this.purpose = purpose;
    }

    /** "TRIAL", "APPLY" or "CHECK". */
    public String getPurpose() {
        return purpose;
    }
}
