package io.autosys.deploy;

import io.autosys.modelrepository.api.BestConfiguration;
import io.autosys.modelrepository.api.StudyRecord;
import io.autosys.modelrepository.api.StudyState;
import io.autosys.proto.v1.Study;
import io.autosys.ruleengine.api.ActuationGate;
import io.autosys.sdk.api.Configuration;
import io.autosys.sdk.api.MetricSpec;
import io.autosys.sdk.api.SystemDescription;
import io.autosys.trainingplane.NodeConfig;
import io.autosys.trainingplane.TrainingPlaneNode;
import io.autosys.trialmanager.spec.StudySpec;
import io.autosys.trialmanager.spec.StudySpecParser;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The README's main job: starts a real target on loopback, runs a study on it through the whole
 * training plane (rules, trial manager, store, model trainer) with a progress bar, then measures
 * the best configuration found and the target's defaults again, interleaved, and prints the
 * improvement.
 */
@Command(name = "tune", mixinStandardHelpOptions = true,
        description = "Tune a real system end to end on the embedded defaults, then re-measure the best"
                + " configuration against the defaults side by side.")
final class TuneCommand implements Callable<Integer> {
    @Option(names = "--target", defaultValue = "rocksdb",
            description = "rocksdb (default) or synthetic:<function> (branin, hartmann6, rosenbrock4, mixed5)")
    String target;

    @Option(names = "--study", description = "a study YAML (default: the built-in study for the target)")
    Path studyFile;

    @Option(names = "--trials", description = "override the study's number of trials")
    Integer trials;

    @Option(names = "--data-dir", description = "default: $AUTOSYS_DATA or ~/.local/share/autosys")
    Path dataDir;

    @Option(names = "--rules-dir", description = "operator DRL rules (default: deploy/rules when present)")
    Path rulesDir;

    @Option(names = "--repeats", defaultValue = "3", description = "re-measurements of each configuration")
    int repeats;

    @Option(names = "--key-count", defaultValue = "300000", description = "RocksDB workload: keys (default 300000)")
    long keyCount;

    private final PrintStream out = System.out;

    @Override
    public Integer call() throws Exception {
        Path data = dataDir != null ? dataDir : Standalone.defaultDataDir();
        Path rules = rulesDir != null ? rulesDir : Standalone.defaultRulesDir();
        Files.createDirectories(data);
        out.println("AutoSys: tuning " + target + " (data in " + data + (rules == null ? "" : ", rules from " + rules)
                + ")");
        try (var served = EmbeddedTargets.start(target, data, new io.autosys.targets.rocksdb.Workload(keyCount,
                EmbeddedTargets.ROCKSDB_WORKLOAD.valueSize(), EmbeddedTargets.ROCKSDB_WORKLOAD.readFraction()),
                java.time.Duration.ZERO);
                var node = TrainingPlaneNode.open(NodeConfig.embedded(data, rules), null).serve()) {
            Files.writeString(data.resolve("endpoint"), "127.0.0.1:" + node.port() + "\n");
            out.println("training plane API on 127.0.0.1:" + node.port() + " (token in " + data.resolve("token")
                    + "); target " + served.system().describe().systemId() + " on " + served.address());
            node.api().registerTarget(served.address(), false);
            SystemDescription d = served.system().describe();

            StudySpec spec = StudySpecParser.parse(studyText(), studyFile == null ? "built-in study" : studyFile
                    .toString()).spec();
            spec = spec.withName(spec.name() + "-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern(
                    "yyyyMMdd-HHmmss")));
            if (trials != null) {
                spec = withTrials(spec, trials);
            }
            MetricSpec metric = d.metric(((io.autosys.trialmanager.spec.Objective.Metric) spec.objective()).metric())
                    .orElseThrow();
            boolean tty = System.console() != null;
            Study created = node.api().createStudy(StudySpecParser.toJson(spec), "study " + spec.name(), false);
            var bar = new ProgressBar(created.getId(), out, tty, v -> format(v, metric));
            node.trialManager().addListener(bar);
            out.println("study " + spec.name() + ": " + spec.budget().trials() + " trials"
                    + (spec.budget().trial().durationMs() > 0 ? " of " + spec.budget().trial().durationMs() + " ms" : "")
                    + " with designer " + spec.designer() + " (log: " + data.resolve("autosys.log") + ")");
            node.trialManager().start(created.getId());
            StudyRecord done = node.trialManager().completion(created.getId()).get(6, TimeUnit.HOURS);
            bar.finish();
            node.trainer().drain();
            out.println("study " + done.name() + " " + done.state().name().toLowerCase(Locale.ROOT) + ": "
                    + done.stateReason());
            var best = node.repository().best("study:" + done.id());
            if (best.isEmpty()) {
                out.println("no trial succeeded; nothing to compare");
                return 1;
            }
            printBest(best.get(), d);
            remeasure(node.gate(d.systemId()), d, best.get().configuration(), spec, metric);
            return done.state() == StudyState.COMPLETED ? 0 : 1;
        }
    }

    private String studyText() throws IOException {
        if (studyFile != null) {
            return Files.readString(studyFile);
        }
        String resource = target.equals("rocksdb") ? "/studies/rocksdb-demo.yaml" : "/studies/synthetic-demo.yaml";
        try (InputStream in = TuneCommand.class.getResourceAsStream(resource)) {
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            return target.startsWith("synthetic:") ? text.replace("synthetic-FUNCTION", "synthetic-"
                    + target.substring("synthetic:".length())) : text;
        }
    }

    private static StudySpec withTrials(StudySpec s, int n) {
        var b = s.budget();
        var budget = new io.autosys.trialmanager.spec.Budget(n, b.parallelism(), b.maxFailures(), b.trialDeadline(),
                b.wallClock(), b.trial(), b.maxRejections(), b.retries());
        return new StudySpec(s.name(), s.target(), s.objective(), s.constraints(), s.parameters(), s.fixed(),
                s.designer(), s.settings(), budget, s.earlyStopping(), s.warmStart(), s.seed());
    }

    private void printBest(BestConfiguration best, SystemDescription d) {
        Configuration defaults = d.space().defaults();
        out.println("best configuration (trial " + best.trialNumber() + "), changes from the defaults:");
        best.configuration().values().forEach((k, v) -> {
            var def = defaults.find(k);
            if (def.isEmpty() || !def.get().equals(v)) {
                out.printf(Locale.ROOT, "  %-36s %s -> %s%n", k, def.map(x -> x.asString()).orElse("(inactive)"),
                        v.asString());
            }
        });
    }

    /** Defaults and best, interleaved so both see the same machine noise; medians of the metric. */
    private void remeasure(ActuationGate gate, SystemDescription d, Configuration best, StudySpec spec,
            MetricSpec metric) {
        out.println("re-measuring the defaults and the best configuration, interleaved, " + repeats + " times each...");
        var r = SideBySide.measure(gate, d.space().defaults(), best, spec.budget().trial(),
                spec.budget().trialDeadline().plus(Duration.ofSeconds(10)), metric, repeats);
        out.printf(Locale.ROOT, "%-10s %s%n", "defaults", join(r.baseline(), metric));
        out.printf(Locale.ROOT, "%-10s %s%n", "best", join(r.candidate(), metric));
        out.printf(Locale.ROOT, "median %s: defaults %s, best %s: %+.1f%% %s%n", metric.name(),
                format(r.baselineMedian(), metric), format(r.candidateMedian(), metric), r.improvementPercent(),
                r.improvementPercent() >= 0 ? "better" : "worse");
    }

    private static String join(List<Double> v, MetricSpec m) {
        return String.join("  ", v.stream().map(x -> format(x, m)).toList());
    }

    static String format(double v, MetricSpec m) {
        String num = Math.abs(v) >= 1000 ? String.format(Locale.ROOT, "%,.0f", v) : String.format(Locale.ROOT, "%.4g",
                v);
        return m.unit().isEmpty() ? num : num + " " + m.unit();
    }
}
