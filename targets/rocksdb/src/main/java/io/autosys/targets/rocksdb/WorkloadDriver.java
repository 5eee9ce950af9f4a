package io.autosys.targets.rocksdb;

import io.autosys.sdk.api.TrialContext;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.function.BooleanSupplier;
import org.HdrHistogram.Histogram;
import org.rocksdb.ReadOptions;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.WriteBatch;
import org.rocksdb.WriteOptions;

/**
 * Runs a {@link Workload} against an open database from one thread, deterministically under a
 * seed: the key order of the fill, the sequence of reads and overwrites, their keys and the
 * value bytes all come from the seed. Only how far the mix gets in its time budget depends on
 * the machine.
 */
final class WorkloadDriver {
    static final int KEY_SIZE = 16;
    /** How often (in operations) the loops look at the stop flag. */
    private static final int CHECK_EVERY = 64;
    private static final int VALUE_POOL = 1 << 20;
    private static final int FILL_BATCH = 64;

    private final Workload workload;
    private final long seed;
    /** Values are slices of this pool (as db_bench does), so generating one costs nothing. */
    private final byte[] pool;
    private final long salt;

    WorkloadDriver(Workload workload, long seed) {
        this.workload = workload;
        this.seed = seed;
        this.salt = mix64(seed + 0x9E3779B97F4A7C15L);
        this.pool = valuePool(new SplittableRandom(seed ^ 0x5DEECE66DL), VALUE_POOL + workload.valueSize());
    }

    Workload workload() {
        return workload;
    }

    /** What the mix measured. */
    record MixResult(long operations, long reads, long misses, long elapsedNanos, Histogram latencyNanos) {
        double throughput() {
            return elapsedNanos == 0 ? 0 : operations * 1e9 / elapsedNanos;
        }
    }

    /** A snapshot handed to the progress callback while the mix runs. */
    interface ProgressSink {
        void progress(long operations, long elapsedNanos, Histogram latencyNanos);
    }

    /**
     * Writes keys {@code from} (inclusive) to {@code to} (exclusive) of the key space, in a
     * seeded pseudo-random key order. Throws {@link TrialContext.TrialCancelledException} when
     * {@code stop} turns true.
     */
    void fill(RocksDB db, WriteOptions wo, long from, long to, BooleanSupplier stop) throws RocksDBException {
        var rnd = new SplittableRandom(seed * 31 + 7);
        int size = workload.valueSize();
        // Batches keep the fill (setup, not the measured mix) cheap: one WAL write per batch.
        try (var batch = new WriteBatch()) {
            for (long i = from; i < to; i++) {
                byte[] key = new byte[KEY_SIZE];
                encodeKey(i, key);
                int at = rnd.nextInt(VALUE_POOL);
                batch.put(key, Arrays.copyOfRange(pool, at, at + size));
                if (batch.count() == FILL_BATCH || i == to - 1) {
                    if (stop.getAsBoolean()) {
                        throw new TrialContext.TrialCancelledException();
                    }
                    db.write(wo, batch);
                    batch.clear();
                }
            }
        }
    }

    /**
     * Runs the read/overwrite mix until {@code maxOps} operations are done (0 = no limit) or
     * {@code maxNanos} have passed (0 = no limit), recording every operation's latency.
     */
    MixResult mix(RocksDB db, WriteOptions wo, ReadOptions ro, long mixSeed, long maxOps, long maxNanos,
            BooleanSupplier stop, long progressEveryNanos, ProgressSink progress) throws RocksDBException {
        if (maxOps <= 0 && maxNanos <= 0) {
            throw new IllegalArgumentException("the mix needs an operation or a time limit");
        }
        var rnd = new SplittableRandom(mixSeed);
        // 1 ns .. 60 s at 3 significant digits; values beyond are clamped by auto-resize.
        var hist = new Histogram(60_000_000_000L, 3);
        hist.setAutoResize(true);
        byte[] key = new byte[KEY_SIZE];
        byte[] out = new byte[workload.valueSize() + 64];
        long keys = workload.keyCount();
        double readFraction = workload.readFraction();
        int size = workload.valueSize();
        long ops = 0;
        long reads = 0;
        long misses = 0;
        long limitOps = maxOps > 0 ? maxOps : Long.MAX_VALUE;
        long limitNanos = maxNanos > 0 ? maxNanos : Long.MAX_VALUE;
        long start = System.nanoTime();
        long now = start;
        long lastProgress = start;
        // Times are compared as differences from start: nanoTime may be negative or wrap.
        while (ops < limitOps && now - start < limitNanos) {
            if ((ops & (CHECK_EVERY - 1)) == 0 && stop.getAsBoolean()) {
                throw new TrialContext.TrialCancelledException();
            }
            encodeKey(rnd.nextLong(keys), key);
            boolean read = rnd.nextDouble() < readFraction;
            int valueAt = rnd.nextInt(VALUE_POOL);
            long t0 = System.nanoTime();
            if (read) {
                if (db.get(ro, key, 0, KEY_SIZE, out, 0, out.length) == RocksDB.NOT_FOUND) {
                    misses++;
                }
            } else {
                db.put(wo, key, 0, KEY_SIZE, pool, valueAt, size);
            }
            now = System.nanoTime();
            hist.recordValue(Math.max(1, now - t0));
            ops++;
            if (read) {
                reads++;
            }
            if (progress != null && now - lastProgress >= progressEveryNanos) {
                progress.progress(ops, now - start, hist);
                lastProgress = now;
            }
        }
        return new MixResult(ops, reads, misses, now - start, hist);
    }

    /**
     * Key {@code i} of the key space: 8 bytes of a bijective 64-bit mix of (i, seed) so the key
     * order is random, then 8 bytes of padding (16-byte keys, like db_bench).
     */
    void encodeKey(long i, byte[] out) {
        long h = mix64(i + salt);
        for (int b = 0; b < 8; b++) {
            out[b] = (byte) (h >>> (56 - 8 * b));
        }
        for (int b = 8; b < KEY_SIZE; b++) {
            out[b] = (byte) '0';
        }
    }

    /** The SplitMix64 finaliser, a bijection on 64-bit values. */
    static long mix64(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** Chunks of 32 random printable bytes, each followed by a copy of itself: compresses to ~50%. */
    private static byte[] valuePool(SplittableRandom rnd, int size) {
        byte[] b = new byte[size];
        int i = 0;
        while (i < size) {
            int chunk = Math.min(32, size - i);
            for (int k = 0; k < chunk; k++) {
                b[i + k] = (byte) (' ' + rnd.nextInt(95));
            }
            int copy = Math.min(chunk, size - i - chunk);
            System.arraycopy(b, i, b, i + chunk, Math.max(0, copy));
            i += chunk + Math.max(0, copy);
        }
        return b;
    }
}
