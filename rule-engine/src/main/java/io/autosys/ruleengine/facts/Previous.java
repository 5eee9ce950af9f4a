package io.autosys.ruleengine.facts;

import io.autosys.sdk.api.Configuration;

/** Feedback rules: the configuration before the actuation, which a rollback restores. */
public final class Previous extends ConfigFact {
    public Previous(Configuration configuration) {
        super(configuration);
    }
}
