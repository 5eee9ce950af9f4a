package io.autosys.ruleengine.api;

import io.autosys.sdk.api.Violation;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The rule engine's answer for one proposal: accepted when no rule fired, rejected with every
 * violation otherwise. Carries the version of the rule set that produced it.
 */
public record Verdict(boolean accepted, RuleSetVersion ruleSet, List<RuleViolation> violations) {
    public Verdict {
        Objects.requireNonNull(ruleSet, "rule set version");
        violations = List.copyOf(violations);
        if (accepted != violations.isEmpty()) {
            throw new IllegalArgumentException(accepted ? "an accepting verdict cannot carry violations"
                    : "a rejecting verdict needs at least one violation");
        }
    }

    public static Verdict accept(RuleSetVersion ruleSet) {
        return new Verdict(true, ruleSet, List.of());
    }

    public static Verdict reject(RuleSetVersion ruleSet, List<RuleViolation> violations) {
        return new Verdict(false, ruleSet, violations);
    }

    public boolean rejected() {
        return !accepted;
    }

    /** The names of the rules that fired, in firing order, without repeats. */
    public Set<String> violatedRules() {
        return violations.stream().map(RuleViolation::rule).collect(Collectors.toCollection(LinkedHashSet::new));
    }

    /** Every parameter named by a violation. */
    public Set<String> offendingParameters() {
        return violations.stream().flatMap(v -> v.parameters().stream())
                .collect(Collectors.toCollection(LinkedHashSet::new));
    }

    /** The violations in the SDK's vocabulary (one per parameter involved). */
    public List<Violation> toViolations() {
        return violations.stream().flatMap(v -> v.toViolations().stream()).toList();
    }

    /** One line for logs and exception messages. */
    public String summary() {
        if (accepted) {
            return "accepted by rule set " + ruleSet;
        }
        return "rejected by rule set " + ruleSet + ": " + violations.stream().map(RuleViolation::toString)
                .collect(Collectors.joining("; "));
    }

    @Override
    public String toString() {
        return summary();
    }
}
