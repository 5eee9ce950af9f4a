package io.autosys.ruleengine.facts;

import io.autosys.sdk.api.Configuration;
import java.util.Collection;

/**
 * The configuration under check. Its {@code purpose} says why it is checked ("TRIAL", "APPLY",
 * "CHECK"). {@link #reject} records a violation in this check's {@link Findings}: a rule that
 * matches {@code $p : Proposed(...)} can call {@code $p.reject(...)} without also joining
 * {@code Findings()}, which keeps large rule sets fast.
 */
public final class Proposed extends ConfigFact {
    private final String purpose;
    private final Findings findings;

    public Proposed(Configuration configuration, String purpose, Findings findings) {
        super(configuration);
        this.purpose = purpose;
        this.findings = findings;
    }

    /** "TRIAL", "APPLY" or "CHECK". */
    public String getPurpose() {
        return purpose;
    }

    /** Records a violation of the firing rule, naming the parameters involved. */
    public void reject(String reason, String... parameters) {
        findings.reject(reason, parameters);
    }

    /** Records a violation of the firing rule, naming the parameters involved. */
    public void reject(String reason, Collection<String> parameters) {
        findings.reject(reason, parameters);
    }

    /** This check's findings. */
    public Findings getFindings() {
        return findings;
    }
}
