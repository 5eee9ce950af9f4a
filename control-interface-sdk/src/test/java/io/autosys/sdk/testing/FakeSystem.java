package io.autosys.sdk.testing;

import io.autosys.sdk.api.ApplyResult;
import io.autosys.sdk.api.BooleanParameter;
import io.autosys.sdk.api.CategoricalParameter;
import io.autosys.sdk.api.Condition;
import io.autosys.sdk.api.Configuration;
import io.autosys.sdk.api.Context;
import io.autosys.sdk.api.ContextFeatureSpec;
import io.autosys.sdk.api.ControlledSystem;
import io.autosys.sdk.api.Goal;
import io.autosys.sdk.api.IntegerParameter;
import io.autosys.sdk.api.MetricSpec;
import io.autosys.sdk.api.Metrics;
import io.autosys.sdk.api.Observation;
import io.autosys.sdk.api.ParameterSpace;
import io.autosys.sdk.api.RealParameter;
import io.autosys.sdk.api.Scale;
import io.autosys.sdk.api.SystemDescription;
import io.autosys.sdk.api.TrialContext;
import io.autosys.sdk.api.TrialProgress;
import io.autosys.sdk.api.TrialRequest;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A small in-memory target for tests of the SDK and of callers: a space with every parameter
 * kind (including a conditional one), trials that report progress for a given number of steps
 * and can be told to crash, and a record of every call that reached it.
 */
public final class FakeSystem implements ControlledSystem {
    public static final ParameterSpace SPACE = ParameterSpace.of(
            RealParameter.of("ratio", 0, 1, 0.5),
            new RealParameter("rate", 0.001, 10, 0, Scale.LOG, 0.1, "a log-scale real", "1/s", null),
            IntegerParameter.of("threads", 1, 16, 4),
            new IntegerParameter("buffer_kb", 64, 1024, 64, Scale.LINEAR, 256, "a stepped integer", "KiB", null),
            CategoricalParameter.of("mode", List.of("fast", "safe", "custom"), "safe"),
            RealParameter.of("custom_level", 0, 10, 5).withStep(0.5).withCondition(Condition.of("mode", "custom")),
            BooleanParameter.of("cache", true));

    private final SystemDescription description;
    private volatile Configuration current = SPACE.defaults();
    public final List<Configuration> applied = new CopyOnWriteArrayList<>();
    public final List<TrialRequest> trials = new CopyOnWriteArrayList<>();
    public final AtomicInteger cancelledTrials = new AtomicInteger();
    public final AtomicInteger finishedTrials = new AtomicInteger();
    /** Counted down when a trial starts running. */
    public volatile CountDownLatch trialStarted = new CountDownLatch(1);
    private volatile int steps = 3;
    private volatile long stepMillis = 10;
    private volatile String crashWith;

    public FakeSystem() {
        this(1);
    }

    public FakeSystem(int maxConcurrentTrials) {
        this.description = new SystemDescription("fake-1", "fake", "fake-1", SPACE,
                List.of(MetricSpec.of("score", "", Goal.MAXIMIZE), MetricSpec.of("latency_ms", "ms", Goal.MINIMIZE)),
                List.of(ContextFeatureSpec.numeric("load", "requests per second")), maxConcurrentTrials,
                Map.of("version", "1"));
    }

    /** Each trial runs {@code n} steps of {@code millis} each. */
    public FakeSystem trialShape(int n, long millis) {
        this.steps = n;
        this.stepMillis = millis;
        return this;
    }

    /** Trials throw this message (null: they succeed). */
    public FakeSystem crashWith(String message) {
        this.crashWith = message;
        return this;
    }

    /** The score a configuration earns: higher when ratio is near 0.7 and threads near 8. */
    public static double score(Configuration c) {
        double r = c.getDouble("ratio") - 0.7;
        double t = (c.getLong("threads") - 8) / 16.0;
        return 1 - r * r - t * t;
    }

    @Override
    public SystemDescription describe() {
        return description;
    }

    @Override
    public Configuration currentConfiguration() {
        return current;
    }

    @Override
    public ApplyResult apply(Configuration configuration) {
        Configuration before = current;
        applied.add(configuration);
        current = configuration;
        return ApplyResult.between(before, configuration, configuration.has("cache")
                && !configuration.get("cache").equals(before.find("cache").orElse(null)) ? Set.of("cache") : Set.of());
    }

    @Override
    public Metrics runTrial(TrialRequest request, TrialContext context) throws Exception {
        trials.add(request);
        trialStarted.countDown();
        try {
            for (int i = 1; i <= steps; i++) {
                if (context.isCancelled()) {
                    cancelledTrials.incrementAndGet();
                    throw new TrialContext.TrialCancelledException();
                }
                Thread.sleep(stepMillis);
                context.progress(new TrialProgress(i, (double) i / steps, Metrics.of("score",
                        score(request.configuration()) * i / steps)));
            }
            if (crashWith != null) {
                throw new IllegalStateException(crashWith);
            }
            return Metrics.of("score", score(request.configuration()), "latency_ms", 10);
        } catch (InterruptedException e) {
            cancelledTrials.incrementAndGet();
            throw e;
        } finally {
            finishedTrials.incrementAndGet();
        }
    }

    @Override
    public Observation observe() {
        return new Observation(Metrics.of("score", score(current)), new Context(Map.of()).with("load", 120.0), current,
                System.currentTimeMillis());
    }
}
