package io.autosys.targets.rocksdb;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rocksdb.Options;
import org.rocksdb.ReadOptions;
import org.rocksdb.RocksDB;
import org.rocksdb.WriteOptions;

class WorkloadDriverTest {
    static {
        RocksDB.loadLibrary();
    }

    @TempDir
    Path tmp;

    @Test
    void keysAreDistinctSixteenBytesAndFixedByTheSeed() {
        var w = new Workload(50_000, 100, 0.5);
        var a = new WorkloadDriver(w, 2);
        var b = new WorkloadDriver(w, 2);
        var c = new WorkloadDriver(w, 3);
        var seen = new HashSet<String>();
        byte[] ka = new byte[WorkloadDriver.KEY_SIZE];
        byte[] kb = new byte[WorkloadDriver.KEY_SIZE];
        byte[] kc = new byte[WorkloadDriver.KEY_SIZE];
        int sameAsOtherSeed = 0;
        for (long i = 0; i < w.keyCount(); i++) {
            a.encodeKey(i, ka);
            b.encodeKey(i, kb);
            c.encodeKey(i, kc);
            assertThat(kb).isEqualTo(ka);
            sameAsOtherSeed += Arrays.equals(ka, kc) ? 1 : 0;
            assertThat(seen.add(Arrays.toString(ka))).isTrue();
        }
        assertThat(sameAsOtherSeed).isZero();
    }

    @Test
    void theFillWritesEveryKeyOnceAndTheMixReadsThemAll() throws Exception {
        var w = new Workload(5_000, 64, 1.0);
        var d = new WorkloadDriver(w, 9);
        try (var o = new Options().setCreateIfMissing(true); var db = RocksDB.open(o, tmp.toString());
                var wo = new WriteOptions(); var ro = new ReadOptions()) {
            d.fill(db, wo, 0, 3_000, () -> false);
            d.fill(db, wo, 3_000, 5_000, () -> false);
            int n = 0;
            try (var it = db.newIterator()) {
                for (it.seekToFirst(); it.isValid(); it.next()) {
                    assertThat(it.key()).hasSize(16);
                    assertThat(it.value()).hasSize(64);
                    n++;
                }
            }
            assertThat(n).isEqualTo(5_000);
            var r = d.mix(db, wo, ro, 1, 20_000, 0, () -> false, Long.MAX_VALUE, null);
            assertThat(r.operations()).isEqualTo(20_000);
            assertThat(r.reads()).isEqualTo(20_000);
            assertThat(r.misses()).isZero();
            assertThat(r.latencyNanos().getTotalCount()).isEqualTo(20_000);
        }
    }

    @Test
    void theMixFollowsTheReadFraction() throws Exception {
        var w = new Workload(2_000, 32, 0.8);
        var d = new WorkloadDriver(w, 4);
        try (var o = new Options().setCreateIfMissing(true); var db = RocksDB.open(o, tmp.toString());
                var wo = new WriteOptions(); var ro = new ReadOptions()) {
            d.fill(db, wo, 0, w.keyCount(), () -> false);
            var r = d.mix(db, wo, ro, 5, 50_000, 0, () -> false, Long.MAX_VALUE, null);
            assertThat(r.reads() / 50_000.0).isCloseTo(0.8, org.assertj.core.data.Offset.offset(0.01));
            var again = d.mix(db, wo, ro, 5, 50_000, 0, () -> false, Long.MAX_VALUE, null);
            assertThat(again.reads()).as("same seed, same sequence").isEqualTo(r.reads());
        }
    }
}
