package io.autosys.ruleengine.facts;

import io.autosys.ruleengine.api.RuleViolation;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * The verdict being built for one check: a fresh object per evaluation, inserted as a fact (never
 * a global), so concurrent checks share nothing. A rule binds it and calls {@code reject}:
 *
 * <pre>
 * rule "memtables within budget"
 * when
 *     $f : Findings()
 *     Proposed(num("write_buffer_size") * num("max_write_buffer_number") &gt; 1073741824)
 * then
 *     $f.reject("memtables would take more than 1 GiB", "write_buffer_size", "max_write_buffer_number");
 * end
 * </pre>
 *
 * The rule's name and file are attached by the engine.
 */
public final class Findings {
    private final List<RuleViolation> violations = new ArrayList<>(4);
    private String rule = "unnamed";
    private String source = "";

    /** Records a violation of the firing rule, naming the parameters involved. */
    public void reject(String reason, String... parameters) {
        violations.add(new RuleViolation(rule, reason == null ? "" : reason, List.of(parameters), source));
    }

    /** Records a violation of the firing rule, naming the parameters involved. */
    public void reject(String reason, Collection<String> parameters) {
        violations.add(new RuleViolation(rule, reason == null ? "" : reason, List.copyOf(parameters), source));
    }

    /** True when some rule rejected the proposal so far. */
    public boolean isRejected() {
        return !violations.isEmpty();
    }

    public List<RuleViolation> violations() {
        return List.copyOf(violations);
    }

    /** Called by the engine before each rule's consequence runs; rules do not call it. */
    public void firing(String ruleName, String ruleSource) {
        this.rule = ruleName;
        this.source = ruleSource;
    }
}
