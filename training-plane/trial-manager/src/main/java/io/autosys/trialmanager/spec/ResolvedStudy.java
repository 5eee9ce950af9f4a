package io.autosys.trialmanager.spec;

import io.autosys.candidategenerator.api.Problem;
import io.autosys.sdk.api.BooleanParameter;
import io.autosys.sdk.api.CategoricalParameter;
import io.autosys.sdk.api.Condition;
import io.autosys.sdk.api.Configuration;
import io.autosys.sdk.api.Goal;
import io.autosys.sdk.api.IntegerParameter;
import io.autosys.sdk.api.MetricSpec;
import io.autosys.sdk.api.Parameter;
import io.autosys.sdk.api.ParameterSpace;
import io.autosys.sdk.api.RealParameter;
import io.autosys.sdk.api.SystemDescription;
import io.autosys.sdk.api.Value;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/**
 * A study checked against its target: the space the designer searches (the chosen parameters
 * with their narrower ranges), the values held fixed, and the objective with its goal. Parameters
 * neither tuned nor fixed stay at the target's current values.
 */
public record ResolvedStudy(StudySpec spec, SystemDescription target, ParameterSpace searchSpace, Configuration fixed,
        Objective objective) {

    /** The designer's problem. */
    public Problem problem() {
        return new Problem(searchSpace, objective.goal());
    }

    /**
     * What the target runs for a suggestion: the suggestion plus the fixed values, completed with
     * the target's current values for everything else. Throws naming the parameter if invalid.
     */
    public Configuration trialConfiguration(Configuration suggestion) {
        var b = Configuration.builder().setAll(fixed).setAll(suggestion);
        return target.space().complete(b.build());
    }

    /** Resolves a parsed study against its target; {@code designerExists} knows the designer names. */
    public static ResolvedStudy resolve(StudySpecParser.Parsed parsed, SystemDescription target,
            Predicate<String> designerExists, String source) {
        StudySpec spec = parsed.spec();
        var errors = new ArrayList<SpecError>();
        if (!spec.target().equals(target.systemId())) {
            errors.add(new SpecError("target", parsed.line("target"), "the study names target '" + spec.target()
                    + "' but was resolved against '" + target.systemId() + "'"));
        }
        if (!designerExists.test(spec.designer())) {
            errors.add(new SpecError("designer", parsed.line("designer"), "unknown designer '" + spec.designer() + "'"));
        }
        Objective objective = spec.objective();
        for (String m : objective.metrics()) {
            if (target.metric(m).isEmpty()) {
                errors.add(new SpecError("objective", parsed.line("objective"), "unknown metric '" + m + "'; target '"
                        + target.systemId() + "' reports " + target.metrics().stream().map(MetricSpec::name).toList()));
            }
        }
        if (objective instanceof Objective.Metric om && om.goal() == null && target.metric(om.metric()).isPresent()) {
            objective = new Objective.Metric(om.metric(), target.metric(om.metric()).get().goal());
        }
        for (OutcomeConstraint c : spec.constraints()) {
            if (target.metric(c.metric()).isEmpty()) {
                errors.add(new SpecError("constraints", parsed.line("constraints"), "unknown metric '" + c.metric()
                        + "' in a constraint"));
            }
        }
        if (spec.earlyStopping() != null && target.metric(spec.earlyStopping().metric()).isEmpty()) {
            errors.add(new SpecError("early_stopping.metric", parsed.line("early_stopping.metric"), "unknown metric '"
                    + spec.earlyStopping().metric() + "'"));
        }
        ParameterSpace full = target.space();
        Set<String> known = new java.util.LinkedHashSet<>();
        full.parameters().forEach(p -> known.add(p.name()));
        for (String name : spec.parameters().keySet()) {
            if (!known.contains(name)) {
                errors.add(new SpecError("parameters." + name, parsed.line("parameters." + name), "unknown parameter '"
                        + name + "'; target '" + target.systemId() + "' has " + known));
            }
        }
        // Fixed values, typed against their parameters.
        var fixedValues = new LinkedHashMap<String, Value>();
        spec.fixed().forEach((name, raw) -> {
            String field = "fixed." + name;
            var p = full.find(name);
            if (p.isEmpty()) {
                errors.add(new SpecError(field, parsed.line(field), "unknown parameter '" + name + "'; target has "
                        + known));
                return;
            }
            try {
                Value v = typed(p.get(), raw);
                p.get().check(v).ifPresent(viol -> errors.add(new SpecError(field, parsed.line(field), viol.message())));
                fixedValues.put(name, v);
            } catch (IllegalArgumentException e) {
                errors.add(new SpecError(field, parsed.line(field), e.getMessage()));
            }
        });
        // The search space: chosen (or all non-fixed) parameters, narrowed, in the target's order.
        var search = new ArrayList<Parameter>();
        Configuration context = Configuration.of(fixedValues);
        for (Parameter p : full.parameters()) {
            boolean chosen = spec.parameters().isEmpty() ? !fixedValues.containsKey(p.name())
                    : spec.parameters().containsKey(p.name());
            if (!chosen) {
                continue;
            }
            String field = "parameters." + p.name();
            ParameterRestriction r = spec.parameters().getOrDefault(p.name(), ParameterRestriction.FULL);
            try {
                Parameter narrowed = narrow(p, r);
                Condition c = narrowed.condition();
                if (c != null && search.stream().noneMatch(q -> q.name().equals(c.parent()))) {
                    // The parent is not searched: it stays at its fixed or current value.
                    Value parentValue = context.find(c.parent()).orElse(full.get(c.parent()).defaultValue());
                    if (!c.holdsFor(parentValue)) {
                        errors.add(new SpecError(field, parsed.line(field), "parameter '" + p.name()
                                + "' is never active: its parent '" + c.parent() + "' stays '" + parentValue.asString()
                                + "' but it applies only for " + c.values()));
                        continue;
                    }
                    narrowed = withoutCondition(narrowed);
                }
                search.add(narrowed);
            } catch (IllegalArgumentException e) {
                errors.add(new SpecError(field, parsed.line(field), e.getMessage()));
            }
        }
        if (search.isEmpty() && errors.isEmpty()) {
            errors.add(new SpecError("parameters", parsed.line("parameters"), "nothing left to tune"));
        }
        ParameterSpace searchSpace = null;
        if (errors.isEmpty()) {
            try {
                searchSpace = new ParameterSpace(search);
                // The fixed values and the defaults of the rest must make a valid configuration.
                target.space().complete(Configuration.builder().setAll(Configuration.of(fixedValues))
                        .setAll(searchSpace.defaults()).build());
            } catch (IllegalArgumentException e) {
                errors.add(new SpecError("parameters", parsed.line("parameters"), e.getMessage()));
            }
        }
        if (!errors.isEmpty()) {
            throw new StudySpecException(source, errors);
        }
        return new ResolvedStudy(spec, target, searchSpace, Configuration.of(fixedValues), objective);
    }

    /** A YAML scalar as a value of the parameter's kind (an integer is accepted for a real). */
    static Value typed(Parameter p, Object raw) {
        if (p instanceof RealParameter) {
            if (raw instanceof Number n) {
                return Value.of(n.doubleValue());
            }
        } else if (p instanceof IntegerParameter) {
            if (raw instanceof Long l) {
                return Value.of(l);
            }
            if (raw instanceof Double d && d == Math.rint(d)) {
                return Value.of(d.longValue());
            }
        } else if (p instanceof CategoricalParameter) {
            return Value.of(String.valueOf(raw));
        } else if (p instanceof BooleanParameter && raw instanceof Boolean b) {
            return Value.of(b);
        }
        throw new IllegalArgumentException("parameter '" + p.name() + "' is " + p.kind() + " but got '" + raw + "'");
    }

    private static Parameter narrow(Parameter p, ParameterRestriction r) {
        if (r.min() == null && r.max() == null && r.values().isEmpty()) {
            return p;
        }
        if (p instanceof RealParameter rp) {
            requireNoValues(p, r);
            double lo = r.min() == null ? rp.min() : r.min();
            double hi = r.max() == null ? rp.max() : r.max();
            requireInside(p, lo, hi, rp.min(), rp.max());
            return rp.withRange(lo, hi);
        }
        if (p instanceof IntegerParameter ip) {
            requireNoValues(p, r);
            double lo = r.min() == null ? ip.min() : r.min();
            double hi = r.max() == null ? ip.max() : r.max();
            if (lo != Math.rint(lo) || hi != Math.rint(hi)) {
                throw new IllegalArgumentException("parameter '" + p.name() + "' is an integer: its range needs whole"
                        + " numbers, got [" + lo + ", " + hi + "]");
            }
            requireInside(p, lo, hi, ip.min(), ip.max());
            // Keep the target's grid: the narrowed bounds snap onto it.
            long newMin = (long) ip.snap(lo).asDouble();
            if (newMin < lo) {
                newMin += ip.step();
            }
            long newMax = (long) ip.snap(hi).asDouble();
            if (newMax > hi) {
                newMax -= ip.step();
            }
            if (newMin > newMax) {
                throw new IllegalArgumentException("parameter '" + p.name() + "': no value of its grid (step "
                        + ip.step() + ") lies in [" + (long) lo + ", " + (long) hi + "]");
            }
            return ip.withRange(newMin, newMax);
        }
        if (p instanceof CategoricalParameter cp) {
            if (r.min() != null || r.max() != null) {
                throw new IllegalArgumentException("parameter '" + p.name() + "' is categorical: list values, not a"
                        + " range");
            }
            return cp.withCategories(r.values());
        }
        if (!r.values().isEmpty() || r.min() != null || r.max() != null) {
            throw new IllegalArgumentException("parameter '" + p.name() + "' is boolean: it cannot be narrowed; fix it"
                    + " instead");
        }
        return p;
    }

    private static void requireNoValues(Parameter p, ParameterRestriction r) {
        if (!r.values().isEmpty()) {
            throw new IllegalArgumentException("parameter '" + p.name() + "' is " + p.kind() + ": give min/max, not"
                    + " values");
        }
    }

    private static void requireInside(Parameter p, double lo, double hi, double min, double max) {
        if (lo > hi) {
            throw new IllegalArgumentException("parameter '" + p.name() + "': empty range [" + lo + ", " + hi + "]");
        }
        if (lo < min || hi > max) {
            throw new IllegalArgumentException("parameter '" + p.name() + "': range [" + lo + ", " + hi
                    + "] is outside the target's [" + min + ", " + max + "]");
        }
    }

    private static Parameter withoutCondition(Parameter p) {
        if (p instanceof RealParameter r) {
            return r.withCondition(null);
        }
        if (p instanceof IntegerParameter i) {
            return i.withCondition(null);
        }
        if (p instanceof CategoricalParameter c) {
            return c.withCondition(null);
        }
        return ((BooleanParameter) p).withCondition(null);
    }

    /** The goal of the objective (never null once resolved). */
    public Goal goal() {
        return objective.goal();
    }

    /** Every metric the study reads (objective, constraints, early stopping). */
    public List<String> metricsRead() {
        var out = new ArrayList<>(objective.metrics());
        spec.constraints().forEach(c -> out.add(c.metric()));
        return out;
    }
}
