package io.autosys.targets.rocksdb;

import io.autosys.sdk.api.Configuration;
import io.autosys.sdk.api.Metrics;
import io.autosys.sdk.api.TrialContext;
import io.autosys.sdk.api.TrialProgress;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.HdrHistogram.Histogram;
import org.rocksdb.FlushOptions;
import org.rocksdb.ReadOptions;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.WriteOptions;

/**
 * One trial: a fresh database in a new directory under the trial root, opened with the proposed
 * options; the fill (every key once, then a flush so reads go to SST files); the read/overwrite
 * mix for the budget; then the database is closed and its directory deleted, whatever happened.
 */
final class RocksDbTrial {
    static final String THROUGHPUT = "throughput";
    static final String P50 = "p50_us";
    static final String P99 = "p99_us";
    static final String P999 = "p999_us";
    static final String FILL_THROUGHPUT = "fill_throughput";

    private static final long PROGRESS_EVERY_NANOS = 500_000_000L;

    static {
        RocksDB.loadLibrary();
    }

    private RocksDbTrial() {
    }

    /** The limits of the mix phase; one of them is positive. */
    record MixBudget(long operations, long nanos) {
        MixBudget {
            if (operations < 0 || nanos < 0 || operations == 0 && nanos == 0) {
                throw new IllegalArgumentException("a mix budget needs operations or a duration, got " + operations
                        + " operations and " + nanos + " ns");
            }
        }

        double fractionDone(long ops, long elapsedNanos) {
            double byOps = operations > 0 ? (double) ops / operations : 0;
            double byTime = nanos > 0 ? (double) elapsedNanos / nanos : 0;
            return Math.min(1, Math.max(byOps, byTime));
        }
    }

    /** Where a trial's time went, in nanoseconds (for the overhead benchmark). */
    record Phases(long setup, long fill, long mix, long teardown) {
        long total() {
            return setup + fill + mix + teardown;
        }
    }

    static Metrics run(Configuration configuration, Workload workload, long seed, MixBudget budget, Path trialRoot,
            TrialContext context) throws RocksDBException, IOException {
        return run(configuration, workload, seed, budget, trialRoot, context, null);
    }

    static Metrics run(Configuration configuration, Workload workload, long seed, MixBudget budget, Path trialRoot,
            TrialContext context, Consumer<Phases> phases) throws RocksDBException, IOException {
        long t0 = System.nanoTime();
        long fillStart = 0;
        long mixStart = 0;
        long mixEnd = 0;
        Files.createDirectories(trialRoot);
        Path dir = Files.createTempDirectory(trialRoot, "trial-");
        RocksDbOptions options = null;
        RocksDB db = null;
        try (var wo = new WriteOptions(); var ro = new ReadOptions(); var flush = new FlushOptions();
                var fillWo = new WriteOptions().setDisableWAL(true)) {
            options = RocksDbOptions.of(configuration);
            // The database is deleted right after: closing need not flush what the fill left unlogged.
            options.options().setAvoidFlushDuringShutdown(true);
            context.checkCancelled();
            db = RocksDB.open(options.options(), dir.toString());
            var driver = new WorkloadDriver(workload, seed);

            fillStart = System.nanoTime();
            // The fill is setup and ends in a flush, so it skips the write-ahead log; the mix writes it.
            driver.fill(db, fillWo, 0, workload.keyCount(), context::isCancelled);
            db.flush(flush.setWaitForFlush(true));
            mixStart = System.nanoTime();
            long fillNanos = mixStart - fillStart;
            context.checkCancelled();

            var steps = new long[] {0};
            WorkloadDriver.MixResult r = driver.mix(db, wo, ro, seed * 0x2545F4914F6CDD1DL + 1, budget.operations(),
                    budget.nanos(), context::isCancelled, PROGRESS_EVERY_NANOS, (ops, elapsed, hist) -> {
                        double tput = ops * 1e9 / Math.max(1, elapsed);
                        context.progress(new TrialProgress(++steps[0], budget.fractionDone(ops, elapsed),
                                Metrics.of(THROUGHPUT, tput, P99, micros(hist, 99))));
                    });
            mixEnd = System.nanoTime();
            if (r.misses() > 0) {
                throw new IllegalStateException(r.misses() + " of " + r.reads() + " reads missed keys the fill wrote:"
                        + " the database lost data");
            }
            var m = new LinkedHashMap<String, Double>();
            m.put(THROUGHPUT, r.throughput());
            m.put(P50, micros(r.latencyNanos(), 50));
            m.put(P99, micros(r.latencyNanos(), 99));
            m.put(P999, micros(r.latencyNanos(), 99.9));
            m.put(FILL_THROUGHPUT, workload.keyCount() * 1e9 / Math.max(1, fillNanos));
            return new Metrics(m);
        } finally {
            try {
                if (db != null) {
                    // Stop running compactions instead of waiting for them to finish.
                    db.cancelAllBackgroundWork(true);
                    db.close();
                }
                if (options != null) {
                    options.close();
                }
            } finally {
                deleteRecursively(dir);
                if (phases != null && mixEnd > 0) {
                    phases.accept(new Phases(fillStart - t0, mixStart - fillStart, mixEnd - mixStart,
                            System.nanoTime() - mixEnd));
                }
            }
        }
    }

    static double micros(Histogram h, double percentile) {
        return h.getTotalCount() == 0 ? 0 : h.getValueAtPercentile(percentile) / 1000.0;
    }

    /** Deletes a directory tree; a tree that is already gone is fine. */
    static void deleteRecursively(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(root)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (NoSuchFileException e) {
                    // removed concurrently: fine
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }
}
