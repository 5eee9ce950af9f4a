package io.autosys.targets.rocksdb;

import io.autosys.sdk.api.Context;
import io.autosys.sdk.api.ContextFeatureSpec;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The key-value workload a trial (and the live instance's probe) runs: {@code keyCount} keys of
 * 16 bytes, each with a value of {@code valueSize} bytes (half random, half repeated, so it
 * compresses to about 50% like db_bench's default), and a mix phase where each operation is a
 * point read with probability {@code readFraction} and an overwrite otherwise, both on keys
 * drawn uniformly from the key space. The target reports these as its context features, so a
 * change of workload (drift) is visible to the planes.
 */
public record Workload(long keyCount, int valueSize, double readFraction) {
    public static final String KEY_COUNT = "key_count";
    public static final String VALUE_SIZE = "value_size";
    public static final String READ_FRACTION = "read_fraction";

    /** About 27 MiB of data: enough for flushes, compactions and block-cache misses, yet a short fill. */
    public static final Workload DEFAULT = new Workload(100_000, 256, 0.5);

    static final long MAX_KEYS = 100_000_000L;
    static final int MAX_VALUE_SIZE = 1 << 20;

    public Workload {
        if (keyCount < 1_000 || keyCount > MAX_KEYS) {
            throw new IllegalArgumentException("workload " + KEY_COUNT + " must be in [1000, " + MAX_KEYS + "], got "
                    + keyCount);
        }
        if (valueSize < 8 || valueSize > MAX_VALUE_SIZE) {
            throw new IllegalArgumentException("workload " + VALUE_SIZE + " must be in [8, " + MAX_VALUE_SIZE
                    + "] bytes, got " + valueSize);
        }
        if (!(readFraction >= 0 && readFraction <= 1)) {
            throw new IllegalArgumentException("workload " + READ_FRACTION + " must be in [0, 1], got " + readFraction);
        }
    }

    /** The context features a RocksDB target reports. */
    public static List<ContextFeatureSpec> contextFeatures() {
        return List.of(
                ContextFeatureSpec.numeric(READ_FRACTION, "share of point reads in the operation mix (the rest"
                        + " are overwrites)"),
                ContextFeatureSpec.numeric(VALUE_SIZE, "bytes per value"),
                ContextFeatureSpec.numeric(KEY_COUNT, "number of distinct keys"));
    }

    public Context context() {
        return Context.empty().with(READ_FRACTION, readFraction).with(VALUE_SIZE, valueSize).with(KEY_COUNT, keyCount);
    }

    /**
     * This workload with some features changed, given as text (for example from an operator's
     * command line): keys among read_fraction, value_size, key_count. Errors name the feature.
     */
    public Workload with(Map<String, String> changes) {
        long keys = keyCount;
        int value = valueSize;
        double reads = readFraction;
        for (var e : changes.entrySet()) {
            String v = e.getValue().trim();
            try {
                switch (e.getKey().toLowerCase(Locale.ROOT)) {
                    case KEY_COUNT -> keys = Long.parseLong(v);
                    case VALUE_SIZE -> value = Integer.parseInt(v);
                    case READ_FRACTION -> reads = Double.parseDouble(v);
                    default -> throw new IllegalArgumentException("unknown workload feature '" + e.getKey()
                            + "'; known: " + List.of(READ_FRACTION, VALUE_SIZE, KEY_COUNT));
                }
            } catch (NumberFormatException ex) {
                throw new IllegalArgumentException("workload " + e.getKey() + ": '" + v + "' is not a number", ex);
            }
        }
        return new Workload(keys, value, reads);
    }
}
