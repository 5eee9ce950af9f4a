package io.autosys.deploy;

import io.autosys.sdk.api.ControlledSystem;
import io.autosys.sdk.server.ControlInterfaceServer;
import io.autosys.targets.rocksdb.RocksDbTarget;
import io.autosys.targets.rocksdb.Workload;
import io.autosys.targets.synthetic.SyntheticFunctions;
import io.autosys.targets.synthetic.SyntheticTarget;
import java.io.IOException;
import java.nio.file.Path;

/** Targets the launcher starts in its own JVM and serves on loopback, like any target process would. */
final class EmbeddedTargets {
    private EmbeddedTargets() {
    }

    /** A served target and what closes it. */
    record Served(ControlledSystem system, ControlInterfaceServer server, AutoCloseable resources)
            implements AutoCloseable {
        String address() {
            return "127.0.0.1:" + server.port();
        }

        @Override
        public void close() throws Exception {
            server.close();
            if (resources != null) {
                resources.close();
            }
        }
    }

    /**
     * The launcher's RocksDB workload: 300,000 keys of 256 bytes (about 77 MB raw), half reads and
     * half overwrites. Bigger than RocksDB's default 32 MiB block cache, so the knobs matter (on
     * the default 100,000 keys everything fits in cache and the defaults are hard to beat).
     */
    static final Workload ROCKSDB_WORKLOAD = new Workload(300_000, 256, 0.5);

    /** {@code rocksdb} or {@code synthetic:<function>} (branin, hartmann6, rosenbrock4, mixed5). */
    static Served start(String spec, Path dataDir) throws IOException {
        return start(spec, dataDir, ROCKSDB_WORKLOAD, java.time.Duration.ZERO);
    }

    static Served start(String spec, Path dataDir, Workload rocksdbWorkload, java.time.Duration syntheticTrial)
            throws IOException {
        if (spec.equals("rocksdb")) {
            var settings = RocksDbTarget.Settings.of(dataDir.resolve("rocksdb-live"))
                    .withTrialRoot(dataDir.resolve("rocksdb-trials")).withWorkload(rocksdbWorkload);
            var target = new RocksDbTarget(settings);
            return new Served(target, ControlInterfaceServer.builder(target).port(0).start(), target);
        }
        if (spec.startsWith("synthetic:")) {
            var function = SyntheticFunctions.byName(spec.substring("synthetic:".length()));
            var target = new SyntheticTarget(SyntheticTarget.Settings.of(function).withTrialDuration(syntheticTrial));
            return new Served(target, ControlInterfaceServer.builder(target).port(0).start(), null);
        }
        throw new IllegalArgumentException("unknown target '" + spec + "': use rocksdb or synthetic:<function> ("
                + SyntheticFunctions.publicSuite() + ")");
    }
}
