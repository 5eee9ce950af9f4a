package io.autosys.benchmarks.rules;

import io.autosys.sdk.api.CategoricalParameter;
import io.autosys.sdk.api.Configuration;
import io.autosys.sdk.api.Goal;
import io.autosys.sdk.api.IntegerParameter;
import io.autosys.sdk.api.MetricSpec;
import io.autosys.sdk.api.NumericParameter;
import io.autosys.sdk.api.Parameter;
import io.autosys.sdk.api.ParameterSpace;
import io.autosys.sdk.api.Scale;
import io.autosys.sdk.api.SystemDescription;
import io.autosys.sdk.api.Value;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The RocksDB target's knobs (names and ranges as the target declares them) and generated
 * operator rule sets of a given size, for the rule-check benchmark.
 */
final class RocksDbRuleFixture {
    static final long KIB = 1024;
    static final long MIB = 1024 * KIB;
    static final long GIB = 1024 * MIB;

    static final ParameterSpace SPACE = ParameterSpace.of(
            log("write_buffer_size", MIB, 512 * MIB, 64 * MIB),
            IntegerParameter.of("max_write_buffer_number", 1, 16, 2),
            IntegerParameter.of("max_background_jobs", 1, 16, 2),
            IntegerParameter.of("level0_file_num_compaction_trigger", 2, 32, 4),
            log("target_file_size_base", 2 * MIB, 256 * MIB, 64 * MIB),
            CategoricalParameter.of("compression_type", List.of("none", "snappy", "lz4", "zstd"), "snappy"),
            log("block_cache_size", MIB, GIB, 32 * MIB),
            IntegerParameter.of("bloom_bits_per_key", 0, 20, 0),
            log("block_size", KIB, 64 * KIB, 4 * KIB));

    static final SystemDescription DESCRIPTION = new SystemDescription("rocksdb-bench", "rocksdb", null, SPACE,
            List.of(MetricSpec.of("throughput", "ops/s", Goal.MAXIMIZE), MetricSpec.of("p50_us", "us", Goal.MINIMIZE),
                    MetricSpec.of("p99_us", "us", Goal.MINIMIZE), MetricSpec.of("p999_us", "us", Goal.MINIMIZE)),
            List.of(), 1, Map.of("cores", "8"));

    private RocksDbRuleFixture() {
    }

    private static IntegerParameter log(String name, long min, long max, long def) {
        return new IntegerParameter(name, min, max, 1, Scale.LOG, def, "", "bytes", null);
    }

    /** What a designer proposes: every knob drawn uniformly on its (log) scale, always inside the space. */
    static Configuration proposal(SplittableRandom rnd) {
        var values = new LinkedHashMap<String, Value>();
        for (Parameter p : SPACE.parameters()) {
            if (p instanceof NumericParameter n) {
                values.put(p.name(), n.fromUnit(rnd.nextDouble()));
            } else if (p instanceof CategoricalParameter c) {
                values.put(p.name(), Value.of(c.categories().get(rnd.nextInt(c.categories().size()))));
            }
        }
        return Configuration.of(values);
    }

    /**
     * {@code n} operator rules of the shapes operators write (a threshold on one knob, a product of
     * two knobs within a budget, a category with a numeric range, a knob against the host's cores),
     * with thresholds in the top few percent of each knob's scale so each rule fires on a small share
     * of proposals, as real constraints do.
     */
    static String generatedRules(int n, long seed) {
        var rnd = new SplittableRandom(seed);
        var numeric = SPACE.parameters().stream().filter(p -> p instanceof NumericParameter)
                .map(p -> (NumericParameter) p).toList();
        var drl = new StringBuilder("package autosys.rules.generated;\n\nimport io.autosys.ruleengine.facts.*;\n\n");
        for (int i = 0; i < n; i++) {
            NumericParameter a = numeric.get(rnd.nextInt(numeric.size()));
            NumericParameter b = numeric.get(rnd.nextInt(numeric.size()));
            double ta = a.fromUnit(0.97 + 0.03 * rnd.nextDouble()).asDouble();
            String name = "generated " + i;
            switch (i % 4) {
                case 0 -> rule(drl, name, "Target(serviceKind == \"rocksdb\")",
                        "$p : Proposed(num(\"" + a.name() + "\") > " + ta + ")",
                        "$p.reject(\"" + a.name() + " over " + ta + "\", \"" + a.name() + "\");");
                case 1 -> {
                    double budget = a.fromUnit(0.9).asDouble() * b.fromUnit(0.9).asDouble();
                    rule(drl, name, "Target(serviceKind == \"rocksdb\")",
                            "$p : Proposed(num(\"" + a.name() + "\") * num(\"" + b.name() + "\") > " + budget + ")",
                            "$p.reject(\"" + a.name() + " x " + b.name() + " over " + budget + "\", \"" + a.name()
                                    + "\", \"" + b.name() + "\");");
                }
                case 2 -> {
                    String codec = List.of("none", "snappy", "lz4", "zstd").get(rnd.nextInt(4));
                    rule(drl, name, "Target(serviceKind == \"rocksdb\")",
                            "$p : Proposed(is(\"compression_type\", \"" + codec + "\"), num(\"" + a.name() + "\") > "
                                    + ta + ")",
                            "$p.reject(\"" + codec + " with " + a.name() + " over " + ta + "\", \"compression_type\", \""
                                    + a.name() + "\");");
                }
                default -> rule(drl, name, "Target(serviceKind == \"rocksdb\", cores > 0, $cores : cores)",
                        "$p : Proposed(num(\"max_background_jobs\") > $cores * 2 + " + rnd.nextInt(3) + ")",
                        "$p.reject(\"too many background jobs for \" + $cores + \" cores\", \"max_background_jobs\");");
            }
        }
        return drl.toString();
    }

    private static void rule(StringBuilder drl, String name, String target, String proposed, String rhs) {
        drl.append("rule \"").append(name).append("\"\nwhen\n    ").append(target).append("\n    ").append(proposed)
                .append("\nthen\n    ").append(rhs).append("\nend\n\n");
    }
}
