package io.autosys.targets.rocksdb;

import io.autosys.sdk.api.ApplyResult;
import io.autosys.sdk.api.Configuration;
import io.autosys.sdk.api.ControlledSystem;
import io.autosys.sdk.api.Goal;
import io.autosys.sdk.api.MetricSpec;
import io.autosys.sdk.api.Metrics;
import io.autosys.sdk.api.Observation;
import io.autosys.sdk.api.SystemDescription;
import io.autosys.sdk.api.TrialBudget;
import io.autosys.sdk.api.TrialContext;
import io.autosys.sdk.api.TrialRequest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.rocksdb.RocksDBException;

/**
 * RocksDB as a {@link ControlledSystem} (service kind {@code rocksdb}).
 *
 * <p><b>Trials</b> ({@link #runTrial}) never touch the live database: each opens a fresh database
 * in a new directory under {@link Settings#trialRoot()} with the proposed options, fills every
 * key of the current {@link Workload} (in batches, then a flush so reads hit SST files), runs the
 * read/overwrite mix for the budget, reports throughput (ops/s) and p50/p99/p99.9 latency (µs) of
 * the mix, plus fill_throughput, and deletes the directory in a {@code finally}, also when the
 * trial is cancelled or fails. The mix lasts {@code budget.durationMs} (default
 * {@link Settings#trialDuration()}, about 3 s) and/or {@code budget.operations}, both scaled by
 * the budget's fidelity; the fill adds a fixed cost set by key_count (about 0.3 s at the default
 * workload). The target declares one trial at a time by default
 * ({@link Settings#maxConcurrentTrials()}; the server enforces it): on two cores, parallel trials
 * would measure each other. Seed 0 means seed 1, so repeated default requests measure the same sequence.
 *
 * <p><b>Apply</b> reconfigures the live database under {@link Settings#dataDir()}: the knobs of
 * {@link RocksDbKnobs#isLive} take effect at once, the others are reported as pending a restart
 * until {@link #reopenLive()}.
 *
 * <p><b>Observe</b> measures on request: it runs the current workload's mix on the live
 * database for {@link Settings#observeWindow()} (default 250 ms) and reports what it measured,
 * with the workload as context. Nothing runs in the background between calls, so an idle target
 * costs no CPU; an observation costs its window.
 *
 * <p><b>Workload</b>: {@link #setWorkload} changes what trials and probes run (drift on request);
 * the live database gets the keys it lacks written at once.
 */
public final class RocksDbTarget implements ControlledSystem, AutoCloseable {
    public static final String SERVICE_KIND = "rocksdb";
    private static final long DEFAULT_SEED = 1;

    private final Settings settings;
    private final SystemDescription description;
    private final LiveDatabase live;
    private volatile Workload workload;

    /**
     * Where a target keeps its data and how it runs trials.
     *
     * @param systemId            the target's id
     * @param instanceId          this instance's id (the system id when blank)
     * @param dataDir             the live database's directory (created when missing)
     * @param trialRoot           where trial databases are created and deleted
     * @param workload            the initial workload
     * @param trialDuration       the mix length of a trial when the budget names none
     * @param observeWindow       how long an observation measures the live database
     * @param maxConcurrentTrials trials run at once; more wait
     */
    public record Settings(String systemId, String instanceId, Path dataDir, Path trialRoot, Workload workload,
            Duration trialDuration, Duration observeWindow, int maxConcurrentTrials) {
        public Settings {
            Objects.requireNonNull(dataDir, "data dir");
            Objects.requireNonNull(trialRoot, "trial root");
            Objects.requireNonNull(workload, "workload");
            if (trialDuration.isNegative() || trialDuration.isZero()) {
                throw new IllegalArgumentException("trial duration must be positive, got " + trialDuration);
            }
            if (observeWindow.isNegative() || observeWindow.isZero()) {
                throw new IllegalArgumentException("observe window must be positive, got " + observeWindow);
            }
            if (maxConcurrentTrials < 1) {
                throw new IllegalArgumentException("max concurrent trials must be >= 1, got " + maxConcurrentTrials);
            }
            if (dataDir.toAbsolutePath().normalize().startsWith(trialRoot.toAbsolutePath().normalize())) {
                throw new IllegalArgumentException("data dir " + dataDir + " must not lie inside the trial root "
                        + trialRoot + ": trial directories there are deleted");
            }
        }

        /** Defaults: id "rocksdb", trials under the JVM temp dir, the default workload, 3 s trials. */
        public static Settings of(Path dataDir) {
            return new Settings("rocksdb", "", dataDir,
                    Path.of(System.getProperty("java.io.tmpdir"), "autosys-rocksdb-trials"), Workload.DEFAULT,
                    Duration.ofSeconds(3), Duration.ofMillis(250), 1);
        }

        public Settings withIds(String newSystemId, String newInstanceId) {
            return new Settings(newSystemId, newInstanceId, dataDir, trialRoot, workload, trialDuration,
                    observeWindow, maxConcurrentTrials);
        }

        public Settings withTrialRoot(Path newTrialRoot) {
            return new Settings(systemId, instanceId, dataDir, newTrialRoot, workload, trialDuration, observeWindow,
                    maxConcurrentTrials);
        }

        public Settings withWorkload(Workload newWorkload) {
            return new Settings(systemId, instanceId, dataDir, trialRoot, newWorkload, trialDuration, observeWindow,
                    maxConcurrentTrials);
        }

        public Settings withTrialDuration(Duration newDuration) {
            return new Settings(systemId, instanceId, dataDir, trialRoot, workload, newDuration, observeWindow,
                    maxConcurrentTrials);
        }

        public Settings withObserveWindow(Duration newWindow) {
            return new Settings(systemId, instanceId, dataDir, trialRoot, workload, trialDuration, newWindow,
                    maxConcurrentTrials);
        }

        public Settings withMaxConcurrentTrials(int n) {
            return new Settings(systemId, instanceId, dataDir, trialRoot, workload, trialDuration, observeWindow, n);
        }
    }

    /** Opens (or creates) the live database with RocksDB's defaults and loads the workload's keys. */
    public RocksDbTarget(Settings settings) throws IOException {
        this.settings = settings;
        this.workload = settings.workload();
        this.description = new SystemDescription(settings.systemId(), SERVICE_KIND, settings.instanceId(),
                RocksDbKnobs.space(), metrics(), Workload.contextFeatures(), settings.maxConcurrentTrials(),
                // "cores": the host's processors, which the rules compare max_background_jobs with.
                Map.of("engine", "rocksdbjni", "cores", Integer.toString(Runtime.getRuntime().availableProcessors())));
        try {
            this.live = new LiveDatabase(settings.dataDir(), RocksDbKnobs.space().defaults(), workload);
        } catch (RocksDBException e) {
            throw new IOException("cannot open the live RocksDB database in " + settings.dataDir() + ": "
                    + e.getMessage(), e);
        }
    }

    /** The metrics every trial reports. */
    public static List<MetricSpec> metrics() {
        return List.of(
                new MetricSpec(RocksDbTrial.THROUGHPUT, "ops/s", Goal.MAXIMIZE, "operations per second of the mix"),
                new MetricSpec(RocksDbTrial.P50, "us", Goal.MINIMIZE, "median operation latency of the mix"),
                new MetricSpec(RocksDbTrial.P99, "us", Goal.MINIMIZE, "99th percentile operation latency"),
                new MetricSpec(RocksDbTrial.P999, "us", Goal.MINIMIZE, "99.9th percentile operation latency"),
                new MetricSpec(RocksDbTrial.FILL_THROUGHPUT, "keys/s", Goal.MAXIMIZE,
                        "keys per second of the fill, flush included (trials only)"));
    }

    public Settings settings() {
        return settings;
    }

    @Override
    public SystemDescription describe() {
        return description;
    }

    @Override
    public Configuration currentConfiguration() {
        return live.requested();
    }

    @Override
    public ApplyResult apply(Configuration configuration) throws RocksDBException {
        return live.apply(configuration);
    }

    /** Knobs applied but not yet in effect on the live database. */
    public java.util.Set<String> pendingRestart() {
        return live.pendingRestart();
    }

    /** Reopens the live database so every applied knob takes effect. */
    public void reopenLive() throws RocksDBException {
        live.reopen();
    }

    /** The workload trials and observations run now. */
    public Workload workload() {
        return workload;
    }

    /** Changes the workload of later trials and observations (and loads new keys into the live database). */
    public void setWorkload(Workload newWorkload) throws RocksDBException {
        live.setWorkload(newWorkload);
        this.workload = newWorkload;
    }

    @Override
    public Metrics runTrial(TrialRequest request, TrialContext context) throws Exception {
        TrialBudget b = request.budget();
        double fidelity = b.effectiveFidelity();
        long ops = b.operations() > 0 ? Math.max(1, Math.round(b.operations() * fidelity)) : 0;
        long millis = b.durationMs() > 0 ? b.durationMs() : ops > 0 ? 0 : settings.trialDuration().toMillis();
        long nanos = Math.round(millis * fidelity * 1e6);
        if (ops == 0 && nanos == 0) {
            nanos = 1;
        }
        long seed = request.seed() == 0 ? DEFAULT_SEED : request.seed();
        return RocksDbTrial.run(request.configuration(), workload, seed, new RocksDbTrial.MixBudget(ops, nanos),
                settings.trialRoot(), context);
    }

    @Override
    public Observation observe() {
        try {
            Metrics m = live.probe(settings.observeWindow().toNanos());
            return new Observation(m, live.workload().context(), live.requested(), System.currentTimeMillis());
        } catch (RocksDBException e) {
            throw new UncheckedIOException(new IOException("probing the live database failed: " + e.getMessage(), e));
        }
    }

    /** The live database, for tests in this package. */
    LiveDatabase live() {
        return live;
    }

    @Override
    public void close() {
        live.close();
    }
}
