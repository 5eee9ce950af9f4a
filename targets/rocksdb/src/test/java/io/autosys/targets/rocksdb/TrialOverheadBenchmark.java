package io.autosys.targets.rocksdb;

import io.autosys.sdk.local.LocalTrialContext;
import io.autosys.sdk.api.Configuration;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A harness, not a test (surefire does not pick it up by name): where a RocksDB trial's time
 * goes (setup, fill, mix, teardown) and how much throughput varies between repeated runs of one
 * configuration, for the default workload and a 1 s mix. Configurations are interleaved so they
 * share the machine's noise. Run it alone:
 *
 * <pre>flock /tmp/autosys-mvn.lock ./mvnw -q -B test -pl targets/rocksdb -am -Dtest=TrialOverheadBenchmark \
 *     -Dsurefire.failIfNoSpecifiedTests=false [-Dreps=7] [-DmixMs=1000]</pre>
 */
class TrialOverheadBenchmark {
    @TempDir
    Path tmp;

    @Test
    void run() throws Exception {
        int reps = Integer.getInteger("reps", 7);
        long mixMs = Long.getLong("mixMs", 1000);
        var space = RocksDbKnobs.space();
        Map<String, Configuration> configs = new LinkedHashMap<>();
        configs.put("defaults", space.defaults());
        configs.put("bloom10+cache256M", space.merge(space.defaults(), Configuration.builder()
                .set("bloom_bits_per_key", 10L).set("block_cache_size", 256L << 20).build()));
        configs.put("wbuf1M", space.merge(space.defaults(), Configuration.builder()
                .set("write_buffer_size", 1L << 20).build()));
        configs.put("wbuf1M+cache1M", space.merge(space.defaults(), Configuration.builder()
                .set("write_buffer_size", 1L << 20).set("block_cache_size", 1L << 20).build()));
        Map<String, List<RocksDbTrial.Phases>> phases = new LinkedHashMap<>();
        Map<String, List<Double>> tput = new LinkedHashMap<>();
        configs.keySet().forEach(k -> {
            phases.put(k, new ArrayList<>());
            tput.put(k, new ArrayList<>());
        });
        for (int rep = 0; rep < reps; rep++) {
            for (var e : configs.entrySet()) {
                var m = RocksDbTrial.run(e.getValue(), Workload.DEFAULT, 1 + rep,
                        new RocksDbTrial.MixBudget(0, mixMs * 1_000_000), tmp, new LocalTrialContext(),
                        phases.get(e.getKey())::add);
                tput.get(e.getKey()).add(m.get("throughput"));
            }
        }
        System.out.printf("%nRocksDB trial overhead: workload %s, mix %d ms, %d interleaved repetitions, medians%n",
                Workload.DEFAULT, mixMs, reps);
        System.out.printf("%-20s %9s %9s %9s %11s %9s %10s %13s %8s%n", "configuration", "setup ms", "fill ms",
                "mix ms", "teardown ms", "total ms", "overhead", "throughput/s", "cv");
        for (String k : configs.keySet()) {
            var p = phases.get(k);
            double setup = median(p.stream().mapToDouble(x -> x.setup() / 1e6).toArray());
            double fill = median(p.stream().mapToDouble(x -> x.fill() / 1e6).toArray());
            double mix = median(p.stream().mapToDouble(x -> x.mix() / 1e6).toArray());
            double down = median(p.stream().mapToDouble(x -> x.teardown() / 1e6).toArray());
            double total = median(p.stream().mapToDouble(x -> x.total() / 1e6).toArray());
            double[] t = tput.get(k).stream().mapToDouble(Double::doubleValue).toArray();
            System.out.printf("%-20s %9.1f %9.1f %9.1f %11.1f %9.1f %9.1f%% %13.0f %7.1f%%%n", k, setup, fill, mix,
                    down, total, 100 * (total - mix) / total, median(t), 100 * cv(t));
        }
    }

    private static double median(double[] x) {
        double[] s = x.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }

    private static double cv(double[] x) {
        double m = Arrays.stream(x).average().orElse(0);
        double v = Arrays.stream(x).map(d -> (d - m) * (d - m)).sum() / Math.max(1, x.length - 1);
        return Math.sqrt(v) / m;
    }
}
