package io.autosys.ruleengine.facts;

import io.autosys.sdk.api.Configuration;

/** The configuration now in effect on the live system (empty when unknown, for example in a dry run). */
public final class Live extends ConfigFact {
    public Live(Configuration configuration) {
        super(configuration);
    }
}
