package io.autosys.ruleengine.facts;

import io.autosys.sdk.api.Configuration;

/** Feedback rules: the configuration an actuation just put in effect. */
public final class Actuated extends ConfigFact {
    public Actuated(Configuration configuration) {
        super(configuration);
    }
}
