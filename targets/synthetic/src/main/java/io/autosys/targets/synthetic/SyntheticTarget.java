package io.autosys.targets.synthetic;

import io.autosys.sdk.api.ApplyResult;
import io.autosys.sdk.api.Configuration;
import io.autosys.sdk.api.Context;
import io.autosys.sdk.api.ContextFeatureSpec;
import io.autosys.sdk.api.ControlledSystem;
import io.autosys.sdk.api.Goal;
import io.autosys.sdk.api.MetricSpec;
import io.autosys.sdk.api.Metrics;
import io.autosys.sdk.api.Observation;
import io.autosys.sdk.api.SystemDescription;
import io.autosys.sdk.api.TrialBudget;
import io.autosys.sdk.api.TrialContext;
import io.autosys.sdk.api.TrialProgress;
import io.autosys.sdk.api.TrialRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A {@link SyntheticFunction} served as a target system (service kind
 * {@code synthetic.<function>}), for tests and benchmarks: trials report the metric
 * {@code value} (minimise), the function's value plus Gaussian noise, as a real system would
 * report a noisy measurement. The noise-free value, the optimum and where it lies stay available
 * to benchmarks through this class ({@link #noiseFreeValue}, {@link #minimizer()}).
 *
 * <p><b>Noise</b> has standard deviation {@link Settings#noiseSd()} (divided by
 * sqrt(fidelity) for a low-fidelity budget). The noise of a trial is drawn from a generator
 * seeded by the target's seed and the request's seed; when the request has no seed (0), by its
 * trial id; when it has neither, by the trial's ordinal (the only case that depends on arrival
 * order). So a trial's value never depends on thread timing.
 *
 * <p><b>Drift</b> moves the optimum: after the trials a {@link Drift} schedule names, and on
 * request ({@link #drift()}). Each move starts a new phase; trials see the phase current when
 * they start; {@link DriftTransform} says exactly how inputs are shifted (the optimum value
 * stays the same, its location moves). The live system reports the phase as the context feature
 * {@code drift_phase}, as a real system reports its workload.
 *
 * <p><b>Duration</b>: with a positive {@link Settings#trialDuration()} (or a budget's
 * duration_ms, either scaled by fidelity) a trial sleeps that long in slices of at most 10 ms,
 * returning promptly once cancelled, and reports progress every
 * {@link Settings#progressInterval()}: an intermediate {@code value} that converges to the final
 * one (extra noise of sd noiseSd * sqrt((1 - f) / f) at fraction f). Without a duration a trial
 * returns at once and reports no progress. The budget's operation count is ignored.
 *
 * <p><b>Live system</b>: {@link #apply} sets the live configuration (nothing needs a restart);
 * {@link #observe()} reports its noisy value in the current phase (noise seeded by the target's
 * seed and the observation's number).
 */
public final class SyntheticTarget implements ControlledSystem {
    public static final String METRIC = "value";
    public static final String PHASE_FEATURE = "drift_phase";
    private static final long SLICE_NANOS = 10_000_000L;

    private final Settings settings;
    private final SyntheticFunction function;
    private final SystemDescription description;
    private final Map<Long, DriftTransform> transforms = new ConcurrentHashMap<>();
    private long trialsStarted;
    private long phase;
    private long observations;
    private Configuration live;

    /**
     * How a synthetic target behaves.
     *
     * @param function            the function to serve
     * @param systemId            the target's id
     * @param instanceId          this instance's id (the system id when blank)
     * @param noiseSd             standard deviation of the Gaussian noise on {@code value}, >= 0
     * @param seed                seed of the noise and of the drift shifts
     * @param drift               when the optimum moves on its own
     * @param trialDuration       how long a trial takes when the budget names no duration; zero = at once
     * @param progressInterval    time between progress reports of a trial with a duration
     * @param maxConcurrentTrials trials the target accepts at once
     */
    public record Settings(SyntheticFunction function, String systemId, String instanceId, double noiseSd, long seed,
            Drift drift, Duration trialDuration, Duration progressInterval, int maxConcurrentTrials) {
        public Settings {
            Objects.requireNonNull(function, "function");
            Objects.requireNonNull(drift, "drift");
            if (!(noiseSd >= 0 && Double.isFinite(noiseSd))) {
                throw new IllegalArgumentException("noise sd must be a finite number >= 0, got " + noiseSd);
            }
            if (trialDuration.isNegative()) {
                throw new IllegalArgumentException("trial duration must be >= 0, got " + trialDuration);
            }
            if (progressInterval.isNegative() || progressInterval.isZero()) {
                throw new IllegalArgumentException("progress interval must be positive, got " + progressInterval);
            }
            if (maxConcurrentTrials < 1) {
                throw new IllegalArgumentException("max concurrent trials must be >= 1, got " + maxConcurrentTrials);
            }
        }

        /** No noise, no drift, instant trials, seed 1, id "synthetic-<function>", 4 trials at once. */
        public static Settings of(SyntheticFunction function) {
            return new Settings(function, "synthetic-" + function.name(), "", 0, 1, Drift.never(), Duration.ZERO,
                    Duration.ofMillis(100), 4);
        }

        public Settings withIds(String newSystemId, String newInstanceId) {
            return new Settings(function, newSystemId, newInstanceId, noiseSd, seed, drift, trialDuration,
                    progressInterval, maxConcurrentTrials);
        }

        public Settings withNoiseSd(double sd) {
            return new Settings(function, systemId, instanceId, sd, seed, drift, trialDuration, progressInterval,
                    maxConcurrentTrials);
        }

        /** Noise as a share of the function's range (max - min over the space), e.g. 0.01 for 1%. */
        public Settings withNoiseShare(double share) {
            return withNoiseSd(share * function.range());
        }

        public Settings withSeed(long newSeed) {
            return new Settings(function, systemId, instanceId, noiseSd, newSeed, drift, trialDuration,
                    progressInterval, maxConcurrentTrials);
        }

        public Settings withDrift(Drift newDrift) {
            return new Settings(function, systemId, instanceId, noiseSd, seed, newDrift, trialDuration,
                    progressInterval, maxConcurrentTrials);
        }

        public Settings withTrialDuration(Duration duration) {
            return new Settings(function, systemId, instanceId, noiseSd, seed, drift, duration, progressInterval,
                    maxConcurrentTrials);
        }

        public Settings withProgressInterval(Duration interval) {
            return new Settings(function, systemId, instanceId, noiseSd, seed, drift, trialDuration, interval,
                    maxConcurrentTrials);
        }

        public Settings withMaxConcurrentTrials(int n) {
            return new Settings(function, systemId, instanceId, noiseSd, seed, drift, trialDuration,
                    progressInterval, n);
        }
    }

    public SyntheticTarget(Settings settings) {
        this.settings = settings;
        this.function = settings.function();
        if (!(settings.drift() instanceof Drift.Never)) {
            DriftTransform.of(function.space(), settings.seed(), 1); // refuses spaces drift cannot shift
        }
        this.description = new SystemDescription(settings.systemId(), "synthetic." + function.name(),
                settings.instanceId(), function.space(),
                List.of(new MetricSpec(METRIC, "", Goal.MINIMIZE, "the function's value, with noise")),
                List.of(ContextFeatureSpec.numeric(PHASE_FEATURE, "how many times the optimum has moved")),
                settings.maxConcurrentTrials(), Map.of("function", function.name()));
        this.live = function.space().defaults();
    }

    public static SyntheticTarget of(String functionName) {
        return new SyntheticTarget(Settings.of(SyntheticFunctions.byName(functionName)));
    }

    public Settings settings() {
        return settings;
    }

    public SyntheticFunction function() {
        return function;
    }

    @Override
    public SystemDescription describe() {
        return description;
    }

    @Override
    public synchronized Configuration currentConfiguration() {
        return live;
    }

    @Override
    public synchronized ApplyResult apply(Configuration configuration) {
        Configuration before = live;
        live = configuration;
        return ApplyResult.between(before, configuration, Set.of());
    }

    /** Moves the optimum now; later trials and observations see the new phase. Returns it. */
    public synchronized long drift() {
        DriftTransform.of(function.space(), settings.seed(), phase + 1);
        return ++phase;
    }

    /** How many times the optimum has moved. */
    public synchronized long phase() {
        return phase;
    }

    /** Trials started so far. */
    public synchronized long trialsStarted() {
        return trialsStarted;
    }

    /** The noise-free value of a configuration in the current phase. */
    public double noiseFreeValue(Configuration c) {
        return noiseFreeValue(c, phase());
    }

    /** The noise-free value of a configuration in a given phase. */
    public double noiseFreeValue(Configuration c, long inPhase) {
        return function.evaluate(transform(inPhase).toBase(c));
    }

    /** Where the optimum lies in the current phase, when the function knows its minimiser. */
    public Optional<Configuration> minimizer() {
        long p = phase();
        return function.minimizer().map(m -> transform(p).fromBase(m));
    }

    /** The optimum value (the same in every phase). */
    public double optimum() {
        return function.optimum();
    }

    @Override
    public Metrics runTrial(TrialRequest request, TrialContext context) throws InterruptedException {
        long ordinal;
        long trialPhase;
        synchronized (this) {
            ordinal = trialsStarted++;
            if (settings.drift().movesBefore(ordinal)) {
                phase++;
            }
            trialPhase = phase;
        }
        TrialBudget budget = request.budget();
        double fidelity = budget.effectiveFidelity();
        double sd = settings.noiseSd() / Math.sqrt(fidelity);
        var rnd = new SplittableRandom(noiseSeed(request, ordinal));
        double value = noiseFreeValue(request.configuration(), trialPhase) + sd * rnd.nextGaussian();

        long millis = budget.durationMs() > 0 ? budget.durationMs() : settings.trialDuration().toMillis();
        long total = Math.round(millis * fidelity * 1e6);
        if (total > 0) {
            waitReportingProgress(context, total, value, sd, rnd);
        }
        return Metrics.of(METRIC, value);
    }

    private void waitReportingProgress(TrialContext context, long total, double value, double sd,
            SplittableRandom rnd) throws InterruptedException {
        long interval = settings.progressInterval().toNanos();
        long start = System.nanoTime();
        long nextReport = start + interval;
        long step = 0;
        while (true) {
            context.checkCancelled();
            long now = System.nanoTime();
            long elapsed = now - start;
            if (elapsed >= total) {
                return;
            }
            if (now - nextReport >= 0) {
                double f = (double) elapsed / total;
                double interim = value + sd * Math.sqrt((1 - f) / f) * rnd.nextGaussian();
                context.progress(new TrialProgress(++step, f, Metrics.of(METRIC, interim)));
                nextReport += interval;
            }
            long wait = Math.min(SLICE_NANOS, Math.min(total - elapsed, Math.max(0, nextReport - now)));
            if (wait > 0) {
                Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
            }
        }
    }

    @Override
    public Observation observe() {
        Configuration c;
        long p;
        long n;
        synchronized (this) {
            c = live;
            p = phase;
            n = observations++;
        }
        var rnd = new SplittableRandom(mix(settings.seed(), mix(0x0B5E_7A71_0000L, n)));
        double value = noiseFreeValue(c, p) + settings.noiseSd() * rnd.nextGaussian();
        return new Observation(Metrics.of(METRIC, value), Context.empty().with(PHASE_FEATURE, p), c,
                System.currentTimeMillis());
    }

    private long noiseSeed(TrialRequest r, long ordinal) {
        long key;
        if (r.seed() != 0) {
            key = mix(1, r.seed());
        } else if (!r.trialId().isEmpty()) {
            key = mix(2, fnv1a(r.trialId()));
        } else {
            key = mix(3, ordinal);
        }
        return mix(settings.seed(), key);
    }

    private DriftTransform transform(long p) {
        return transforms.computeIfAbsent(p, k -> DriftTransform.of(function.space(), settings.seed(), k));
    }

    /** A well-spread 64-bit hash of two values (SplitMix64's finaliser over a combination). */
    static long mix(long a, long b) {
        return mix64(mix64(a + 0x9E3779B97F4A7C15L) ^ b);
    }

    private static long mix64(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    private static long fnv1a(String s) {
        long h = 0xcbf29ce484222325L;
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
            h ^= b & 0xff;
            h *= 0x100000001b3L;
        }
        return h;
    }
}
