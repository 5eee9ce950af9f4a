package io.autosys.ruleengine.facts;

import io.autosys.ruleengine.api.FeedbackAction;
import java.util.ArrayList;
import java.util.List;

/**
 * The actions being collected by one feedback evaluation (a fresh object per evaluation, inserted
 * as a fact). A feedback rule binds it and asks:
 *
 * <pre>
 * rule "roll back when p99 rises by 20%"
 * when
 *     $a : Actions()
 *     Before($p99 : value("p99_us") &gt; 0)
 *     After(value("p99_us") &gt; $p99 * 1.2)
 * then
 *     $a.rollback("p99 rose by more than 20%");
 * end
 * </pre>
 */
public final class Actions {
    private final List<FeedbackAction> actions = new ArrayList<>(2);
    private String rule = "unnamed";
    private String source = "";

    /** Restore the previous configuration. */
    public void rollback(String reason) {
        add(FeedbackAction.Kind.ROLLBACK, reason);
    }

    /** Add the actuated configuration to the known-bad set. */
    public void markKnownBad(String reason) {
        add(FeedbackAction.Kind.MARK_KNOWN_BAD, reason);
    }

    /** Tell the operators. */
    public void alert(String reason) {
        add(FeedbackAction.Kind.ALERT, reason);
    }

    private void add(FeedbackAction.Kind kind, String reason) {
        actions.add(new FeedbackAction(kind, reason == null ? "" : reason, rule, source));
    }

    public List<FeedbackAction> actions() {
        return List.copyOf(actions);
    }

    /** Called by the engine before each rule's consequence runs; rules do not call it. */
    public void firing(String ruleName, String ruleSource) {
        this.rule = ruleName;
        this.source = ruleSource;
    }
}
