package io.autosys.targets.rocksdb;

import static io.autosys.targets.rocksdb.RocksDbKnobs.BLOCK_CACHE_SIZE;
import static io.autosys.targets.rocksdb.RocksDbKnobs.BLOCK_SIZE;
import static io.autosys.targets.rocksdb.RocksDbKnobs.BLOOM_BITS_PER_KEY;
import static io.autosys.targets.rocksdb.RocksDbKnobs.CACHE_INDEX_AND_FILTER_BLOCKS;
import static io.autosys.targets.rocksdb.RocksDbKnobs.COMPRESSION_TYPE;
import static io.autosys.targets.rocksdb.RocksDbKnobs.LEVEL0_FILE_NUM_COMPACTION_TRIGGER;
import static io.autosys.targets.rocksdb.RocksDbKnobs.LEVEL0_SLOWDOWN_WRITES_TRIGGER;
import static io.autosys.targets.rocksdb.RocksDbKnobs.LEVEL0_STOP_WRITES_TRIGGER;
import static io.autosys.targets.rocksdb.RocksDbKnobs.LEVEL_COMPACTION_DYNAMIC_LEVEL_BYTES;
import static io.autosys.targets.rocksdb.RocksDbKnobs.MAX_BACKGROUND_JOBS;
import static io.autosys.targets.rocksdb.RocksDbKnobs.MAX_BYTES_FOR_LEVEL_BASE;
import static io.autosys.targets.rocksdb.RocksDbKnobs.MAX_BYTES_FOR_LEVEL_MULTIPLIER;
import static io.autosys.targets.rocksdb.RocksDbKnobs.MAX_SUBCOMPACTIONS;
import static io.autosys.targets.rocksdb.RocksDbKnobs.MAX_WRITE_BUFFER_NUMBER;
import static io.autosys.targets.rocksdb.RocksDbKnobs.MIN_WRITE_BUFFER_NUMBER_TO_MERGE;
import static io.autosys.targets.rocksdb.RocksDbKnobs.TARGET_FILE_SIZE_BASE;
import static io.autosys.targets.rocksdb.RocksDbKnobs.WRITE_BUFFER_SIZE;

import io.autosys.sdk.api.Configuration;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.BloomFilter;
import org.rocksdb.CompressionType;
import org.rocksdb.InfoLogLevel;
import org.rocksdb.LRUCache;
import org.rocksdb.MutableColumnFamilyOptions;
import org.rocksdb.MutableDBOptions;
import org.rocksdb.Options;
import org.rocksdb.RocksDB;

/**
 * The native option objects for one configuration of {@link RocksDbKnobs}: the options, the
 * block cache and the Bloom filter policy. They must outlive the database opened with them, so
 * they travel together and are closed together, after the database.
 */
final class RocksDbOptions implements AutoCloseable {
    static {
        RocksDB.loadLibrary();
    }

    private final Options options;
    private final LRUCache cache;
    private final BloomFilter filter;

    private RocksDbOptions(Options options, LRUCache cache, BloomFilter filter) {
        this.options = options;
        this.cache = cache;
        this.filter = filter;
    }

    /** Options for a complete, valid configuration of {@link RocksDbKnobs#space()}. */
    static RocksDbOptions of(Configuration c) {
        LRUCache cache = new LRUCache(c.getLong(BLOCK_CACHE_SIZE));
        long bits = c.getLong(BLOOM_BITS_PER_KEY);
        BloomFilter filter = bits > 0 ? new BloomFilter(bits) : null;
        var table = new BlockBasedTableConfig()
                .setBlockCache(cache)
                .setBlockSize(c.getLong(BLOCK_SIZE))
                .setCacheIndexAndFilterBlocks(c.getBoolean(CACHE_INDEX_AND_FILTER_BLOCKS));
        if (filter != null) {
            table.setFilterPolicy(filter);
        }
        Options o = new Options()
                .setCreateIfMissing(true)
                // The LOG file lives in the database directory; warnings are enough and keep trials light.
                .setInfoLogLevel(InfoLogLevel.WARN_LEVEL)
                .setKeepLogFileNum(2)
                .setWriteBufferSize(c.getLong(WRITE_BUFFER_SIZE))
                .setMaxWriteBufferNumber(intOf(c, MAX_WRITE_BUFFER_NUMBER))
                .setMaxBackgroundJobs(intOf(c, MAX_BACKGROUND_JOBS))
                .setLevel0FileNumCompactionTrigger(intOf(c, LEVEL0_FILE_NUM_COMPACTION_TRIGGER))
                .setTargetFileSizeBase(c.getLong(TARGET_FILE_SIZE_BASE))
                .setCompressionType(compression(c.getString(COMPRESSION_TYPE)))
                .setMaxBytesForLevelBase(c.getLong(MAX_BYTES_FOR_LEVEL_BASE))
                .setMaxBytesForLevelMultiplier(c.getLong(MAX_BYTES_FOR_LEVEL_MULTIPLIER))
                .setMinWriteBufferNumberToMerge(intOf(c, MIN_WRITE_BUFFER_NUMBER_TO_MERGE))
                .setLevel0SlowdownWritesTrigger(intOf(c, LEVEL0_SLOWDOWN_WRITES_TRIGGER))
                .setLevel0StopWritesTrigger(intOf(c, LEVEL0_STOP_WRITES_TRIGGER))
                .setMaxSubcompactions(intOf(c, MAX_SUBCOMPACTIONS))
                .setLevelCompactionDynamicLevelBytes(c.getBoolean(LEVEL_COMPACTION_DYNAMIC_LEVEL_BYTES))
                .setTableFormatConfig(table);
        return new RocksDbOptions(o, cache, filter);
    }

    Options options() {
        return options;
    }

    /** The live-changeable column-family knobs of {@code c}, for {@code RocksDB.setOptions}. */
    static MutableColumnFamilyOptions mutableColumnFamilyOptions(Configuration c) {
        // The multiplier goes through parse(): the builder's double setter is mistyped in rocksdbjni 9.8.
        return MutableColumnFamilyOptions.parse(MAX_BYTES_FOR_LEVEL_MULTIPLIER + "="
                        + c.getLong(MAX_BYTES_FOR_LEVEL_MULTIPLIER))
                .setWriteBufferSize(c.getLong(WRITE_BUFFER_SIZE))
                .setMaxWriteBufferNumber(intOf(c, MAX_WRITE_BUFFER_NUMBER))
                .setLevel0FileNumCompactionTrigger(intOf(c, LEVEL0_FILE_NUM_COMPACTION_TRIGGER))
                .setTargetFileSizeBase(c.getLong(TARGET_FILE_SIZE_BASE))
                .setMaxBytesForLevelBase(c.getLong(MAX_BYTES_FOR_LEVEL_BASE))
                .setLevel0SlowdownWritesTrigger(intOf(c, LEVEL0_SLOWDOWN_WRITES_TRIGGER))
                .setLevel0StopWritesTrigger(intOf(c, LEVEL0_STOP_WRITES_TRIGGER))
                .build();
    }

    /** The live-changeable database-wide knobs of {@code c}, for {@code RocksDB.setDBOptions}. */
    static MutableDBOptions mutableDbOptions(Configuration c) {
        return MutableDBOptions.builder().setMaxBackgroundJobs(intOf(c, MAX_BACKGROUND_JOBS)).build();
    }

    static CompressionType compression(String name) {
        return switch (name) {
            case "none" -> CompressionType.NO_COMPRESSION;
            case "snappy" -> CompressionType.SNAPPY_COMPRESSION;
            case "lz4" -> CompressionType.LZ4_COMPRESSION;
            case "zstd" -> CompressionType.ZSTD_COMPRESSION;
            default -> throw new IllegalArgumentException("parameter '" + COMPRESSION_TYPE + "': unknown compression '"
                    + name + "'; known: " + RocksDbKnobs.COMPRESSIONS);
        };
    }

    private static int intOf(Configuration c, String name) {
        return Math.toIntExact(c.getLong(name));
    }

    @Override
    public void close() {
        options.close();
        if (filter != null) {
            filter.close();
        }
        cache.close();
    }
}
