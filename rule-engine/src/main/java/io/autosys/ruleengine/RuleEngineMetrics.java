package io.autosys.ruleengine;

import io.autosys.ruleengine.api.FeedbackAction;
import io.autosys.ruleengine.api.ReloadReport;
import io.autosys.ruleengine.api.Verdict;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The engine's meters: {@code autosys.rules.checks} (tag outcome=accepted|rejected),
 * {@code autosys.rules.rejections} (tag rule: one count per rule that fired in a rejected check),
 * {@code autosys.rules.check.latency} (a timer), {@code autosys.rules.reloads} (tag
 * outcome=loaded|unchanged|failed), {@code autosys.rules.feedback.actions} (tag kind) and the
 * gauge {@code autosys.rules.version} (the active rule set's sequence).
 */
final class RuleEngineMetrics {
    private final MeterRegistry registry;
    private final Counter accepted;
    private final Counter rejected;
    private final Timer latency;
    private final ConcurrentHashMap<String, Counter> perRule = new ConcurrentHashMap<>();

    RuleEngineMetrics(MeterRegistry registry, Supplier<Number> version) {
        this.registry = registry;
        this.accepted = Counter.builder("autosys.rules.checks").tag("outcome", "accepted")
                .description("proposals checked").register(registry);
        this.rejected = Counter.builder("autosys.rules.checks").tag("outcome", "rejected")
                .description("proposals checked").register(registry);
        this.latency = Timer.builder("autosys.rules.check.latency").description("time to check one proposal")
                .register(registry);
        Gauge.builder("autosys.rules.version", version, s -> s.get().doubleValue()).strongReference(true)
                .description("sequence of the active rule set").register(registry);
    }

    void checked(Verdict v, long nanos) {
        latency.record(nanos, TimeUnit.NANOSECONDS);
        if (v.accepted()) {
            accepted.increment();
            return;
        }
        rejected.increment();
        Set<String> rules = v.violatedRules();
        for (String rule : rules) {
            perRule.computeIfAbsent(rule, r -> Counter.builder("autosys.rules.rejections").tag("rule", r)
                    .description("rejections per rule").register(registry)).increment();
        }
    }

    void reloaded(ReloadReport r) {
        registry.counter("autosys.rules.reloads", "outcome", r.outcome().name().toLowerCase(java.util.Locale.ROOT))
                .increment();
    }

    void feedback(java.util.List<FeedbackAction> actions) {
        for (FeedbackAction a : actions) {
            registry.counter("autosys.rules.feedback.actions", "kind", a.kind().name().toLowerCase(java.util.Locale.ROOT))
                    .increment();
        }
    }
}
