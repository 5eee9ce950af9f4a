package io.autosys.ruleengine;

import io.autosys.ruleengine.api.FeedbackAction;
import io.autosys.ruleengine.api.FeedbackFacts;
import io.autosys.ruleengine.api.KnownBadStore;
import io.autosys.ruleengine.api.Proposal;
import io.autosys.ruleengine.api.Purpose;
import io.autosys.ruleengine.api.ReloadReport;
import io.autosys.ruleengine.api.Verdict;
import io.autosys.sdk.api.BooleanParameter;
import io.autosys.sdk.api.CategoricalParameter;
import io.autosys.sdk.api.Configuration;
import io.autosys.sdk.api.IntegerParameter;
import io.autosys.sdk.api.Metrics;
import io.autosys.sdk.api.Parameter;
import io.autosys.sdk.api.RealParameter;
import io.autosys.sdk.api.SystemDescription;
import io.autosys.sdk.api.Value;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The rule author's test kit: checks rule files against sample configurations without a running
 * system (the CLI's {@code autosys rules test} wraps it). Build one for a rules directory and a
 * target description, then check configurations written as {@code name=value} text, or run a
 * samples file (format in rule-engine/README.md):
 *
 * <pre>
 * try (var t = RuleTester.forDirectory(Path.of("deploy/rules"), description)) {
 *     Verdict v = t.check("write_buffer_size=512MiB max_write_buffer_number=4");
 *     SampleReport r = t.runSamples(Path.of("deploy/rules/rocksdb.samples"));
 * }
 * </pre>
 */
public final class RuleTester implements AutoCloseable {
    private static final Pattern ASSIGNMENT = Pattern.compile("([A-Za-z][A-Za-z0-9_.\\-]*)=(\"[^\"]*\"|[^\\s,]+)");
    private static final Pattern QUOTED = Pattern.compile("\"([^\"]*)\"");

    private final DroolsRuleEngine engine;
    private final SystemDescription target;

    private RuleTester(DroolsRuleEngine engine, SystemDescription target) {
        this.engine = engine;
        this.target = target;
    }

    /** Loads every *.drl of {@code rulesDirectory}; compile errors are in {@link #loadReport()}. */
    public static RuleTester forDirectory(Path rulesDirectory, SystemDescription target) {
        return new RuleTester(DroolsRuleEngine.builder().rulesDirectory(rulesDirectory).space(target.space()).build(),
                target);
    }

    /** Loads rule files given as text, file name to DRL. */
    public static RuleTester forDrl(Map<String, String> files, SystemDescription target) {
        var b = DroolsRuleEngine.builder().space(target.space());
        files.forEach(b::drl);
        return new RuleTester(b.build(), target);
    }

    /** Whether the rules compiled, and the errors with file and line when they did not. */
    public ReloadReport loadReport() {
        return engine.lastReload();
    }

    public KnownBadStore knownBad() {
        return engine.knownBad();
    }

    /** Checks a complete configuration as a dry run. */
    public Verdict check(Configuration configuration) {
        return engine.check(Proposal.of(configuration, target));
    }

    /** Checks {@code name=value ...} text; parameters not named keep their defaults. */
    public Verdict check(String assignments) {
        return check(parse(assignments));
    }

    /** Evaluates the feedback rules. */
    public List<FeedbackAction> feedback(Metrics before, Metrics after, Configuration actuated,
            Configuration previous) {
        return engine.evaluateFeedback(new FeedbackFacts(before, after, actuated, previous, target));
    }

    /**
     * The defaults with {@code name=value} assignments on top (separated by spaces or commas).
     * Values take the parameter's kind: integers accept KiB, MiB and GiB suffixes, categories are
     * bare words or quoted. A name the space lacks keeps a literal's natural type, so samples
     * can show what happens to unknown parameters.
     */
    public Configuration parse(String assignments) {
        var changes = new LinkedHashMap<String, Value>();
        String rest = assignments.strip();
        Matcher m = ASSIGNMENT.matcher(rest);
        int pos = 0;
        while (pos < rest.length()) {
            while (pos < rest.length() && (Character.isWhitespace(rest.charAt(pos)) || rest.charAt(pos) == ',')) {
                pos++;
            }
            if (pos >= rest.length()) {
                break;
            }
            if (!m.find(pos) || m.start() != pos) {
                throw new IllegalArgumentException("expected name=value at '" + rest.substring(pos) + "'");
            }
            changes.put(m.group(1), value(m.group(1), unquote(m.group(2))));
            pos = m.end();
        }
        return target.space().overlay(target.space().defaults(), Configuration.of(changes));
    }

    private Value value(String name, String text) {
        Optional<Parameter> p = target.space().find(name);
        try {
            if (p.isEmpty()) {
                return text.matches("-?\\d+") ? Value.of(Long.parseLong(text)) : Value.of(text);
            }
            Parameter param = p.get();
            if (param instanceof IntegerParameter) {
                return Value.of(bytes(text));
            }
            if (param instanceof RealParameter) {
                return Value.of(Double.parseDouble(text));
            }
            if (param instanceof BooleanParameter) {
                if (!text.equals("true") && !text.equals("false")) {
                    throw new IllegalArgumentException("expected true or false");
                }
                return Value.of(Boolean.parseBoolean(text));
            }
            if (param instanceof CategoricalParameter) {
                return Value.of(text);
            }
            throw new IllegalStateException("unknown kind " + param.kind());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("parameter '" + name + "': cannot read '" + text + "' as "
                    + p.map(Parameter::kind).orElse("a value") + (e.getMessage() == null ? "" : ": " + e.getMessage()),
                    e);
        }
    }

    private static long bytes(String text) {
        String t = text.toLowerCase(Locale.ROOT);
        long unit = 1;
        for (var e : Map.of("kib", 1L << 10, "mib", 1L << 20, "gib", 1L << 30).entrySet()) {
            if (t.endsWith(e.getKey())) {
                unit = e.getValue();
                t = t.substring(0, t.length() - e.getKey().length());
            }
        }
        return Math.multiplyExact(Long.parseLong(t), unit);
    }

    private static String unquote(String s) {
        return s.length() >= 2 && s.startsWith("\"") && s.endsWith("\"") ? s.substring(1, s.length() - 1) : s;
    }

    private static Metrics metrics(String text) {
        var m = new LinkedHashMap<String, Double>();
        for (String tok : text.strip().split("[\\s,]+")) {
            if (tok.isEmpty()) {
                continue;
            }
            int eq = tok.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("expected metric=value at '" + tok + "'");
            }
            m.put(tok.substring(0, eq), Double.parseDouble(tok.substring(eq + 1)));
        }
        return new Metrics(m);
    }

    // ------------------------------------------------------------------ samples files

    /** One line of a samples file and whether the rules did what it expects. */
    public record SampleResult(String file, int line, String text, boolean passed, String detail) {
        @Override
        public String toString() {
            return (passed ? "ok   " : "FAIL ") + file + ":" + line + "  " + text + (passed ? "" : "\n       " + detail);
        }
    }

    /** Every sample's result. */
    public record SampleReport(List<SampleResult> results) {
        public SampleReport {
            results = List.copyOf(results);
        }

        public boolean passed() {
            return results.stream().allMatch(SampleResult::passed);
        }

        public List<SampleResult> failures() {
            return results.stream().filter(r -> !r.passed()).toList();
        }

        @Override
        public String toString() {
            long ok = results.stream().filter(SampleResult::passed).count();
            return results.stream().map(SampleResult::toString).collect(Collectors.joining("\n")) + "\n" + ok
                    + " passed, " + (results.size() - ok) + " failed";
        }
    }

    /** Runs a samples file; a line the tester cannot read is a failed sample naming the problem. */
    public SampleReport runSamples(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        String name = file.getFileName().toString();
        var results = new ArrayList<SampleResult>();
        var labels = new HashMap<>(target.labels());
        Purpose purpose = Purpose.CHECK;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            try {
                if (line.startsWith("@label ")) {
                    String kv = line.substring(7).strip();
                    int eq = kv.indexOf('=');
                    if (eq <= 0) {
                        throw new IllegalArgumentException("expected @label name=value");
                    }
                    labels.put(kv.substring(0, eq).strip(), kv.substring(eq + 1).strip());
                    continue;
                }
                if (line.startsWith("@purpose ")) {
                    purpose = Purpose.valueOf(line.substring(9).strip().toUpperCase(Locale.ROOT));
                    continue;
                }
                SystemDescription d = new SystemDescription(target.systemId(), target.serviceKind(),
                        target.instanceId(), target.space(), target.metrics(), target.contextFeatures(),
                        target.maxConcurrentTrials(), labels);
                results.add(sample(name, i + 1, line, d, purpose));
            } catch (RuntimeException e) {
                results.add(new SampleResult(name, i + 1, line, false, "cannot read this line: " + e.getMessage()));
            }
        }
        return new SampleReport(results);
    }

    private SampleResult sample(String file, int lineNo, String line, SystemDescription d, Purpose purpose) {
        String word = line.split("\\s+", 2)[0];
        String rest = line.substring(word.length()).strip();
        switch (word) {
            case "accept" -> {
                Verdict v = engine.check(new Proposal(parse(rest), d, null, null, purpose));
                return new SampleResult(file, lineNo, line, v.accepted(), v.summary());
            }
            case "reject" -> {
                var expected = new TreeSet<String>();
                Matcher q = QUOTED.matcher(rest);
                int end = 0;
                while (q.find() && rest.substring(end, q.start()).isBlank()) {
                    expected.add(q.group(1));
                    end = q.end();
                }
                Verdict v = engine.check(new Proposal(parse(rest.substring(end)), d, null, null, purpose));
                boolean ok = v.rejected() && (expected.isEmpty() || new TreeSet<>(v.violatedRules()).equals(expected));
                return new SampleResult(file, lineNo, line, ok, expected.isEmpty() ? v.summary()
                        : "expected exactly " + expected + ", got " + v.summary());
            }
            case "feedback" -> {
                // feedback KIND[,KIND...]|none before m=v ... after m=v ... [config name=value ...]
                Matcher m = Pattern.compile("(\\S+)\\s+before\\s+(.*?)\\s+after\\s+(.*?)(?:\\s+config\\s+(.*))?$")
                        .matcher(rest);
                if (!m.matches()) {
                    throw new IllegalArgumentException("expected: feedback KINDS before m=v ... after m=v ..."
                            + " [config name=value ...]");
                }
                Set<FeedbackAction.Kind> expected = new TreeSet<>();
                if (!m.group(1).equalsIgnoreCase("none")) {
                    for (String k : m.group(1).split(",")) {
                        expected.add(FeedbackAction.Kind.valueOf(k.strip().toUpperCase(Locale.ROOT)));
                    }
                }
                Configuration previous = d.space().defaults();
                Configuration actuated = m.group(4) == null ? previous : parse(m.group(4));
                List<FeedbackAction> got = engine.evaluateFeedback(new FeedbackFacts(metrics(m.group(2)),
                        metrics(m.group(3)), actuated, previous, d));
                Set<FeedbackAction.Kind> kinds = got.stream().map(FeedbackAction::kind)
                        .collect(Collectors.toCollection(TreeSet::new));
                return new SampleResult(file, lineNo, line, kinds.equals(expected), "expected " + expected + ", got "
                        + got);
            }
            default -> throw new IllegalArgumentException("a sample starts with accept, reject, feedback, @label or"
                    + " @purpose, not '" + word + "'");
        }
    }

    @Override
    public void close() {
        engine.close();
    }

    @Override
    public String toString() {
        return "RuleTester[" + target.serviceKind() + ", " + Objects.toString(engine.lastReload()) + "]";
    }
}
