package io.autosys.ruleengine.api;

import java.util.Objects;

/**
 * What a feedback rule asks for after an actuation.
 *
 * @param kind   roll back, mark the actuated configuration known-bad, or alert operators
 * @param reason a sentence for people
 * @param rule   the rule that asked
 * @param source the rule file, or empty
 */
public record FeedbackAction(Kind kind, String reason, String rule, String source) {

    public enum Kind {
        /** Restore the previous configuration. */
        ROLLBACK,
        /** Add the actuated configuration to the known-bad set. */
        MARK_KNOWN_BAD,
        /** Tell the operators; nothing is actuated. */
        ALERT
    }

    public FeedbackAction {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(rule, "rule");
        source = source == null ? "" : source;
    }

    @Override
    public String toString() {
        return kind + " by " + rule + ": " + reason;
    }
}
