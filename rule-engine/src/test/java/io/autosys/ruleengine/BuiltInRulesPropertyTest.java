package io.autosys.ruleengine;

import static org.assertj.core.api.Assertions.assertThat;

import io.autosys.ruleengine.api.Proposal;
import io.autosys.ruleengine.api.RuleViolation;
import io.autosys.ruleengine.api.Verdict;
import io.autosys.sdk.api.Configuration;
import io.autosys.sdk.api.Goal;
import io.autosys.sdk.api.MetricSpec;
import io.autosys.sdk.api.ParameterSpace;
import io.autosys.sdk.api.SystemDescription;
import io.autosys.sdk.api.Violation;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The built-in rules generated from a space give exactly the verdicts of the SDK's plain-Java
 * check {@link ParameterSpace#violations}: the same accept/reject and the same set of
 * (parameter, check) pairs, over 100,000 random proposals inside and outside random spaces.
 */
class BuiltInRulesPropertyTest {
    private static final int PROPOSALS = 100_000;

    @Test
    void builtInRulesAgreeWithThePlainJavaCheckOfTheSpace() {
        var random = new RandomProposals(20_240_601L);
        var spaces = new ArrayList<ParameterSpace>();
        spaces.add(RocksDb.SPACE);
        for (int i = 0; i < 11; i++) {
            spaces.add(random.space(i));
        }
        var builder = DroolsRuleEngine.builder();
        spaces.forEach(builder::space);
        var descriptions = spaces.stream().map(s -> new SystemDescription("sys-" + spaces.indexOf(s), "kind-"
                + spaces.indexOf(s), null, s, List.of(MetricSpec.of("m", "", Goal.MINIMIZE)), List.of(), 1, Map.of()))
                .toList();
        int accepted = 0;
        var kinds = new TreeSet<String>();
        try (var engine = builder.build()) {
            assertThat(engine.lastReload().ok()).as(engine.lastReload().toString()).isTrue();
            for (int i = 0; i < PROPOSALS; i++) {
                int s = i % spaces.size();
                ParameterSpace space = spaces.get(s);
                Configuration c = random.proposal(space);
                Verdict v = engine.check(Proposal.of(c, descriptions.get(s)));
                List<Violation> expected = space.violations(c);
                Set<String> want = new TreeSet<>();
                for (Violation x : expected) {
                    want.add(x.subject() + "|" + x.rule());
                }
                assertThat(pairs(v)).as("proposal %d %s in %s: %s", i, c, space.parameters(), v).isEqualTo(want);
                assertThat(v.accepted()).isEqualTo(expected.isEmpty());
                if (v.accepted()) {
                    accepted++;
                }
                want.forEach(w -> kinds.add(w.substring(w.indexOf('|') + 1)));
            }
        }
        // The generator reaches both outcomes and every kind of check.
        assertThat(accepted).isBetween(PROPOSALS / 4, PROPOSALS * 3 / 4);
        assertThat(kinds).containsExactlyInAnyOrder("unknown-parameter", "missing", "inactive", "type", "bounds",
                "step", "category");
    }

    /** The built-in violations as "parameter|check" pairs, from rule names space:check:parameter. */
    private static Set<String> pairs(Verdict v) {
        var out = new TreeSet<String>();
        for (RuleViolation rv : v.violations()) {
            assertThat(rv.rule()).startsWith("space:");
            assertThat(rv.source()).startsWith("builtin:space-");
            assertThat(rv.parameters()).hasSize(1);
            String check = rv.rule().split(":")[1];
            out.add(rv.parameters().get(0) + "|" + check);
        }
        return out;
    }
}
