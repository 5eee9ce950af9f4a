package io.autosys.ruleengine;

import io.autosys.sdk.api.CategoricalParameter;
import io.autosys.sdk.api.Goal;
import io.autosys.sdk.api.IntegerParameter;
import io.autosys.sdk.api.MetricSpec;
import io.autosys.sdk.api.ParameterSpace;
import io.autosys.sdk.api.Scale;
import io.autosys.sdk.api.SystemDescription;
import java.util.List;
import java.util.Map;

/** The RocksDB target's knobs and metrics as the lead fixed them (the target module is written in parallel). */
final class RocksDb {
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

    private RocksDb() {
    }

    private static IntegerParameter log(String name, long min, long max, long def) {
        return new IntegerParameter(name, min, max, 1, Scale.LOG, def, "", "bytes", null);
    }

    static SystemDescription description(int cores) {
        return new SystemDescription("rocksdb-1", "rocksdb", "rocksdb-1", SPACE, List.of(
                MetricSpec.of("throughput", "ops/s", Goal.MAXIMIZE), MetricSpec.of("p50_us", "us", Goal.MINIMIZE),
                MetricSpec.of("p99_us", "us", Goal.MINIMIZE), MetricSpec.of("p999_us", "us", Goal.MINIMIZE)),
                List.of(), 1, cores > 0 ? Map.of("cores", Integer.toString(cores)) : Map.of());
    }
}
