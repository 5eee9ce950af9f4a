package io.autosys.ruleengine.api;

import java.util.List;
import java.util.Optional;

/**
 * What the gate did about actuation feedback.
 *
 * @param actions          what the feedback rules asked for (ALERTs are for the caller to deliver)
 * @param markedKnownBad   the known-bad entry added for the actuated configuration, when asked
 * @param rollback         the rollback actuation, when one was asked for and the rules accepted it
 * @param rollbackRejected the verdict that refused the rollback, when the current rules reject the previous configuration
 */
public record FeedbackResult(List<FeedbackAction> actions, Optional<KnownBad> markedKnownBad,
        Optional<Actuation> rollback, Optional<Verdict> rollbackRejected) {
    public FeedbackResult {
        actions = List.copyOf(actions);
    }

    public boolean rolledBack() {
        return rollback.isPresent();
    }

    public List<FeedbackAction> alerts() {
        return actions.stream().filter(a -> a.kind() == FeedbackAction.Kind.ALERT).toList();
    }
}
