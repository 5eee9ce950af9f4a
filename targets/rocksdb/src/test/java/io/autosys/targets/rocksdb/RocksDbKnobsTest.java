package io.autosys.targets.rocksdb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.autosys.sdk.api.Configuration;
import io.autosys.sdk.api.IntegerParameter;
import io.autosys.sdk.api.Scale;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.CompressionType;
import org.rocksdb.Options;
import org.rocksdb.RocksDB;

class RocksDbKnobsTest {
    static {
        RocksDB.loadLibrary();
    }

    private static final long MIB = 1 << 20;

    @Test
    void theAgreedKnobsHaveTheAgreedNamesRangesAndScales() {
        var s = RocksDbKnobs.space();
        assertInt(s.get("write_buffer_size"), MIB, 512 * MIB, 64 * MIB, Scale.LOG);
        assertInt(s.get("max_write_buffer_number"), 1, 16, 2, Scale.LINEAR);
        assertInt(s.get("max_background_jobs"), 1, 16, 2, Scale.LINEAR);
        assertInt(s.get("level0_file_num_compaction_trigger"), 2, 32, 4, Scale.LINEAR);
        assertInt(s.get("target_file_size_base"), 2 * MIB, 256 * MIB, 64 * MIB, Scale.LOG);
        assertInt(s.get("block_cache_size"), MIB, 1024 * MIB, 32 * MIB, Scale.LOG);
        assertInt(s.get("bloom_bits_per_key"), 0, 20, 0, Scale.LINEAR);
        assertInt(s.get("block_size"), 1024, 64 * 1024, 4096, Scale.LOG);
        var c = (io.autosys.sdk.api.CategoricalParameter) s.get("compression_type");
        assertThat(c.categories()).containsExactly("none", "snappy", "lz4", "zstd");
        assertThat(c.defaultCategory()).isEqualTo("snappy");
        assertThat(s.size()).isGreaterThanOrEqualTo(9);
    }

    @Test
    void defaultsAreRocksDbsOwnDefaults() {
        Configuration d = RocksDbKnobs.space().defaults();
        try (var o = new Options()) {
            assertThat(d.getLong("write_buffer_size")).isEqualTo(o.writeBufferSize());
            assertThat(d.getLong("max_write_buffer_number")).isEqualTo(o.maxWriteBufferNumber());
            assertThat(d.getLong("max_background_jobs")).isEqualTo(o.maxBackgroundJobs());
            assertThat(d.getLong("level0_file_num_compaction_trigger")).isEqualTo(o.level0FileNumCompactionTrigger());
            assertThat(d.getLong("target_file_size_base")).isEqualTo(o.targetFileSizeBase());
            assertThat(o.compressionType()).isEqualTo(CompressionType.SNAPPY_COMPRESSION);
            assertThat(d.getString("compression_type")).isEqualTo("snappy");
            assertThat(d.getLong("max_bytes_for_level_base")).isEqualTo(o.maxBytesForLevelBase());
            assertThat((double) d.getLong("max_bytes_for_level_multiplier")).isEqualTo(o.maxBytesForLevelMultiplier());
            assertThat(d.getLong("min_write_buffer_number_to_merge")).isEqualTo(o.minWriteBufferNumberToMerge());
            assertThat(d.getLong("level0_slowdown_writes_trigger")).isEqualTo(o.level0SlowdownWritesTrigger());
            assertThat(d.getLong("level0_stop_writes_trigger")).isEqualTo(o.level0StopWritesTrigger());
            assertThat(d.getLong("max_subcompactions")).isEqualTo(o.maxSubcompactions());
            assertThat(d.getBoolean("level_compaction_dynamic_level_bytes"))
                    .isEqualTo(o.levelCompactionDynamicLevelBytes());
        }
        var t = new BlockBasedTableConfig();
        assertThat(d.getLong("block_size")).isEqualTo(t.blockSize());
        assertThat(d.getBoolean("cache_index_and_filter_blocks")).isEqualTo(t.cacheIndexAndFilterBlocks());
        assertThat(t.filterPolicy()).isNull();
        assertThat(d.getLong("bloom_bits_per_key")).isZero();
        // RocksDB installs a 32 MiB LRU cache when none is given (BlockBasedTableFactory); no getter shows it.
        assertThat(d.getLong("block_cache_size")).isEqualTo(32 * MIB);
    }

    @Test
    void everyKnobMapsToANativeOption() {
        var s = RocksDbKnobs.space();
        Configuration c = s.merge(s.defaults(), Configuration.builder().set("write_buffer_size", 3 * MIB)
                .set("compression_type", "zstd").set("max_background_jobs", 5L).set("bloom_bits_per_key", 10L)
                .set("block_size", 16384L).set("max_bytes_for_level_multiplier", 8L).build());
        try (var o = RocksDbOptions.of(c)) {
            assertThat(o.options().writeBufferSize()).isEqualTo(3 * MIB);
            assertThat(o.options().compressionType()).isEqualTo(CompressionType.ZSTD_COMPRESSION);
            assertThat(o.options().maxBackgroundJobs()).isEqualTo(5);
            assertThat(o.options().maxBytesForLevelMultiplier()).isEqualTo(8.0);
        }
        var m = RocksDbOptions.mutableColumnFamilyOptions(c);
        assertThat(m.toString()).contains("write_buffer_size=" + 3 * MIB).contains("max_bytes_for_level_multiplier=8").doesNotContain("compression");
    }

    @Test
    void liveAndReopenKnobsAreDistinguished() {
        for (String k : List.of("write_buffer_size", "max_write_buffer_number", "max_background_jobs",
                "level0_file_num_compaction_trigger", "target_file_size_base")) {
            assertThat(RocksDbKnobs.isLive(k)).as(k).isTrue();
        }
        for (String k : List.of("compression_type", "block_cache_size", "bloom_bits_per_key", "block_size",
                "min_write_buffer_number_to_merge")) {
            assertThat(RocksDbKnobs.isLive(k)).as(k).isFalse();
        }
        assertThatThrownBy(() -> RocksDbKnobs.isLive("nope")).hasMessageContaining("'nope'");
    }

    private static void assertInt(io.autosys.sdk.api.Parameter p, long min, long max, long def, Scale scale) {
        assertThat(p).isInstanceOf(IntegerParameter.class);
        var i = (IntegerParameter) p;
        assertThat(List.of(i.min(), i.max(), i.defaultNumber())).as(p.name()).containsExactly(min, max, def);
        assertThat(i.scale()).as(p.name()).isEqualTo(scale);
    }
}
