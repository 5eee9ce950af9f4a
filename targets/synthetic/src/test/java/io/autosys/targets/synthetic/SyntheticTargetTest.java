package io.autosys.targets.synthetic;

import io.autosys.sdk.local.LocalTrialContext;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.autosys.sdk.api.Configuration;
import io.autosys.sdk.api.ContextValue;
import io.autosys.sdk.api.Goal;
import io.autosys.sdk.api.NumericParameter;
import io.autosys.sdk.api.Parameter;
import io.autosys.sdk.api.TrialBudget;
import io.autosys.sdk.api.TrialContext;
import io.autosys.sdk.api.TrialProgress;
import io.autosys.sdk.api.TrialRequest;
import io.autosys.sdk.api.Value;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class SyntheticTargetTest {

    @Test
    void describesTheFunctionAsATarget() {
        var t = SyntheticTarget.of("branin");
        var d = t.describe();
        assertThat(d.serviceKind()).isEqualTo("synthetic.branin");
        assertThat(d.systemId()).isEqualTo("synthetic-branin");
        assertThat(d.space()).isEqualTo(new Branin().space());
        assertThat(d.metrics()).singleElement().satisfies(m -> {
            assertThat(m.name()).isEqualTo("value");
            assertThat(m.goal()).isEqualTo(Goal.MINIMIZE);
        });
        assertThat(d.contextFeatures()).extracting(f -> f.name()).containsExactly("drift_phase");
    }

    @Test
    void withoutNoiseATrialReportsTheFunctionsValue() throws Exception {
        for (String name : SyntheticFunctions.publicSuite()) {
            var t = SyntheticTarget.of(name);
            var f = SyntheticFunctions.byName(name);
            var c = randomConfig(f, new SplittableRandom(name.hashCode()));
            assertThat(t.runTrial(new TrialRequest("a", c, null, 5), new LocalTrialContext()).get("value"))
                    .isEqualTo(f.evaluate(c));
        }
    }

    @Test
    void noiseIsDeterministicUnderTheSeedAndIndependentOfTiming() throws Exception {
        var settings = SyntheticTarget.Settings.of(new Hartmann6()).withNoiseSd(0.1).withSeed(42);
        var c = new Hartmann6().space().defaults();
        var sequential = new LinkedHashMap<Integer, Double>();
        var t1 = new SyntheticTarget(settings);
        for (int i = 1; i <= 200; i++) {
            sequential.put(i, t1.runTrial(new TrialRequest("", c, null, i), new LocalTrialContext()).get("value"));
        }
        // Same seeds, another target, four threads, reverse order: the same values.
        var t2 = new SyntheticTarget(settings);
        var concurrent = new ConcurrentHashMap<Integer, Double>();
        var pool = Executors.newFixedThreadPool(4);
        try {
            CompletableFuture.allOf(IntStream.rangeClosed(1, 200).map(i -> 201 - i).mapToObj(i ->
                    CompletableFuture.runAsync(() -> concurrent.put(i, trial(t2, c, "", i).get("value")), pool))
                    .toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
        } finally {
            pool.shutdownNow();
        }
        assertThat(concurrent).isEqualTo(sequential);
        assertThat(sequential.values().stream().distinct().count()).isEqualTo(200);
        // Another target seed gives other noise.
        var t3 = new SyntheticTarget(settings.withSeed(43));
        assertThat(t3.runTrial(new TrialRequest("", c, null, 1), new LocalTrialContext()).get("value"))
                .isNotEqualTo(sequential.get(1));
        // Without a request seed, the trial id decides.
        assertThat(trial(t1, c, "trial-7", 0).get("value")).isEqualTo(trial(t2, c, "trial-7", 0).get("value"))
                .isNotEqualTo(trial(t2, c, "trial-8", 0).get("value"));
    }

    @Test
    void noiseHasTheConfiguredSpreadAndShrinksWithFidelity() throws Exception {
        var f = new Branin();
        var t = new SyntheticTarget(SyntheticTarget.Settings.of(f).withNoiseShare(0.01).withSeed(9));
        double sd = 0.01 * f.range();
        assertThat(t.settings().noiseSd()).isCloseTo(sd, within(1e-12));
        var c = f.space().defaults();
        double clean = f.evaluate(c);
        double[] full = new double[4000];
        double[] low = new double[4000];
        for (int i = 0; i < full.length; i++) {
            full[i] = t.runTrial(new TrialRequest("", c, null, i + 1), new LocalTrialContext()).get("value") - clean;
            low[i] = t.runTrial(new TrialRequest("", c, new TrialBudget(0, 0, 0.25), i + 1), new LocalTrialContext())
                    .get("value") - clean;
        }
        assertThat(mean(full)).isCloseTo(0, within(4 * sd / Math.sqrt(full.length)));
        assertThat(stdev(full)).isCloseTo(sd, within(0.06 * sd));
        assertThat(stdev(low)).isCloseTo(2 * sd, within(0.12 * sd));
    }

    @Test
    void driftAfterNTrialsMovesTheOptimumAndKeepsItsValue() throws Exception {
        for (String name : SyntheticFunctions.publicSuite()) {
            var f = SyntheticFunctions.byName(name);
            var t = new SyntheticTarget(SyntheticTarget.Settings.of(f).withDrift(Drift.after(3)).withSeed(11));
            Configuration before = t.minimizer().orElseThrow();
            assertThat(before).isEqualTo(f.minimizer().orElseThrow());
            for (int i = 0; i < 3; i++) {
                assertThat(trial(t, before, "", i + 1).get("value")).as(name).isCloseTo(f.optimum(), within(1e-6));
            }
            assertThat(t.phase()).isZero();
            double moved = trial(t, before, "", 4).get("value");
            assertThat(t.phase()).isEqualTo(1);
            assertThat(moved).as(name + " at the old optimum after drift").isGreaterThan(f.optimum() + 0.05 * f.range()
                    / 10);
            Configuration after = t.minimizer().orElseThrow();
            assertThat(f.space().isValid(after)).isTrue();
            assertThat(after).isNotEqualTo(before);
            assertThat(trial(t, after, "", 5).get("value")).as(name + " at the new optimum")
                    .isCloseTo(f.optimum(), within(1e-6));
            assertThat(t.noiseFreeValue(before, 0)).isCloseTo(f.optimum(), within(1e-6));
            // A schedule of "after" moves once.
            for (int i = 0; i < 5; i++) {
                trial(t, after, "", 10 + i);
            }
            assertThat(t.phase()).isEqualTo(1);
        }
    }

    @Test
    void driftEveryNTrialsAndOnRequest() throws Exception {
        var t = new SyntheticTarget(SyntheticTarget.Settings.of(new Mixed5()).withDrift(Drift.every(2)));
        var c = new Mixed5().space().defaults();
        long[] phases = new long[7];
        for (int i = 0; i < phases.length; i++) {
            trial(t, c, "", i + 1);
            phases[i] = t.phase();
        }
        assertThat(phases).containsExactly(0, 0, 1, 1, 2, 2, 3);

        var s = SyntheticTarget.of("rosenbrock4");
        var opt = s.minimizer().orElseThrow();
        s.apply(opt);
        assertThat(s.observe().metrics().get("value")).isZero();
        assertThat(s.observe().context().features()).containsEntry("drift_phase", ContextValue.of(0));
        assertThat(s.drift()).isEqualTo(1);
        var o = s.observe();
        assertThat(o.context().features()).containsEntry("drift_phase", ContextValue.of(1));
        assertThat(o.metrics().get("value")).isGreaterThan(1);
        assertThat(s.noiseFreeValue(s.minimizer().orElseThrow())).isCloseTo(0, within(1e-9));
    }

    @Test
    void theDriftTransformIsABijectionOfEachSpace() {
        for (String name : SyntheticFunctions.publicSuite()) {
            var f = SyntheticFunctions.byName(name);
            var rnd = new SplittableRandom(3);
            for (long phase = 0; phase < 4; phase++) {
                var tr = DriftTransform.of(f.space(), 77, phase);
                for (int i = 0; i < 200; i++) {
                    var c = randomConfig(f, rnd);
                    var base = tr.toBase(c);
                    assertThat(f.space().isValid(base)).isTrue();
                    var back = tr.fromBase(base);
                    for (Parameter p : f.space().parameters()) {
                        if (p instanceof NumericParameter) {
                            assertThat(back.getDouble(p.name())).isCloseTo(c.getDouble(p.name()), within(1e-9));
                        } else {
                            assertThat(back.get(p.name())).isEqualTo(c.get(p.name()));
                        }
                    }
                }
            }
        }
    }

    @Test
    void aTrialWithADurationReportsConvergingProgressAndTheSameFinalValue() throws Exception {
        var f = new Branin();
        var base = SyntheticTarget.Settings.of(f).withNoiseSd(1.0).withSeed(5);
        var c = f.space().defaults();
        double instant = new SyntheticTarget(base).runTrial(new TrialRequest("", c, null, 99), new LocalTrialContext())
                .get("value");
        var slow = new SyntheticTarget(base.withTrialDuration(Duration.ofMillis(400))
                .withProgressInterval(Duration.ofMillis(50)));
        var ctx = new LocalTrialContext();
        long t0 = System.nanoTime();
        double v = slow.runTrial(new TrialRequest("", c, null, 99), ctx).get("value");
        long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
        assertThat(v).isEqualTo(instant);
        assertThat(ms).isBetween(390L, 3_000L);
        assertThat(ctx.progress()).hasSizeBetween(3, 8);
        assertThat(ctx.progress()).extracting(TrialProgress::step).startsWith(1L, 2L, 3L);
        assertThat(ctx.progress()).extracting(TrialProgress::fractionDone).isSorted()
                .allSatisfy(x -> assertThat(x).isBetween(0.0, 1.0));
        // A budget's duration wins over the default one and is scaled by fidelity.
        t0 = System.nanoTime();
        slow.runTrial(new TrialRequest("", c, new TrialBudget(200, 0, 0.5), 1), new LocalTrialContext());
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0)).isBetween(95L, 390L);
    }

    @Test
    void cancellationEndsALongTrialPromptly() throws Exception {
        var t = new SyntheticTarget(SyntheticTarget.Settings.of(new Branin()).withTrialDuration(Duration.ofSeconds(30)));
        var ctx = new LocalTrialContext();
        var run = CompletableFuture.supplyAsync(() -> trial(t, ctx, new Branin().space().defaults()));
        Thread.sleep(150);
        long t0 = System.nanoTime();
        ctx.cancel();
        assertThatThrownBy(() -> run.get(5, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                .hasCauseInstanceOf(TrialContext.TrialCancelledException.class);
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0)).isLessThan(500);
    }

    @Test
    void badSettingsAreNamed() {
        var s = SyntheticTarget.Settings.of(new Branin());
        assertThatThrownBy(() -> s.withNoiseSd(-1)).hasMessageContaining("noise sd");
        assertThatThrownBy(() -> s.withNoiseSd(Double.NaN)).hasMessageContaining("noise sd");
        assertThatThrownBy(() -> s.withTrialDuration(Duration.ofMillis(-1))).hasMessageContaining("trial duration");
        assertThatThrownBy(() -> s.withProgressInterval(Duration.ZERO)).hasMessageContaining("progress interval");
        assertThatThrownBy(() -> Drift.after(0)).hasMessageContaining("N >= 1");
        assertThatThrownBy(() -> Drift.parse("sometimes")).hasMessageContaining("'sometimes'");
        assertThatThrownBy(() -> Drift.parse("every:x")).hasMessageContaining("'x'");
        assertThat(Drift.parse("every:5")).isEqualTo(Drift.every(5));
        assertThat(Drift.parse("after:2")).isEqualTo(Drift.after(2));
        assertThat(Drift.parse("never")).isEqualTo(Drift.never());
    }

    private static io.autosys.sdk.api.Metrics trial(SyntheticTarget t, Configuration c, String id, long seed) {
        try {
            return t.runTrial(new TrialRequest(id, c, null, seed), new LocalTrialContext());
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    private static io.autosys.sdk.api.Metrics trial(SyntheticTarget t, LocalTrialContext ctx, Configuration c) {
        try {
            return t.runTrial(new TrialRequest("", c, null, 1), ctx);
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    static Configuration randomConfig(SyntheticFunction f, SplittableRandom rnd) {
        var m = new LinkedHashMap<String, Value>();
        for (Parameter p : f.space().parameters()) {
            if (p instanceof NumericParameter n) {
                m.put(p.name(), n.fromUnit(rnd.nextDouble()));
            } else if (p instanceof io.autosys.sdk.api.CategoricalParameter c) {
                m.put(p.name(), Value.of(c.categories().get(rnd.nextInt(c.categories().size()))));
            }
        }
        return Configuration.of(m);
    }

    private static double mean(double[] x) {
        double s = 0;
        for (double v : x) {
            s += v;
        }
        return s / x.length;
    }

    private static double stdev(double[] x) {
        double m = mean(x);
        double s = 0;
        for (double v : x) {
            s += (v - m) * (v - m);
        }
        return Math.sqrt(s / (x.length - 1));
    }
}
