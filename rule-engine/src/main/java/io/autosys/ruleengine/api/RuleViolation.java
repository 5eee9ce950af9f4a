package io.autosys.ruleengine.api;

import io.autosys.sdk.api.Violation;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One rule that rejected a proposal.
 *
 * @param rule       the rule's name (built-in space rules are named {@code space:<check>:<parameter>},
 *                   for example {@code space:bounds:block_size}; the known-bad rule is {@code known-bad})
 * @param reason     a sentence for people
 * @param parameters the parameters involved, possibly empty (a rule over metrics only)
 * @param source     the rule file it came from ({@code builtin:...} for generated rules), or empty
 */
public record RuleViolation(String rule, String reason, List<String> parameters, String source) {
    public RuleViolation {
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(reason, "reason");
        parameters = List.copyOf(parameters);
        source = source == null ? "" : source;
    }

    /**
     * The SDK's vocabulary for the same problem: one {@link Violation} per parameter involved (subject
     * the parameter, rule this rule's name), or one with subject "configuration" when none is named.
     */
    public List<Violation> toViolations() {
        if (parameters.isEmpty()) {
            return List.of(new Violation("configuration", rule, reason));
        }
        var out = new ArrayList<Violation>(parameters.size());
        for (String p : parameters) {
            out.add(new Violation(p, rule, reason));
        }
        return out;
    }

    @Override
    public String toString() {
        return rule + (parameters.isEmpty() ? "" : " " + parameters) + ": " + reason
                + (source.isEmpty() ? "" : " (" + source + ")");
    }
}
