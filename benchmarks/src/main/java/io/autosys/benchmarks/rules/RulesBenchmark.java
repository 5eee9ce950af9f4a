package io.autosys.benchmarks.rules;

import io.autosys.benchmarks.report.ResultsFile;
import io.autosys.benchmarks.report.Table;
import java.nio.file.Path;
import java.util.Collection;
import java.util.LinkedHashMap;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs {@link RuleCheckBenchmark} (short: 2 forks, 3 warm-up and 5 measured 1-second iterations
 * per rule set) and writes benchmarks/results/rules.json with the median check times.
 *
 * <p>{@code flock /tmp/autosys-mvn.lock ./mvnw -q -B -pl benchmarks -am verify -DskipTests -Pbench-rules}
 */
public final class RulesBenchmark {
    private RulesBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int forks = Integer.getInteger("jmh.forks", 2);
        var options = new OptionsBuilder().include(RuleCheckBenchmark.class.getName() + ".check")
                .forks(forks).threads(1)
                .warmupIterations(3).warmupTime(TimeValue.seconds(1))
                .measurementIterations(5).measurementTime(TimeValue.seconds(1))
                .jvmArgsAppend("-Xmx1g", "-Dautosys.rules.dir=" + RuleCheckBenchmark.rulesDirectory().toAbsolutePath())
                .build();
        Collection<RunResult> results = new Runner(options).run();

        var table = new Table("operator rules", "rules in set", "accepted", "median us", "p90 us", "p99 us", "mean us",
                "samples");
        var figures = new LinkedHashMap<String, Object>();
        for (RunResult r : results) {
            String set = r.getParams().getParam("ruleSet");
            var stats = r.getPrimaryResult().getStatistics();
            double[] info = RuleCheckBenchmark.describe(set);
            table.row(set, (long) info[0], info[1], stats.getPercentile(50), stats.getPercentile(90),
                    stats.getPercentile(99), stats.getMean(), stats.getN());
            String key = switch (set) {
                case "builtin" -> "builtin_only";
                case "example" -> "example_rules";
                default -> set + "_rules";
            };
            figures.put("check_median_us_" + key, stats.getPercentile(50));
            figures.put("check_p99_us_" + key, stats.getPercentile(99));
            figures.put("rules_in_set_" + key, (long) info[0]);
            figures.put("accepted_share_" + key, info[1]);
        }
        figures.put("method", "JMH SampleTime, 1 thread, " + forks + " forks x 5 x 1 s after 3 x 1 s warm-up;"
                + " 4096 random in-space RocksDB proposals; every set also holds the built-in space rules and"
                + " the known-bad rule");
        System.out.println();
        System.out.println("RuleEngine.check, one thread (microseconds per check)");
        System.out.print(table.render());
        Path file = ResultsFile.fromSystemProperties().write("rules", figures);
        System.out.println("wrote " + file.toAbsolutePath().normalize());
    }
}
