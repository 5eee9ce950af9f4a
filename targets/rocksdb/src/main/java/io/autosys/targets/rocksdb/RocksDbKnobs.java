package io.autosys.targets.rocksdb;

import io.autosys.sdk.api.BooleanParameter;
import io.autosys.sdk.api.CategoricalParameter;
import io.autosys.sdk.api.IntegerParameter;
import io.autosys.sdk.api.ParameterSpace;
import io.autosys.sdk.api.Scale;
import java.util.List;
import java.util.Set;

/**
 * The RocksDB knobs AutoSys tunes, each with the default RocksDB itself uses (9.x), and which of
 * them a running database accepts without a reopen. Names are a contract: rules and studies
 * refer to them.
 *
 * <p>RocksDB silently sanitizes a few combinations on open rather than refusing them: it raises
 * max_write_buffer_number to at least 2, lowers min_write_buffer_number_to_merge below
 * max_write_buffer_number, and raises level0_slowdown_writes_trigger to at least
 * level0_file_num_compaction_trigger and level0_stop_writes_trigger to at least the slowdown
 * trigger. The space does not forbid those combinations; operators who care write rules.
 */
public final class RocksDbKnobs {
    private static final long KIB = 1024;
    private static final long MIB = 1024 * KIB;
    private static final long GIB = 1024 * MIB;

    public static final String WRITE_BUFFER_SIZE = "write_buffer_size";
    public static final String MAX_WRITE_BUFFER_NUMBER = "max_write_buffer_number";
    public static final String MAX_BACKGROUND_JOBS = "max_background_jobs";
    public static final String LEVEL0_FILE_NUM_COMPACTION_TRIGGER = "level0_file_num_compaction_trigger";
    public static final String TARGET_FILE_SIZE_BASE = "target_file_size_base";
    public static final String COMPRESSION_TYPE = "compression_type";
    public static final String BLOCK_CACHE_SIZE = "block_cache_size";
    public static final String BLOOM_BITS_PER_KEY = "bloom_bits_per_key";
    public static final String BLOCK_SIZE = "block_size";
    public static final String MAX_BYTES_FOR_LEVEL_BASE = "max_bytes_for_level_base";
    public static final String MAX_BYTES_FOR_LEVEL_MULTIPLIER = "max_bytes_for_level_multiplier";
    public static final String MIN_WRITE_BUFFER_NUMBER_TO_MERGE = "min_write_buffer_number_to_merge";
    public static final String LEVEL0_SLOWDOWN_WRITES_TRIGGER = "level0_slowdown_writes_trigger";
    public static final String LEVEL0_STOP_WRITES_TRIGGER = "level0_stop_writes_trigger";
    public static final String MAX_SUBCOMPACTIONS = "max_subcompactions";
    public static final String CACHE_INDEX_AND_FILTER_BLOCKS = "cache_index_and_filter_blocks";
    public static final String LEVEL_COMPACTION_DYNAMIC_LEVEL_BYTES = "level_compaction_dynamic_level_bytes";

    /** Compression algorithms offered, by the names operators use. */
    public static final List<String> COMPRESSIONS = List.of("none", "snappy", "lz4", "zstd");

    private static final ParameterSpace SPACE = ParameterSpace.of(
            bytes(WRITE_BUFFER_SIZE, MIB, 512 * MIB, 64 * MIB,
                    "Size of one memtable; a full memtable is flushed to a level-0 file. Live."),
            count(MAX_WRITE_BUFFER_NUMBER, 1, 16, 2,
                    "Most memtables kept in memory (active plus being flushed); RocksDB raises 1 to 2. Live."),
            count(MAX_BACKGROUND_JOBS, 1, 16, 2, "Threads for flushes and compactions together. Live."),
            count(LEVEL0_FILE_NUM_COMPACTION_TRIGGER, 2, 32, 4,
                    "Number of level-0 files that starts a level-0 compaction. Live."),
            bytes(TARGET_FILE_SIZE_BASE, 2 * MIB, 256 * MIB, 64 * MIB, "Target size of a level-1 SST file. Live."),
            CategoricalParameter.of(COMPRESSION_TYPE, COMPRESSIONS, "snappy")
                    .withDescription("Block compression for SST files (every level). Needs a reopen.", ""),
            bytes(BLOCK_CACHE_SIZE, MIB, GIB, 32 * MIB,
                    "Capacity of the LRU cache of uncompressed data blocks (RocksDB's default cache is 32 MiB)."
                            + " Needs a reopen."),
            count(BLOOM_BITS_PER_KEY, 0, 20, 0,
                    "Bits per key of the full Bloom filter of each SST file; 0 means no filter. Needs a reopen."),
            bytes(BLOCK_SIZE, KIB, 64 * KIB, 4 * KIB, "Uncompressed size of a data block. Needs a reopen."),
            bytes(MAX_BYTES_FOR_LEVEL_BASE, 16 * MIB, 2 * GIB, 256 * MIB, "Target total size of level 1. Live."),
            // A double in RocksDB, offered as whole ratios: rocksdbjni 9.8's SetOptions builder types it as
            // an integer and refuses fractions on a live database.
            count(MAX_BYTES_FOR_LEVEL_MULTIPLIER, 2, 20, 10, "Size ratio between consecutive levels. Live."),
            count(MIN_WRITE_BUFFER_NUMBER_TO_MERGE, 1, 8, 1,
                    "Memtables merged into one level-0 file per flush; RocksDB keeps it below"
                            + " max_write_buffer_number. Needs a reopen."),
            count(LEVEL0_SLOWDOWN_WRITES_TRIGGER, 2, 128, 20,
                    "Number of level-0 files at which writes are slowed down. Live."),
            count(LEVEL0_STOP_WRITES_TRIGGER, 2, 256, 36, "Number of level-0 files at which writes stop. Live."),
            count(MAX_SUBCOMPACTIONS, 1, 8, 1,
                    "Threads that split one compaction job into parallel sub-jobs. Needs a reopen."),
            new BooleanParameter(CACHE_INDEX_AND_FILTER_BLOCKS, false,
                    "Keep index and filter blocks in the block cache (counted against it) instead of the table"
                            + " reader's own memory. Needs a reopen.", "", null),
            new BooleanParameter(LEVEL_COMPACTION_DYNAMIC_LEVEL_BYTES, true,
                    "Size levels dynamically from the last level up. Needs a reopen.", "", null));

    /** Knobs that {@code SetOptions} / {@code SetDBOptions} change on an open database. */
    private static final Set<String> LIVE = Set.of(WRITE_BUFFER_SIZE, MAX_WRITE_BUFFER_NUMBER, MAX_BACKGROUND_JOBS,
            LEVEL0_FILE_NUM_COMPACTION_TRIGGER, TARGET_FILE_SIZE_BASE, MAX_BYTES_FOR_LEVEL_BASE,
            MAX_BYTES_FOR_LEVEL_MULTIPLIER, LEVEL0_SLOWDOWN_WRITES_TRIGGER, LEVEL0_STOP_WRITES_TRIGGER);

    private RocksDbKnobs() {
    }

    /** Every knob, in a stable order. */
    public static ParameterSpace space() {
        return SPACE;
    }

    /**
     * True when a running database takes the knob's new value without a reopen. The rest (the
     * block-based table options, the block cache, min_write_buffer_number_to_merge,
     * max_subcompactions, dynamic level sizing) are fixed when the database opens; rocksdbjni 9.8
     * exposes no way to change them on an open database. compression_type is mutable in RocksDB
     * itself, but rocksdbjni 9.8's SetOptions sends it as "compression=ZSTD_COMPRESSION", which
     * RocksDB refuses ("Error parsing:: compression"), so it waits for a reopen too.
     */
    public static boolean isLive(String knob) {
        SPACE.get(knob);
        return LIVE.contains(knob);
    }

    private static IntegerParameter bytes(String name, long min, long max, long def, String description) {
        return new IntegerParameter(name, min, max, 1, Scale.LOG, def, description, "bytes", null);
    }

    private static IntegerParameter count(String name, long min, long max, long def, String description) {
        return new IntegerParameter(name, min, max, 1, Scale.LINEAR, def, description, "", null);
    }
}
