package io.autosys.ruleengine.api;

import java.util.List;

/**
 * The operators' rules, as callers see them. Implementations are thread-safe: any number of
 * threads may check at once while the rule set is reloaded underneath.
 */
public interface RuleEngine extends AutoCloseable {

    /** Checks a proposal against the active rule set (built-in space rules, known-bad set, operator rules). */
    Verdict check(Proposal proposal);

    /** Evaluates the actuation-feedback rules; empty when none fired. */
    List<FeedbackAction> evaluateFeedback(FeedbackFacts facts);

    /** The version of the active rule set, the one the next check uses. */
    RuleSetVersion version();

    /** Re-reads the rule files now; on any error the previous rule set stays active. */
    ReloadReport reload();

    /** The known-bad configurations the built-in known-bad rule consults. */
    KnownBadStore knownBad();

    @Override
    void close();
}
