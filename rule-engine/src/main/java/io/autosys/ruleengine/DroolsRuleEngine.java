package io.autosys.ruleengine;

import io.autosys.ruleengine.api.FeedbackAction;
import io.autosys.ruleengine.api.FeedbackFacts;
import io.autosys.ruleengine.api.KnownBadStore;
import io.autosys.ruleengine.api.Proposal;
import io.autosys.ruleengine.api.ReloadReport;
import io.autosys.ruleengine.api.RuleEngine;
import io.autosys.ruleengine.api.RuleFileError;
import io.autosys.ruleengine.api.RuleSetVersion;
import io.autosys.ruleengine.api.RuleViolation;
import io.autosys.ruleengine.api.Verdict;
import io.autosys.ruleengine.facts.Actions;
import io.autosys.ruleengine.facts.Actuated;
import io.autosys.ruleengine.facts.After;
import io.autosys.ruleengine.facts.Before;
import io.autosys.ruleengine.facts.Findings;
import io.autosys.ruleengine.facts.KnownBadSet;
import io.autosys.ruleengine.facts.Live;
import io.autosys.ruleengine.facts.Observed;
import io.autosys.ruleengine.facts.Previous;
import io.autosys.ruleengine.facts.Proposed;
import io.autosys.ruleengine.facts.Setting;
import io.autosys.ruleengine.facts.SpaceCheck;
import io.autosys.ruleengine.facts.Target;
import io.autosys.sdk.api.ParameterSpace;
import io.autosys.sdk.api.Value;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.kie.api.builder.ReleaseId;
import org.kie.api.definition.rule.Rule;
import org.kie.api.event.rule.BeforeMatchFiredEvent;
import org.kie.api.event.rule.DefaultAgendaEventListener;
import org.kie.api.runtime.StatelessKieSession;

/**
 * The rule engine over Drools (classic DRL, drools-engine + drools-mvel).
 *
 * <p>A rule set is the operators' *.drl files (from a directory and/or given as text), the
 * built-in known-bad rule, and built-in rules generated from every parameter space seen so far.
 * It is compiled as a whole; a compile error leaves the previous rule set active and is reported
 * with file, line and message. Each check runs a stateless session over fresh facts (a new
 * {@link Findings} per check, no globals), so checks are thread-safe and a reload swaps the
 * session atomically under running checks.
 *
 * <p>A parameter space seen for the first time costs one rebuild (its built-in rules are added
 * to the rule set); register spaces up front with {@link Builder#space} to pay that at start.
 */
public final class DroolsRuleEngine implements RuleEngine {
    private static final System.Logger LOG = System.getLogger(DroolsRuleEngine.class.getName());
    private static final RuleSource KNOWN_BAD_RULE = new RuleSource("builtin:known-bad.drl", resource("known-bad.drl"));

    private final Path rulesDirectory;
    private final List<RuleSource> givenSources;
    private final KnownBadStore knownBad;
    private final RuleEngineMetrics metrics;
    private final RuleSetCompiler compiler;
    private final List<Consumer<ReloadReport>> reloadListeners = new CopyOnWriteArrayList<>();
    private final Object buildLock = new Object();
    private final Map<String, RuleSource> spaceRules = new ConcurrentHashMap<>();
    private final Map<ParameterSpace, String> spaceIds = new ConcurrentHashMap<>();
    private volatile SpaceRef lastSpace = new SpaceRef(null, "");
    private volatile ActiveRuleSet active;
    private volatile ReloadReport lastReload;
    private volatile KnownBadCache knownBadCache = new KnownBadCache(Long.MIN_VALUE, KnownBadSet.empty());
    private final RuleDirectoryWatcher watcher;
    private long sequence;
    private long attempts;

    private record SpaceRef(ParameterSpace space, String id) {
    }

    private record KnownBadCache(long revision, KnownBadSet set) {
    }

    private record ActiveRuleSet(RuleSetVersion version, StatelessKieSession session, ReleaseId releaseId,
            List<RuleSource> operatorSources, Set<String> spaceIds, int ruleCount) {
    }

    private DroolsRuleEngine(Builder b) {
        this.rulesDirectory = b.rulesDirectory;
        this.compiler = new RuleSetCompiler("ruleset-" + UUID.randomUUID(), b.sequential);
        this.givenSources = List.copyOf(b.sources.values());
        this.knownBad = b.knownBad != null ? b.knownBad : new InMemoryKnownBadStore();
        this.metrics = new RuleEngineMetrics(b.registry != null ? b.registry : new SimpleMeterRegistry(),
                () -> version().sequence());
        if (b.onReload != null) {
            reloadListeners.add(b.onReload);
        }
        if (rulesDirectory != null && !Files.isDirectory(rulesDirectory)) {
            throw new IllegalArgumentException("rules directory '" + rulesDirectory + "' does not exist or is not a"
                    + " directory");
        }
        for (ParameterSpace s : b.spaces) {
            String id = spaceIdOf(s);
            spaceRules.computeIfAbsent(id, k -> new RuleSource("builtin:space-" + k + ".drl",
                    SpaceRuleGenerator.generate(k, s)));
        }
        reload();
        if (b.watch) {
            if (rulesDirectory == null) {
                throw new IllegalArgumentException("watching needs a rules directory");
            }
            try {
                this.watcher = new RuleDirectoryWatcher(rulesDirectory, b.debounce, this::reload,
                        e -> LOG.log(System.Logger.Level.ERROR, "rule reload failed", e));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot watch rules directory '" + rulesDirectory + "'", e);
            }
        } else {
            this.watcher = null;
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    // ------------------------------------------------------------------ checks

    @Override
    public Verdict check(Proposal proposal) {
        Objects.requireNonNull(proposal, "proposal");
        long start = System.nanoTime();
        Verdict v = evaluate(proposal);
        metrics.checked(v, System.nanoTime() - start);
        return v;
    }

    private Verdict evaluate(Proposal p) {
        ParameterSpace space = p.target().space();
        String spaceId = spaceIdOf(space);
        ActiveRuleSet rs = active;
        if (rs == null || !rs.spaceIds().contains(spaceId)) {
            try {
                rs = ensureSpace(space, spaceId);
            } catch (IllegalStateException e) {
                return Verdict.reject(version(), List.of(new RuleViolation("builtin-rules-failed", e.getMessage(),
                        List.of(), "builtin:space-" + spaceId + ".drl")));
            }
            if (rs == null) {
                return unavailable();
            }
        }
        var findings = new Findings();
        var facts = new ArrayList<Object>(p.configuration().size() + 8);
        facts.add(new Target(p.target(), spaceId));
        facts.add(new Proposed(p.configuration(), p.purpose().name(), findings));
        for (Map.Entry<String, Value> e : p.configuration().values().entrySet()) {
            facts.add(new Setting(spaceId, e.getKey(), e.getValue(), findings));
        }
        facts.add(new SpaceCheck(spaceId, findings, p.configuration().names()));
        facts.add(new Live(p.live()));
        facts.add(new Observed(p.recentMetrics()));
        facts.add(knownBadSet());
        facts.add(findings);
        try {
            rs.session().execute(facts);
        } catch (RuntimeException e) {
            // Fail closed: a rule that throws rejects the proposal, naming the error.
            return Verdict.reject(rs.version(), List.of(new RuleViolation("rule-evaluation-error",
                    "a rule failed while checking: " + describe(e), List.of(), "")));
        }
        return findings.isRejected() ? Verdict.reject(rs.version(), findings.violations())
                : Verdict.accept(rs.version());
    }

    @Override
    public List<FeedbackAction> evaluateFeedback(FeedbackFacts f) {
        Objects.requireNonNull(f, "feedback facts");
        ActiveRuleSet rs = active;
        List<FeedbackAction> out;
        if (rs == null) {
            out = List.of(new FeedbackAction(FeedbackAction.Kind.ALERT, "no rule set is active, feedback rules"
                    + " were not evaluated: " + lastErrors(), "rule-set-unavailable", ""));
        } else {
            var actions = new Actions();
            var facts = new ArrayList<Object>(8);
            facts.add(new Target(f.target(), spaceIdOf(f.target().space())));
            facts.add(new Actuated(f.actuated()));
            facts.add(new Previous(f.previous()));
            facts.add(new Before(f.before()));
            facts.add(new After(f.after()));
            facts.add(knownBadSet());
            facts.add(actions);
            try {
                rs.session().execute(facts);
                out = actions.actions();
            } catch (RuntimeException e) {
                out = List.of(new FeedbackAction(FeedbackAction.Kind.ALERT, "feedback rules failed: " + describe(e),
                        "rule-evaluation-error", ""));
            }
        }
        metrics.feedback(out);
        return out;
    }

    private Verdict unavailable() {
        return Verdict.reject(RuleSetVersion.NONE, List.of(new RuleViolation("rule-set-unavailable",
                "no rule set compiled successfully yet, so nothing is accepted: " + lastErrors(), List.of(), "")));
    }

    private String lastErrors() {
        ReloadReport r = lastReload;
        return r == null ? "not loaded" : r.errors().toString();
    }

    private static String describe(Throwable e) {
        var sb = new StringBuilder(String.valueOf(e.getMessage()));
        Throwable c = e.getCause();
        while (c != null && c != e) {
            sb.append(" <- ").append(c);
            e = c;
            c = c.getCause();
        }
        return sb.toString();
    }

    private KnownBadSet knownBadSet() {
        long rev = knownBad.revision();
        KnownBadCache c = knownBadCache;
        if (c.revision() != rev) {
            c = new KnownBadCache(rev, KnownBadSet.of(knownBad.list()));
            knownBadCache = c;
        }
        return c.set();
    }

    private String spaceIdOf(ParameterSpace space) {
        SpaceRef last = lastSpace;
        if (last.space() == space) {
            return last.id();
        }
        String id = spaceIds.computeIfAbsent(space, SpaceRuleGenerator::spaceId);
        lastSpace = new SpaceRef(space, id);
        return id;
    }

    /** Adds the built-in rules of a space to the rule set; null when no rule set is active. */
    private ActiveRuleSet ensureSpace(ParameterSpace space, String spaceId) {
        synchronized (buildLock) {
            ActiveRuleSet rs = active;
            if (rs != null && rs.spaceIds().contains(spaceId)) {
                return rs;
            }
            spaceRules.computeIfAbsent(spaceId, k -> new RuleSource("builtin:space-" + k + ".drl",
                    SpaceRuleGenerator.generate(k, space)));
            if (rs == null) {
                return null;
            }
            var result = build(rs.operatorSources(), rs.version().digest());
            if (result instanceof RuleSetCompiler.Failed failed) {
                spaceRules.remove(spaceId);
                throw new IllegalStateException("the built-in rules generated for the parameter space " + space
                        + " failed to compile: " + failed.errors());
            }
            return active;
        }
    }

    // ------------------------------------------------------------------ reloads

    @Override
    public ReloadReport reload() {
        synchronized (buildLock) {
            long start = System.nanoTime();
            var sources = new ArrayList<RuleSource>();
            var files = new ArrayList<String>();
            var readErrors = new ArrayList<RuleFileError>();
            if (rulesDirectory != null) {
                readDirectory(sources, files, readErrors);
            }
            for (RuleSource s : givenSources) {
                sources.add(s);
                files.add(s.name());
            }
            ReloadReport report;
            if (!readErrors.isEmpty()) {
                report = new ReloadReport(ReloadReport.Outcome.FAILED, version(), files, readErrors, millisSince(start));
            } else {
                String digest = digest(sources);
                ActiveRuleSet rs = active;
                if (rs != null && rs.version().digest().equals(digest) && rs.spaceIds().equals(spaceRules.keySet())) {
                    report = new ReloadReport(ReloadReport.Outcome.UNCHANGED, rs.version(), files, List.of(),
                            millisSince(start));
                } else {
                    var result = build(sources, digest);
                    report = result instanceof RuleSetCompiler.Failed failed
                            ? new ReloadReport(ReloadReport.Outcome.FAILED, version(), files, failed.errors(),
                                    millisSince(start))
                            : new ReloadReport(ReloadReport.Outcome.LOADED, version(), files, List.of(),
                                    millisSince(start));
                }
            }
            lastReload = report;
            metrics.reloaded(report);
            if (!report.ok()) {
                LOG.log(System.Logger.Level.WARNING, "rule reload failed, rule set " + report.active()
                        + " stays active: " + report.errors());
            } else if (report.outcome() == ReloadReport.Outcome.LOADED) {
                LOG.log(System.Logger.Level.INFO, "rule set " + report.active() + " active: " + ruleCount()
                        + " rules from " + report.files() + " and the built-in rules, in " + report.elapsedMs() + " ms");
            }
            for (Consumer<ReloadReport> l : reloadListeners) {
                try {
                    l.accept(report);
                } catch (RuntimeException e) {
                    LOG.log(System.Logger.Level.WARNING, "reload listener failed", e);
                }
            }
            return report;
        }
    }

    private void readDirectory(List<RuleSource> sources, List<String> files, List<RuleFileError> errors) {
        List<Path> paths;
        try (Stream<Path> s = Files.list(rulesDirectory)) {
            paths = s.filter(p -> {
                String n = p.getFileName().toString();
                return n.endsWith(".drl") && !n.startsWith(".") && !n.startsWith("#") && Files.isRegularFile(p);
            }).sorted().toList();
        } catch (IOException e) {
            errors.add(new RuleFileError(rulesDirectory.toString(), 0, 0, "cannot list the rules directory: " + e));
            return;
        }
        for (Path p : paths) {
            String name = p.getFileName().toString();
            files.add(name);
            try {
                sources.add(new RuleSource(name, Files.readString(p, StandardCharsets.UTF_8)));
            } catch (java.nio.file.NoSuchFileException e) {
                files.remove(name); // deleted between listing and reading
            } catch (IOException e) {
                errors.add(new RuleFileError(name, 0, 0, "cannot read: " + e));
            }
        }
    }

    /** Compiles operator sources with every built-in rule and swaps it in when it compiles. Holds buildLock. */
    private RuleSetCompiler.Result build(List<RuleSource> operatorSources, String digest) {
        var all = new ArrayList<RuleSource>(operatorSources);
        all.add(KNOWN_BAD_RULE);
        var spaces = new TreeMap<>(spaceRules);
        all.addAll(spaces.values());
        RuleSetCompiler.Result result;
        try {
            result = compiler.compile(all, ++attempts);
        } catch (RuntimeException e) {
            // Drools reports most problems as messages; anything it throws is a failed build too.
            result = new RuleSetCompiler.Failed(List.of(new RuleFileError("(rule compiler)", 0, 0,
                    "the rule compiler failed: " + describe(e))));
        }
        if (result instanceof RuleSetCompiler.Compiled c) {
            StatelessKieSession session = c.base().newKieSessionsPool(2).newStatelessKieSession();
            session.addEventListener(new FiringListener(c.ruleSources()));
            var version = new RuleSetVersion(++sequence, digest);
            ActiveRuleSet old = active;
            active = new ActiveRuleSet(version, session, c.releaseId(), List.copyOf(operatorSources),
                    Set.copyOf(spaces.keySet()), c.ruleCount());
            if (old != null) {
                compiler.release(old.releaseId());
            }
        }
        return result;
    }

    private static long millisSince(long startNanos) {
        return (System.nanoTime() - startNanos) / 1_000_000;
    }

    private static String digest(List<RuleSource> sources) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            for (RuleSource s : sources) {
                md.update(s.name().getBytes(StandardCharsets.UTF_8));
                md.update((byte) 0);
                md.update(s.content().getBytes(StandardCharsets.UTF_8));
                md.update((byte) 0);
            }
            return HexFormat.of().formatHex(md.digest(), 0, 6);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String resource(String name) {
        try (InputStream in = DroolsRuleEngine.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // ------------------------------------------------------------------ state

    @Override
    public RuleSetVersion version() {
        ActiveRuleSet rs = active;
        return rs == null ? RuleSetVersion.NONE : rs.version();
    }

    /** The report of the most recent reload (the initial load included). */
    public ReloadReport lastReload() {
        return lastReload;
    }

    /** Rules in the active rule set, built-in ones included; 0 when none is active. */
    public int ruleCount() {
        ActiveRuleSet rs = active;
        return rs == null ? 0 : rs.ruleCount();
    }

    /** Whether the file watcher runs (false when not watching or after close). */
    public boolean isWatching() {
        return watcher != null && watcher.isRunning();
    }

    /** Adds a listener called after every reload (the watcher's included). */
    public void onReload(Consumer<ReloadReport> listener) {
        reloadListeners.add(Objects.requireNonNull(listener, "listener"));
    }

    @Override
    public KnownBadStore knownBad() {
        return knownBad;
    }

    @Override
    public void close() {
        if (watcher != null) {
            watcher.close();
        }
    }

    /** Tells the per-check collectors which rule is firing, so violations carry its name and file. */
    private static final class FiringListener extends DefaultAgendaEventListener {
        private final Map<String, String> ruleSources;

        FiringListener(Map<String, String> ruleSources) {
            this.ruleSources = ruleSources;
        }

        @Override
        public void beforeMatchFired(BeforeMatchFiredEvent event) {
            Rule rule = event.getMatch().getRule();
            String source = ruleSources.getOrDefault(RuleSetCompiler.ruleKey(rule.getPackageName(), rule.getName()),
                    "");
            for (Object o : event.getMatch().getObjects()) {
                if (o instanceof Findings f) {
                    f.firing(rule.getName(), source);
                } else if (o instanceof Proposed p) {
                    p.getFindings().firing(rule.getName(), source);
                } else if (o instanceof Setting s) {
                    s.getFindings().firing(rule.getName(), source);
                } else if (o instanceof SpaceCheck c) {
                    c.getFindings().firing(rule.getName(), source);
                } else if (o instanceof Actions a) {
                    a.firing(rule.getName(), source);
                }
            }
        }
    }

    /** Configures an engine. */
    public static final class Builder {
        private Path rulesDirectory;
        private final Map<String, RuleSource> sources = new LinkedHashMap<>();
        private KnownBadStore knownBad;
        private MeterRegistry registry;
        private boolean watch;
        private Duration debounce = Duration.ofMillis(200);
        private Consumer<ReloadReport> onReload;
        private final List<ParameterSpace> spaces = new ArrayList<>();
        private boolean sequential = true;

        private Builder() {
        }

        /**
         * Drools's sequential mode (the default): all facts inserted, then each rule evaluated
         * once. Rules here only read their facts, so verdicts are the same either way; turn it off
         * only for rules that insert or modify facts in their consequences (ignored in sequential mode).
         */
        public Builder sequential(boolean on) {
            this.sequential = on;
            return this;
        }

        /** Every *.drl file directly in this directory is an operator rule file. */
        public Builder rulesDirectory(Path directory) {
            this.rulesDirectory = Objects.requireNonNull(directory, "rules directory");
            return this;
        }

        /** An operator rule file given as text (tests, generated rule sets, the CLI's rule test). */
        public Builder drl(String name, String content) {
            if (sources.put(Objects.requireNonNull(name, "name"), new RuleSource(name, content)) != null) {
                throw new IllegalArgumentException("rule text '" + name + "' is given twice");
            }
            return this;
        }

        public Builder knownBad(KnownBadStore store) {
            this.knownBad = Objects.requireNonNull(store, "known-bad store");
            return this;
        }

        public Builder meterRegistry(MeterRegistry meterRegistry) {
            this.registry = Objects.requireNonNull(meterRegistry, "meter registry");
            return this;
        }

        /** Reload when a *.drl file in the rules directory changes, after {@code quiet} without changes. */
        public Builder watch(Duration quiet) {
            this.watch = true;
            this.debounce = Objects.requireNonNull(quiet, "debounce");
            return this;
        }

        public Builder onReload(Consumer<ReloadReport> listener) {
            this.onReload = Objects.requireNonNull(listener, "listener");
            return this;
        }

        /** Generates this space's built-in rules at start instead of on the first check that needs them. */
        public Builder space(ParameterSpace space) {
            spaces.add(Objects.requireNonNull(space, "space"));
            return this;
        }

        /** Builds the engine and loads the rules; a compile error is in {@link #lastReload()}, not thrown. */
        public DroolsRuleEngine build() {
            return new DroolsRuleEngine(this);
        }
    }
}
