package io.autosys.targets.rocksdb;

import io.autosys.sdk.local.LocalTrialContext;
import static org.assertj.core.api.Assertions.assertThat;

import io.autosys.sdk.api.Configuration;
import io.autosys.sdk.api.TrialBudget;
import io.autosys.sdk.api.TrialRequest;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A clearly worse configuration measures clearly lower throughput, beyond the noise: RocksDB's
 * defaults against a tiny write buffer (1 MiB, so the mix's overwrites flush constantly and
 * level-0 files pile up for reads to search), no Bloom filter and a 1 MiB block cache.
 * Interleaved runs (default, worse, default, worse, ...) so both see the same machine noise.
 */
class RocksDbConfigurationSignalTest {
    private static final int REPETITIONS = 5;

    @TempDir
    Path tmp;

    @Test
    void aTinyWriteBufferWithoutBloomFilterIsSlowerThanTheDefaultsBeyondTheNoise() throws Exception {
        var space = RocksDbKnobs.space();
        Configuration defaults = space.defaults();
        Configuration worse = space.merge(defaults, Configuration.builder().set("write_buffer_size", 1L << 20)
                .set("bloom_bits_per_key", 0L).set("block_cache_size", 1L << 20).build());
        Path trials = tmp.resolve("trials");
        try (var target = new RocksDbTarget(RocksDbTarget.Settings.of(tmp.resolve("live")).withTrialRoot(trials))) {
            double[] good = new double[REPETITIONS];
            double[] bad = new double[REPETITIONS];
            for (int i = 0; i < REPETITIONS; i++) {
                good[i] = throughput(target, defaults, i);
                bad[i] = throughput(target, worse, i);
                RocksDbTargetTest.assertEmpty(trials);
            }
            double spread = Math.max(range(good), range(bad));
            System.out.printf("default throughput %s%nworse throughput   %s%nmedians %.0f vs %.0f ops/s, spread %.0f%n",
                    Arrays.toString(good), Arrays.toString(bad), median(good), median(bad), spread);
            // Every worse run below every default run: under "no difference" that has probability
            // 2 / C(10, 5) < 1% (a rank test); and the medians differ by more than either group's range.
            assertThat(max(bad)).isLessThan(min(good));
            assertThat(median(good) - median(bad)).isGreaterThan(spread);
        }
    }

    private static double throughput(RocksDbTarget target, Configuration c, int rep) throws Exception {
        return target.runTrial(new TrialRequest("r" + rep, c, TrialBudget.ofDuration(1000), 1 + rep),
                new LocalTrialContext()).get("throughput");
    }

    private static double median(double[] x) {
        double[] s = x.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }

    private static double min(double[] x) {
        return Arrays.stream(x).min().orElseThrow();
    }

    private static double max(double[] x) {
        return Arrays.stream(x).max().orElseThrow();
    }

    private static double range(double[] x) {
        return max(x) - min(x);
    }
}
