package io.autosys.trialmanager.spec;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.autosys.sdk.api.Goal;
import io.autosys.sdk.api.TrialBudget;
import java.io.StringReader;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Reads a study from YAML (or JSON, a subset) and writes its canonical JSON form. Every error
 * names the field and the line; unknown keys are errors (they are usually typos).
 *
 * <pre>
 * name: rocksdb-throughput            # unique
 * target: rocksdb-local               # system id of a registered target
 * objective:                          # one metric...
 *   metric: throughput
 *   goal: maximize                    # optional: the target's own goal for the metric
 * # objective: {reward: {throughput: 1.0, p99_us: -50}}   # ...or a weighted reward, maximised
 * constraints:                        # optional; a trial breaking one is infeasible
 *   - {metric: p99_us, max: 5000}
 * parameters:                         # optional; omitted = every parameter of the target
 *   write_buffer_size: {min: 4194304, max: 268435456}
 *   compression_type: {values: [lz4, zstd]}
 *   max_background_jobs: {}           # full range
 * fixed: {block_size: 4096}           # optional; held at these values
 * designer: gp-bo                     # or {name: gp-bo, settings: {acquisition: ei}}
 * budget:
 *   trials: 30
 *   parallelism: 1                    # default 1
 *   max_failures: 5                   # default trials / 5 + 1
 *   trial_deadline: 60s               # default 10m; units ms, s, m, h (or ISO-8601 PT1M)
 *   wall_clock: 30m                   # optional
 *   trial: {duration_ms: 3000}        # optional: duration_ms, operations, fidelity
 *   max_rejections: 600               # default 20 x trials (at least 200): rule rejections cost no trial
 *   retries: 2                        # default 2 (target unavailable)
 * early_stopping: {metric: throughput, min_trials: 5, min_steps: 2}   # optional
 * warm_start: true                    # default true
 * seed: 42                            # default 0
 * </pre>
 */
public final class StudySpecParser {
    private static final Set<String> TOP = Set.of("name", "target", "objective", "constraints", "parameters", "fixed",
            "designer", "budget", "early_stopping", "warm_start", "seed");
    private static final Pattern DURATION = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(ms|s|m|h)");
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.\\-]{0,127}");

    private StudySpecParser() {
    }

    /** A parsed study and where each field was in the source (dotted path to 1-based line). */
    public record Parsed(StudySpec spec, Map<String, Integer> lines) {
        public int line(String field) {
            return lines.getOrDefault(field, 0);
        }
    }

    /** Parses YAML or JSON text; {@code source} names it in errors (a file name). */
    public static Parsed parse(String text, String source) {
        Node root;
        try {
            var options = new LoaderOptions();
            options.setAllowDuplicateKeys(false);
            options.setMaxAliasesForCollections(10);
            options.setCodePointLimit(1 << 20);
            root = new Yaml(options).compose(new StringReader(text));
        } catch (MarkedYAMLException e) {
            int line = e.getProblemMark() == null ? 0 : e.getProblemMark().getLine() + 1;
            throw new StudySpecException(source, List.of(new SpecError("", line, "YAML syntax error: "
                    + e.getProblem())));
        } catch (YAMLException e) {
            throw new StudySpecException(source, List.of(new SpecError("", 0, "YAML error: " + e.getMessage())));
        }
        var reader = new Reader();
        if (!(root instanceof MappingNode map)) {
            throw new StudySpecException(source, List.of(new SpecError("", root == null ? 0 : line(root),
                    "a study is a mapping of fields (name, target, objective, designer, budget, ...)")));
        }
        StudySpec spec = reader.study(map);
        if (!reader.errors.isEmpty() || spec == null) {
            throw new StudySpecException(source, reader.errors);
        }
        return new Parsed(spec, Map.copyOf(reader.lines));
    }

    /** The canonical JSON form of a study (what the repository stores); {@link #parse} reads it back. */
    public static String toJson(StudySpec s) {
        var m = new LinkedHashMap<String, Object>();
        m.put("name", s.name());
        m.put("target", s.target());
        var o = new LinkedHashMap<String, Object>();
        if (s.objective() instanceof Objective.Metric om) {
            o.put("metric", om.metric());
            if (om.goal() != null) {
                o.put("goal", om.goal().name().toLowerCase(Locale.ROOT));
            }
        } else if (s.objective() instanceof Objective.Weighted w) {
            o.put("reward", w.weights());
        }
        m.put("objective", o);
        var cs = new ArrayList<Map<String, Object>>();
        for (OutcomeConstraint c : s.constraints()) {
            var cm = new LinkedHashMap<String, Object>();
            cm.put("metric", c.metric());
            if (c.min() != null) {
                cm.put("min", c.min());
            }
            if (c.max() != null) {
                cm.put("max", c.max());
            }
            cs.add(cm);
        }
        m.put("constraints", cs);
        var ps = new LinkedHashMap<String, Object>();
        s.parameters().forEach((k, r) -> {
            var rm = new LinkedHashMap<String, Object>();
            if (r.min() != null) {
                rm.put("min", r.min());
            }
            if (r.max() != null) {
                rm.put("max", r.max());
            }
            if (!r.values().isEmpty()) {
                rm.put("values", r.values());
            }
            ps.put(k, rm);
        });
        m.put("parameters", ps);
        m.put("fixed", s.fixed());
        m.put("designer", Map.of("name", s.designer(), "settings", s.settings()));
        Budget b = s.budget();
        var bm = new LinkedHashMap<String, Object>();
        bm.put("trials", b.trials());
        bm.put("parallelism", b.parallelism());
        bm.put("max_failures", b.maxFailures());
        bm.put("trial_deadline", b.trialDeadline().toMillis() + "ms");
        if (b.wallClock() != null) {
            bm.put("wall_clock", b.wallClock().toMillis() + "ms");
        }
        bm.put("trial", Map.of("duration_ms", b.trial().durationMs(), "operations", b.trial().operations(),
                "fidelity", b.trial().fidelity()));
        bm.put("max_rejections", b.maxRejections());
        bm.put("retries", b.retries());
        m.put("budget", bm);
        if (s.earlyStopping() != null) {
            m.put("early_stopping", Map.of("metric", s.earlyStopping().metric(), "min_trials",
                    s.earlyStopping().minTrials(), "min_steps", s.earlyStopping().minSteps()));
        }
        m.put("warm_start", s.warmStart());
        m.put("seed", s.seed());
        try {
            return new ObjectMapper().writeValueAsString(m);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write study '" + s.name() + "' as JSON", e);
        }
    }

    static Duration parseDuration(String text) {
        String t = text.trim();
        Matcher mm = DURATION.matcher(t);
        if (mm.matches()) {
            double v = Double.parseDouble(mm.group(1));
            long ms = switch (mm.group(2)) {
                case "ms" -> Math.round(v);
                case "s" -> Math.round(v * 1000);
                case "m" -> Math.round(v * 60_000);
                default -> Math.round(v * 3_600_000);
            };
            return Duration.ofMillis(ms);
        }
        try {
            return Duration.parse(t);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("'" + text + "' is not a duration: use a number with ms, s, m or h (for"
                    + " example 90s), or ISO-8601 (PT90S)");
        }
    }

    private static int line(Node n) {
        return n.getStartMark() == null ? 0 : n.getStartMark().getLine() + 1;
    }

    /** Walks the node tree, collecting errors instead of stopping at the first. */
    private static final class Reader {
        final List<SpecError> errors = new ArrayList<>();
        final Map<String, Integer> lines = new HashMap<>();

        void error(String field, Node at, String message) {
            errors.add(new SpecError(field, at == null ? 0 : line(at), message));
        }

        Map<String, Node> mapping(String field, Node n, Set<String> allowed) {
            var out = new LinkedHashMap<String, Node>();
            if (!(n instanceof MappingNode m)) {
                error(field, n, "expected a mapping");
                return out;
            }
            for (NodeTuple t : m.getValue()) {
                String key = t.getKeyNode() instanceof ScalarNode k ? k.getValue() : null;
                String path = field.isEmpty() ? key : field + "." + key;
                if (key == null) {
                    error(field, t.getKeyNode(), "keys must be plain names");
                    continue;
                }
                if (allowed != null && !allowed.contains(key)) {
                    error(path, t.getKeyNode(), "unknown field '" + key + "'; allowed: " + new java.util.TreeSet<>(allowed));
                    continue;
                }
                lines.put(path, line(t.getKeyNode()));
                out.put(key, t.getValueNode());
            }
            return out;
        }

        String string(String field, Node n) {
            if (n instanceof ScalarNode s && !s.getTag().equals(Tag.NULL)) {
                return s.getValue();
            }
            error(field, n, "expected a text value");
            return null;
        }

        Double number(String field, Node n) {
            if (n instanceof ScalarNode s && (s.getTag().equals(Tag.INT) || s.getTag().equals(Tag.FLOAT))) {
                try {
                    double d = Double.parseDouble(s.getValue().replace("_", ""));
                    if (!Double.isFinite(d)) {
                        error(field, n, "expected a finite number, got " + s.getValue());
                        return null;
                    }
                    return d;
                } catch (NumberFormatException e) {
                    // falls through to the error below
                }
            }
            error(field, n, "expected a number, got " + describe(n));
            return null;
        }

        Long integer(String field, Node n) {
            if (n instanceof ScalarNode s && s.getTag().equals(Tag.INT)) {
                try {
                    return Long.decode(s.getValue().replace("_", ""));
                } catch (NumberFormatException e) {
                    // falls through
                }
            }
            error(field, n, "expected a whole number, got " + describe(n));
            return null;
        }

        Boolean bool(String field, Node n) {
            if (n instanceof ScalarNode s && s.getTag().equals(Tag.BOOL)) {
                return Boolean.parseBoolean(s.getValue().toLowerCase(Locale.ROOT))
                        || s.getValue().equalsIgnoreCase("yes") || s.getValue().equalsIgnoreCase("on");
            }
            error(field, n, "expected true or false, got " + describe(n));
            return null;
        }

        Object scalar(String field, Node n) {
            if (!(n instanceof ScalarNode s)) {
                error(field, n, "expected a single value");
                return null;
            }
            if (s.getTag().equals(Tag.INT)) {
                return integer(field, n);
            }
            if (s.getTag().equals(Tag.FLOAT)) {
                return number(field, n);
            }
            if (s.getTag().equals(Tag.BOOL)) {
                return bool(field, n);
            }
            if (s.getTag().equals(Tag.NULL)) {
                error(field, n, "expected a value, got null");
                return null;
            }
            return s.getValue();
        }

        /** A free-form value tree (designer settings): scalars, lists and maps. */
        Object any(String field, Node n) {
            if (n instanceof ScalarNode) {
                return scalar(field, n);
            }
            if (n instanceof SequenceNode seq) {
                var out = new ArrayList<Object>();
                for (int i = 0; i < seq.getValue().size(); i++) {
                    out.add(any(field + "[" + i + "]", seq.getValue().get(i)));
                }
                return out;
            }
            var out = new LinkedHashMap<String, Object>();
            mapping(field, n, null).forEach((k, v) -> out.put(k, any(field + "." + k, v)));
            return out;
        }

        private static String describe(Node n) {
            return n instanceof ScalarNode s ? "'" + s.getValue() + "'" : n instanceof SequenceNode ? "a list"
                    : "a mapping";
        }

        StudySpec study(MappingNode root) {
            Map<String, Node> top = mapping("", root, TOP);
            for (String required : List.of("name", "target", "objective", "designer", "budget")) {
                if (!top.containsKey(required)) {
                    error(required, root, "is required");
                }
            }
            String name = top.containsKey("name") ? string("name", top.get("name")) : null;
            if (name != null && !NAME.matcher(name).matches()) {
                error("name", top.get("name"), "'" + name + "' is not a valid study name (1-128 letters, digits, '_',"
                        + " '.', '-')");
            }
            String target = top.containsKey("target") ? string("target", top.get("target")) : null;
            Objective objective = top.containsKey("objective") ? objective(top.get("objective")) : null;
            var constraints = new ArrayList<OutcomeConstraint>();
            if (top.containsKey("constraints")) {
                constraints(top.get("constraints"), constraints);
            }
            var parameters = new LinkedHashMap<String, ParameterRestriction>();
            if (top.containsKey("parameters")) {
                parameters(top.get("parameters"), parameters);
            }
            var fixed = new LinkedHashMap<String, Object>();
            if (top.containsKey("fixed")) {
                mapping("fixed", top.get("fixed"), null).forEach((k, v) -> {
                    Object val = scalar("fixed." + k, v);
                    if (val != null) {
                        fixed.put(k, val);
                    }
                });
            }
            for (String k : fixed.keySet()) {
                if (parameters.containsKey(k)) {
                    error("fixed." + k, top.get("fixed"), "parameter '" + k + "' is both tuned and fixed");
                }
            }
            String designer = null;
            var settings = new LinkedHashMap<String, Object>();
            if (top.containsKey("designer")) {
                Node d = top.get("designer");
                if (d instanceof ScalarNode) {
                    designer = string("designer", d);
                } else {
                    Map<String, Node> dm = mapping("designer", d, Set.of("name", "settings"));
                    designer = dm.containsKey("name") ? string("designer.name", dm.get("name")) : null;
                    if (designer == null && !dm.containsKey("name")) {
                        error("designer.name", d, "is required");
                    }
                    if (dm.containsKey("settings")) {
                        Object s = any("designer.settings", dm.get("settings"));
                        if (s instanceof Map<?, ?> sm) {
                            sm.forEach((k, v) -> settings.put(String.valueOf(k), v));
                        } else {
                            error("designer.settings", dm.get("settings"), "expected a mapping of settings");
                        }
                    }
                }
            }
            Budget budget = top.containsKey("budget") ? budget(top.get("budget")) : null;
            EarlyStopping early = null;
            if (top.containsKey("early_stopping")) {
                Map<String, Node> em = mapping("early_stopping", top.get("early_stopping"),
                        Set.of("metric", "min_trials", "min_steps"));
                String metric = em.containsKey("metric") ? string("early_stopping.metric", em.get("metric"))
                        : objective instanceof Objective.Metric om ? om.metric() : null;
                if (metric == null && !em.containsKey("metric")) {
                    error("early_stopping.metric", top.get("early_stopping"), "is required with a weighted objective");
                }
                Long minTrials = em.containsKey("min_trials") ? integer("early_stopping.min_trials",
                        em.get("min_trials")) : Long.valueOf(5);
                Long minSteps = em.containsKey("min_steps") ? integer("early_stopping.min_steps", em.get("min_steps"))
                        : Long.valueOf(1);
                if (metric != null && minTrials != null && minSteps != null) {
                    early = guard("early_stopping", top.get("early_stopping"), () -> new EarlyStopping(metric,
                            minTrials.intValue(), minSteps.intValue()));
                }
            }
            Boolean warm = top.containsKey("warm_start") ? bool("warm_start", top.get("warm_start")) : Boolean.TRUE;
            Long seed = top.containsKey("seed") ? integer("seed", top.get("seed")) : Long.valueOf(0);
            if (!errors.isEmpty() || name == null || target == null || objective == null || designer == null
                    || budget == null || warm == null || seed == null) {
                return null;
            }
            EarlyStopping es = early;
            String designerName = designer;
            return guard("", root, () -> new StudySpec(name, target, objective, constraints, parameters, fixed,
                    designerName, settings, budget, es, warm, seed));
        }

        Objective objective(Node n) {
            if (n instanceof ScalarNode) {
                String metric = string("objective", n);
                return metric == null ? null : new Objective.Metric(metric, null);
            }
            Map<String, Node> m = mapping("objective", n, Set.of("metric", "goal", "reward"));
            if (m.containsKey("reward")) {
                if (m.containsKey("metric") || m.containsKey("goal")) {
                    error("objective", n, "use either metric (with goal) or reward, not both");
                    return null;
                }
                var weights = new LinkedHashMap<String, Double>();
                mapping("objective.reward", m.get("reward"), null).forEach((k, v) -> {
                    Double w = number("objective.reward." + k, v);
                    if (w != null) {
                        weights.put(k, w);
                    }
                });
                return guard("objective.reward", m.get("reward"), () -> new Objective.Weighted(weights));
            }
            if (!m.containsKey("metric")) {
                error("objective.metric", n, "is required (or give objective.reward)");
                return null;
            }
            String metric = string("objective.metric", m.get("metric"));
            Goal goal = null;
            if (m.containsKey("goal")) {
                String g = string("objective.goal", m.get("goal"));
                if (g != null) {
                    switch (g.toLowerCase(Locale.ROOT)) {
                        case "maximize", "maximise", "max" -> goal = Goal.MAXIMIZE;
                        case "minimize", "minimise", "min" -> goal = Goal.MINIMIZE;
                        default -> error("objective.goal", m.get("goal"), "'" + g + "' is not a goal: use maximize or"
                                + " minimize");
                    }
                }
            }
            return metric == null ? null : new Objective.Metric(metric, goal);
        }

        void constraints(Node n, List<OutcomeConstraint> out) {
            if (!(n instanceof SequenceNode seq)) {
                error("constraints", n, "expected a list of {metric, min, max}");
                return;
            }
            for (int i = 0; i < seq.getValue().size(); i++) {
                String f = "constraints[" + i + "]";
                Node c = seq.getValue().get(i);
                Map<String, Node> m = mapping(f, c, Set.of("metric", "min", "max"));
                String metric = m.containsKey("metric") ? string(f + ".metric", m.get("metric")) : null;
                if (!m.containsKey("metric")) {
                    error(f + ".metric", c, "is required");
                }
                Double min = m.containsKey("min") ? number(f + ".min", m.get("min")) : null;
                Double max = m.containsKey("max") ? number(f + ".max", m.get("max")) : null;
                if (metric != null) {
                    OutcomeConstraint oc = guard(f, c, () -> new OutcomeConstraint(metric, min, max));
                    if (oc != null) {
                        out.add(oc);
                    }
                }
            }
        }

        void parameters(Node n, Map<String, ParameterRestriction> out) {
            if (n instanceof SequenceNode seq) {
                for (Node item : seq.getValue()) {
                    String p = string("parameters", item);
                    if (p != null) {
                        lines.put("parameters." + p, line(item));
                        out.put(p, ParameterRestriction.FULL);
                    }
                }
                return;
            }
            mapping("parameters", n, null).forEach((name, v) -> {
                String f = "parameters." + name;
                if (v instanceof ScalarNode s && s.getTag().equals(Tag.NULL)) {
                    out.put(name, ParameterRestriction.FULL);
                    return;
                }
                Map<String, Node> m = mapping(f, v, Set.of("min", "max", "values"));
                Double min = m.containsKey("min") ? number(f + ".min", m.get("min")) : null;
                Double max = m.containsKey("max") ? number(f + ".max", m.get("max")) : null;
                var values = new ArrayList<String>();
                if (m.containsKey("values")) {
                    if (m.get("values") instanceof SequenceNode vs) {
                        for (Node x : vs.getValue()) {
                            Object val = scalar(f + ".values", x);
                            if (val != null) {
                                values.add(String.valueOf(val));
                            }
                        }
                        if (values.isEmpty()) {
                            error(f + ".values", m.get("values"), "is an empty list");
                        }
                    } else {
                        error(f + ".values", m.get("values"), "expected a list of values");
                    }
                }
                if (min != null && max != null && min > max) {
                    error(f, v, "empty range: min " + fmt(min) + " is greater than max " + fmt(max));
                }
                if ((min != null || max != null) && !values.isEmpty()) {
                    error(f, v, "give a range (min/max) or values, not both");
                }
                out.put(name, new ParameterRestriction(min, max, values));
            });
        }

        Budget budget(Node n) {
            Map<String, Node> m = mapping("budget", n, Set.of("trials", "parallelism", "max_failures",
                    "trial_deadline", "wall_clock", "trial", "max_rejections", "retries"));
            if (!m.containsKey("trials")) {
                error("budget.trials", n, "is required");
                return null;
            }
            Long trials = integer("budget.trials", m.get("trials"));
            Long parallelism = m.containsKey("parallelism") ? integer("budget.parallelism", m.get("parallelism")) : 1L;
            Long maxFailures = m.containsKey("max_failures") ? integer("budget.max_failures", m.get("max_failures"))
                    : trials == null ? null : Long.valueOf(trials / 5 + 1);
            Duration deadline = m.containsKey("trial_deadline") ? duration("budget.trial_deadline",
                    m.get("trial_deadline")) : Duration.ofMinutes(10);
            Duration wall = m.containsKey("wall_clock") ? duration("budget.wall_clock", m.get("wall_clock")) : null;
            TrialBudget trial = TrialBudget.DEFAULT;
            if (m.containsKey("trial")) {
                Map<String, Node> t = mapping("budget.trial", m.get("trial"), Set.of("duration_ms", "operations",
                        "fidelity"));
                Long dur = t.containsKey("duration_ms") ? integer("budget.trial.duration_ms", t.get("duration_ms")) : 0L;
                Long ops = t.containsKey("operations") ? integer("budget.trial.operations", t.get("operations")) : 0L;
                Double fid = t.containsKey("fidelity") ? number("budget.trial.fidelity", t.get("fidelity")) : 0.0;
                if (dur != null && ops != null && fid != null) {
                    trial = guard("budget.trial", m.get("trial"), () -> new TrialBudget(dur, ops, fid));
                }
            }
            Long rejections = m.containsKey("max_rejections") ? integer("budget.max_rejections",
                    m.get("max_rejections")) : trials == null ? null : Long.valueOf(Math.max(200, 20 * trials));
            Long retries = m.containsKey("retries") ? integer("budget.retries", m.get("retries")) : 2L;
            if (trials == null || parallelism == null || maxFailures == null || deadline == null || trial == null
                    || rejections == null || retries == null || (m.containsKey("wall_clock") && wall == null)) {
                return null;
            }
            TrialBudget tb = trial;
            return guard("budget", n, () -> new Budget(Math.toIntExact(trials), Math.toIntExact(parallelism),
                    Math.toIntExact(maxFailures), deadline, wall, tb, Math.toIntExact(rejections),
                    Math.toIntExact(retries)));
        }

        Duration duration(String field, Node n) {
            Object v = scalar(field, n);
            if (v == null) {
                return null;
            }
            if (v instanceof Long ms) {
                error(field, n, "give a unit: " + ms + "ms, " + ms + "s ...");
                return null;
            }
            try {
                return parseDuration(String.valueOf(v));
            } catch (IllegalArgumentException e) {
                error(field, n, e.getMessage());
                return null;
            }
        }

        <T> T guard(String field, Node at, java.util.function.Supplier<T> s) {
            try {
                return s.get();
            } catch (IllegalArgumentException | ArithmeticException e) {
                error(field, at, e.getMessage());
                return null;
            }
        }

        private static String fmt(double d) {
            return d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString((long) d) : Double.toString(d);
        }
    }
}
