package io.autosys.targets.rocksdb;

import io.autosys.sdk.api.ApplyResult;
import io.autosys.sdk.api.Configuration;
import io.autosys.sdk.api.Metrics;
import io.autosys.sdk.api.Parameter;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Set;
import java.util.TreeSet;
import org.rocksdb.MutableColumnFamilyOptions;
import org.rocksdb.MutableDBOptions;
import org.rocksdb.ReadOptions;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.WriteOptions;

/**
 * The long-lived ("live") database a RocksDB target manages: opened once under a data directory,
 * reconfigured in place by {@link #apply} where RocksDB allows it, measured on request by
 * {@link #probe}. Every method holds the instance's lock, so an apply never races a probe.
 *
 * <p>Two configurations are tracked: the <em>requested</em> one (the last applied, what the
 * target reports as current) and the <em>effective</em> one (what the open database runs with:
 * the options it was opened with plus every live change since). Knobs where they differ are
 * pending a reopen; {@link #reopen()} closes the database and opens it with the requested
 * configuration.
 */
final class LiveDatabase implements AutoCloseable {
    /** Stored outside the 16-byte key space: how many keys of the workload have been written. */
    private static final byte[] FILLED_KEY = "autosys.filled".getBytes(StandardCharsets.US_ASCII);
    private static final long LIVE_SEED = 0x4C495645L;

    static {
        RocksDB.loadLibrary();
    }

    private final Path dir;
    private final WriteOptions writeOptions = new WriteOptions();
    private final ReadOptions readOptions = new ReadOptions();
    private Configuration requested;
    private Configuration effective;
    private RocksDbOptions options;
    private RocksDB db;
    private WorkloadDriver driver;
    private long probes;

    LiveDatabase(Path dir, Configuration initial, Workload workload) throws RocksDBException, IOException {
        this.dir = dir;
        Files.createDirectories(dir);
        this.requested = initial;
        open(initial);
        setWorkload(workload);
    }

    private void open(Configuration c) throws RocksDBException {
        RocksDbOptions o = RocksDbOptions.of(c);
        try {
            db = RocksDB.open(o.options(), dir.toString());
        } catch (RocksDBException | RuntimeException e) {
            o.close();
            throw e;
        }
        options = o;
        effective = c;
    }

    synchronized Configuration requested() {
        return requested;
    }

    synchronized Configuration effective() {
        return effective;
    }

    /** Knobs whose requested value waits for a reopen. */
    synchronized Set<String> pendingRestart() {
        var pending = new TreeSet<String>();
        requested.values().forEach((k, v) -> {
            if (!v.equals(effective.values().get(k))) {
                pending.add(k);
            }
        });
        return pending;
    }

    /**
     * Applies a complete, valid configuration: the live knobs that changed go to the open
     * database at once (SetOptions / SetDBOptions); the others are recorded and reported as
     * pending a reopen.
     */
    synchronized ApplyResult apply(Configuration target) throws RocksDBException {
        Configuration before = requested;
        var liveChanged = new TreeSet<String>();
        var nextEffective = new LinkedHashMap<>(effective.values());
        for (Parameter p : RocksDbKnobs.space().parameters()) {
            String k = p.name();
            if (RocksDbKnobs.isLive(k) && !target.get(k).equals(effective.get(k))) {
                liveChanged.add(k);
                nextEffective.put(k, target.get(k));
            }
        }
        if (!liveChanged.isEmpty()) {
            Configuration next = Configuration.of(nextEffective);
            if (liveChanged.stream().anyMatch(k -> !k.equals(RocksDbKnobs.MAX_BACKGROUND_JOBS))) {
                db.setOptions(RocksDbOptions.mutableColumnFamilyOptions(next));
            }
            if (liveChanged.contains(RocksDbKnobs.MAX_BACKGROUND_JOBS)) {
                db.setDBOptions(RocksDbOptions.mutableDbOptions(next));
            }
            effective = next;
        }
        requested = target;
        return ApplyResult.between(before, target, pendingRestart());
    }

    /** Closes the database and opens it again with the requested configuration. */
    synchronized void reopen() throws RocksDBException {
        Configuration previous = effective;
        closeDb();
        try {
            open(requested);
        } catch (RocksDBException | RuntimeException e) {
            // Keep the instance usable: back to what ran before, and the caller hears why.
            open(previous);
            requested = previous;
            throw e;
        }
    }

    /** Switches the probe's workload; writes the keys the database does not have yet. */
    synchronized void setWorkload(Workload workload) throws RocksDBException {
        driver = new WorkloadDriver(workload, LIVE_SEED);
        long filled = filledKeys();
        if (filled < workload.keyCount()) {
            driver.fill(db, writeOptions, filled, workload.keyCount(), () -> false);
            db.put(writeOptions, FILLED_KEY, ByteBuffer.allocate(8).putLong(workload.keyCount()).array());
        }
    }

    synchronized Workload workload() {
        return driver.workload();
    }

    /** Runs the workload's read/overwrite mix on the live database for a window and reports what it measured. */
    synchronized Metrics probe(long nanos) throws RocksDBException {
        WorkloadDriver.MixResult r = driver.mix(db, writeOptions, readOptions, LIVE_SEED + ++probes, 0, nanos,
                () -> false, Long.MAX_VALUE, null);
        if (r.misses() > 0) {
            throw new IllegalStateException(r.misses() + " of " + r.reads() + " reads of the live database missed keys"
                    + " of the workload's key space");
        }
        var m = new LinkedHashMap<String, Double>();
        m.put(RocksDbTrial.THROUGHPUT, r.throughput());
        m.put(RocksDbTrial.P50, RocksDbTrial.micros(r.latencyNanos(), 50));
        m.put(RocksDbTrial.P99, RocksDbTrial.micros(r.latencyNanos(), 99));
        m.put(RocksDbTrial.P999, RocksDbTrial.micros(r.latencyNanos(), 99.9));
        return new Metrics(m);
    }

    /** A RocksDB property of the open database, for tests and operators (e.g. rocksdb.num-files-at-level0). */
    synchronized String property(String name) throws RocksDBException {
        return db.getProperty(name);
    }

    /** The column-family options the open database reports (GetOptions), to check what is in effect. */
    synchronized MutableColumnFamilyOptions.MutableColumnFamilyOptionsBuilder columnFamilyOptions()
            throws RocksDBException {
        return db.getOptions();
    }

    /** The database-wide options the open database reports (GetDBOptions). */
    synchronized MutableDBOptions.MutableDBOptionsBuilder dbOptions() throws RocksDBException {
        return db.getDBOptions();
    }

    private long filledKeys() throws RocksDBException {
        byte[] v = db.get(FILLED_KEY);
        return v == null ? 0 : ByteBuffer.wrap(v).getLong();
    }

    private void closeDb() {
        if (db != null) {
            db.cancelAllBackgroundWork(true);
            db.close();
            db = null;
        }
        if (options != null) {
            options.close();
            options = null;
        }
    }

    @Override
    public synchronized void close() {
        closeDb();
        writeOptions.close();
        readOptions.close();
    }
}
