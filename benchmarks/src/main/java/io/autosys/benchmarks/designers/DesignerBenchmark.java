package io.autosys.benchmarks.designers;

import io.autosys.benchmarks.report.LinePlot;
import io.autosys.benchmarks.report.ResultsFile;
import io.autosys.benchmarks.report.Stats;
import io.autosys.benchmarks.report.Table;
import io.autosys.candidategenerator.api.CompletedTrial;
import io.autosys.candidategenerator.api.Designer;
import io.autosys.candidategenerator.api.Problem;
import io.autosys.candidategenerator.api.Rng;
import io.autosys.candidategenerator.api.Suggestion;
import io.autosys.candidategenerator.designers.Designers;
import io.autosys.sdk.api.Configuration;
import io.autosys.sdk.api.Goal;
import io.autosys.targets.synthetic.Hartmann6;
import io.autosys.targets.synthetic.SyntheticFunction;
import io.autosys.targets.synthetic.SyntheticFunctions;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Designers against Optuna (BENCHMARKS.md section 1): every designer and every Optuna sampler on
 * the public suite, the same seeds and the same noise draws, in one run. Prints the table of
 * median simple regret at 25/50/100 trials, its interquartile range and the ratio to Optuna TPE,
 * writes {@code benchmarks/results/designers.json} and PNG plots of the median regret curves.
 *
 * <p>Simple regret: noise-free, the best value found minus the optimum; with noise (Gaussian with
 * a standard deviation of a share of the function's range, added to what the sampler sees), the
 * noise-free value at the configuration the sampler recommends (our designers'
 * {@link Designer#recommendation()}, Optuna's best trial) minus the optimum.
 */
public final class DesignerBenchmark {
    private static final String OURS = "autosys:";
    private static final String PEER = "optuna:";

    record Options(int seeds, int trials, List<String> functions, List<String> designers, List<String> peers,
            List<Double> noise, List<String> noiseDesigners, List<String> noisePeers, int threads, boolean timing,
            String out) {
    }

    /** One (noise, function, sampler, seed) run. */
    record Run(double noise, String function, String sampler, int seed) {
    }

    public static void main(String[] args) throws Exception {
        Options o;
        try {
            o = parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("designers benchmark: " + e.getMessage());
            System.err.println(usage());
            System.exit(2);
            return;
        }
        new DesignerBenchmark().run(o);
    }

    static String usage() {
        return """
                usage: DesignerBenchmark [--seeds N] [--trials N] [--functions a,b] [--designers a,b] [--peers a,b|none]
                                         [--noise 0,0.02,0.1] [--noise-designers a,b] [--noise-peers a,b] [--threads N]
                                         [--no-timing] [--out NAME]
                  peers are Optuna samplers (tpe, tpe_mv, cmaes, random, qmc) run through ../shared/peers/optuna_bridge.py
                  (-Dautosys.peers=DIR overrides the directory); Optuna comes from Debian: apt-get install -y python3-optuna""";
    }

    static Options parse(String[] args) {
        int seeds = 10;
        int trials = 100;
        List<String> functions = SyntheticFunctions.publicSuite();
        List<String> designers = List.of("gp-bo", "metis", "tpe", "tpe-multivariate", "cma-es", "random");
        List<String> peers = List.of("tpe", "tpe_mv", "cmaes", "random");
        List<Double> noise = List.of(0.0);
        List<String> noiseDesigners = List.of("gp-bo", "metis");
        List<String> noisePeers = List.of("tpe");
        int threads = Math.max(1, Math.min(2, Runtime.getRuntime().availableProcessors()));
        boolean timing = true;
        String out = "designers";
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.equals("--no-timing")) {
                timing = false;
                continue;
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException("option " + a + " needs a value");
            }
            String v = args[++i];
            switch (a) {
                case "--seeds" -> seeds = positive(a, v);
                case "--trials" -> trials = positive(a, v);
                case "--functions" -> {
                    functions = list(v);
                    functions.forEach(SyntheticFunctions::byName);
                }
                case "--designers" -> designers = names(Arrays.stream(v.split(",(?![^\\[]*\\])")).map(String::trim)
                        .filter(x -> !x.isEmpty()).toList());
                case "--peers" -> peers = v.equals("none") ? List.of() : peerNames(list(v));
                case "--noise" -> noise = list(v).stream().map(s -> {
                    double d = Double.parseDouble(s);
                    if (!(d >= 0 && d < 10)) {
                        throw new IllegalArgumentException("--noise: each level must be a share of the range in [0, 10),"
                                + " got " + s);
                    }
                    return d;
                }).toList();
                case "--noise-designers" -> noiseDesigners = names(list(v));
                case "--noise-peers" -> noisePeers = v.equals("none") ? List.of() : peerNames(list(v));
                case "--threads" -> threads = positive(a, v);
                case "--out" -> out = v;
                default -> throw new IllegalArgumentException("unknown option " + a);
            }
        }
        return new Options(seeds, trials, functions, designers, peers, noise, noiseDesigners, noisePeers, threads, timing,
                out);
    }

    private static int positive(String option, String v) {
        try {
            int n = Integer.parseInt(v);
            if (n >= 1) {
                return n;
            }
        } catch (NumberFormatException e) {
            // fall through
        }
        throw new IllegalArgumentException(option + " needs a positive integer, got '" + v + "'");
    }

    private static List<String> list(String v) {
        return Arrays.stream(v.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    private static List<String> names(List<String> designers) {
        designers.forEach(d -> Designers.factory(baseName(d)));
        return designers;
    }

    /** A designer spec is NAME or NAME[key=value;key=value] (settings as a study would give them). */
    static String baseName(String spec) {
        int b = spec.indexOf('[');
        return b < 0 ? spec : spec.substring(0, b);
    }

    static Map<String, Object> settingsOf(String spec) {
        int b = spec.indexOf('[');
        var m = new LinkedHashMap<String, Object>();
        if (b < 0) {
            return m;
        }
        if (!spec.endsWith("]")) {
            throw new IllegalArgumentException("designer spec '" + spec + "' must end with ]");
        }
        for (String kv : spec.substring(b + 1, spec.length() - 1).split(";")) {
            if (kv.isBlank()) {
                continue;
            }
            int e = kv.indexOf('=');
            if (e < 0) {
                throw new IllegalArgumentException("designer spec '" + spec + "': '" + kv + "' is not key=value");
            }
            String k = kv.substring(0, e).trim();
            String v = kv.substring(e + 1).trim();
            Object val = v;
            if (v.equals("true") || v.equals("false")) {
                val = Boolean.parseBoolean(v);
            } else if (v.matches("-?\\d+")) {
                val = Long.parseLong(v);
            } else if (v.matches("-?[0-9.]+([eE]-?\\d+)?")) {
                val = Double.parseDouble(v);
            }
            m.put(k, val);
        }
        return m;
    }

    private static List<String> peerNames(List<String> peers) {
        for (String p : peers) {
            if (!OptunaBridge.samplers().contains(p)) {
                throw new IllegalArgumentException("unknown Optuna sampler '" + p + "'; known: " + OptunaBridge.samplers());
            }
        }
        return peers;
    }

    /** The shared/peers directory: -Dautosys.peers, else ../shared/peers beside the repository. */
    static Path peersDirectory() {
        String p = System.getProperty("autosys.peers");
        if (p != null) {
            return Path.of(p);
        }
        Path here = Path.of("").toAbsolutePath();
        Path root = here.getFileName() != null && here.getFileName().toString().equals("benchmarks") ? here.getParent()
                : here;
        return root.resolveSibling("shared").resolve("peers");
    }

    void run(Options o) throws Exception {
        Path bridge = peersDirectory().resolve("optuna_bridge.py");
        boolean anyPeers = !o.peers.isEmpty() || (!o.noisePeers.isEmpty() && o.noise.stream().anyMatch(n -> n > 0));
        String optunaVersion = "not run";
        if (anyPeers) {
            String why = OptunaBridge.unavailableReason(bridge);
            if (why != null) {
                System.err.println("designers benchmark: cannot run Optuna: " + why + ".");
                System.err.println("Install Debian's Optuna first:  apt-get install -y python3-optuna");
                System.err.println("(or run our designers alone with --peers none --noise-peers none)");
                System.exit(3);
            }
            optunaVersion = OptunaBridge.version();
        }
        var runs = new ArrayList<Run>();
        for (double noise : o.noise) {
            List<String> ours = noise == 0 ? o.designers : o.noiseDesigners;
            List<String> theirs = noise == 0 ? o.peers : o.noisePeers;
            for (int seed = 0; seed < o.seeds; seed++) {
                for (String f : o.functions) {
                    // interleaved: ours and Optuna's on the same seed run side by side and see the same machine load
                    int n = Math.max(ours.size(), theirs.size());
                    for (int i = 0; i < n; i++) {
                        if (i < ours.size()) {
                            runs.add(new Run(noise, f, OURS + ours.get(i), seed));
                        }
                        if (i < theirs.size()) {
                            runs.add(new Run(noise, f, PEER + theirs.get(i), seed));
                        }
                    }
                }
            }
        }
        System.out.printf(Locale.ROOT, "designers benchmark: %d runs (%d seeds x %d trials, functions %s, noise %s), "
                + "%d threads, Optuna %s%n", runs.size(), o.seeds, o.trials, o.functions, o.noise, o.threads,
                optunaVersion);
        var curves = new ConcurrentHashMap<Run, double[]>();
        var seconds = new ConcurrentHashMap<Run, Double>();
        ExecutorService pool = Executors.newFixedThreadPool(o.threads);
        var done = new AtomicInteger();
        long start = System.nanoTime();
        var futures = new ArrayList<Future<?>>();
        for (Run r : runs) {
            futures.add(pool.submit(() -> {
                long t0 = System.nanoTime();
                double[] c = r.sampler.startsWith(OURS) ? runOurs(r, o.trials) : runOptuna(r, o.trials, bridge);
                double s = (System.nanoTime() - t0) / 1e9;
                curves.put(r, c);
                seconds.put(r, s);
                int k = done.incrementAndGet();
                double at50 = c[Math.min(49, c.length - 1)];
                System.out.printf(Locale.ROOT, "[%d/%d %.0fs] noise %.2f %-11s %-24s seed %2d: regret@50 %s (%.1f s)%n",
                        k, runs.size(), (System.nanoTime() - start) / 1e9, r.noise, r.function, r.sampler, r.seed,
                        Table.format(at50), s);
                return null;
            }));
        }
        for (Future<?> f : futures) {
            f.get();
        }
        pool.shutdown();
        var results = new LinkedHashMap<String, Object>();
        results.put("seeds", o.seeds);
        results.put("trials", o.trials);
        results.put("optuna_version", optunaVersion);
        results.put("regret", "noise-free: best value found minus the optimum; noisy: noise-free value at the"
                + " recommended configuration minus the optimum");
        ResultsFile files = ResultsFile.fromSystemProperties();
        String headline = null;
        for (double noise : o.noise) {
            List<String> samplers = new ArrayList<>();
            (noise == 0 ? o.designers : o.noiseDesigners).forEach(d -> samplers.add(OURS + d));
            (noise == 0 ? o.peers : o.noisePeers).forEach(p -> samplers.add(PEER + p));
            var section = report(o, noise, samplers, curves, seconds, files);
            String key = noise == 0 ? "noise_free" : String.format(Locale.ROOT, "noise_%02.0f_percent", noise * 100);
            results.put(key, section);
            if (noise == 0) {
                results.put("geomean_ratio_vs_tpe_at_50", section.get("geomean_ratio_vs_tpe_at_50"));
                headline = (String) section.get("headline");
            }
        }
        if (o.timing) {
            var timing = timing();
            results.put("gp_bo_suggest_200_trials_6d", timing);
        }
        Path file = files.write(o.out, results);
        System.out.println("wrote " + file);
        if (headline != null) {
            System.out.println(headline);
        }
    }

    private static Problem problem(SyntheticFunction f) {
        return new Problem(f.space(), Goal.MINIMIZE);
    }

    /** The same noise draws for every sampler of a (noise, function, seed). */
    private static Rng noiseRng(Run r) {
        return new Rng(0x5DEECE66DL * (r.seed + 1) ^ r.function.hashCode() * 31L ^ Double.doubleToLongBits(r.noise));
    }

    static double[] runOurs(Run r, int trials) {
        SyntheticFunction f = SyntheticFunctions.byName(r.function);
        String name = r.sampler.substring(OURS.length());
        Designer d = Designers.create(baseName(name), problem(f), settingsOf(name), r.seed);
        Rng noise = noiseRng(r);
        double sd = r.noise * f.range();
        double[] regret = new double[trials];
        double bestTrue = Double.POSITIVE_INFINITY;
        double bestSeen = Double.POSITIVE_INFINITY;
        Configuration bestSeenConfig = null;
        for (int t = 0; t < trials; t++) {
            Suggestion s = d.suggest(1).get(0);
            Configuration c = s.configuration();
            double truth = f.evaluate(c);
            double seen = truth + sd * noise.nextGaussian();
            d.update(List.of(CompletedTrial.feasible(t, c, seen)), List.of());
            if (seen < bestSeen) {
                bestSeen = seen;
                bestSeenConfig = c;
            }
            bestTrue = Math.min(bestTrue, truth);
            if (sd == 0) {
                regret[t] = f.regret(bestTrue);
            } else {
                Configuration rec = d.recommendation().orElse(bestSeenConfig);
                regret[t] = f.regret(f.evaluate(rec));
            }
        }
        return regret;
    }

    static double[] runOptuna(Run r, int trials, Path bridge) {
        SyntheticFunction f = SyntheticFunctions.byName(r.function);
        String sampler = r.sampler.substring(PEER.length());
        Rng noise = noiseRng(r);
        double sd = r.noise * f.range();
        double[] regret = new double[trials];
        double bestTrue = Double.POSITIVE_INFINITY;
        double bestSeen = Double.POSITIVE_INFINITY;
        double bestSeenTruth = Double.NaN;
        try (var study = new OptunaBridge(bridge, sampler, r.seed, f.space())) {
            for (int t = 0; t < trials; t++) {
                OptunaBridge.Asked a = study.ask();
                double truth = f.evaluate(a.configuration());
                double seen = truth + sd * noise.nextGaussian();
                study.tell(a.id(), seen);
                if (seen < bestSeen) {
                    // Optuna's study.best_trial: the best value it saw
                    bestSeen = seen;
                    bestSeenTruth = truth;
                }
                bestTrue = Math.min(bestTrue, truth);
                regret[t] = f.regret(sd == 0 ? bestTrue : bestSeenTruth);
            }
        } catch (IOException e) {
            throw new IllegalStateException("Optuna " + sampler + " on " + r.function + " seed " + r.seed + ": "
                    + e.getMessage(), e);
        }
        return regret;
    }

    private static double[] at(List<double[]> cs, int t) {
        return cs.stream().mapToDouble(c -> c[Math.min(t, c.length) - 1]).toArray();
    }

    private Map<String, Object> report(Options o, double noise, List<String> samplers, Map<Run, double[]> curves,
            Map<Run, Double> seconds, ResultsFile files) throws IOException {
        var section = new LinkedHashMap<String, Object>();
        int[] budgets = Arrays.stream(new int[] {25, 50, 100}).filter(b -> b <= o.trials).toArray();
        var header = new ArrayList<String>(List.of("function", "sampler"));
        for (int b : budgets) {
            header.add("median@" + b);
        }
        header.addAll(List.of("IQR@50", "vs TPE@50", "s/run"));
        var table = new Table(header.toArray(String[]::new));
        var ratios = new LinkedHashMap<String, List<Double>>();
        var byFunction = new LinkedHashMap<String, Object>();
        String title = noise == 0 ? "noise-free" : String.format(Locale.ROOT, "Gaussian noise, sd %.0f%% of the range",
                noise * 100);
        for (String fn : o.functions) {
            var perSampler = new LinkedHashMap<String, Object>();
            double tpe50 = Double.NaN;
            var medians50 = new LinkedHashMap<String, Double>();
            for (String s : samplers) {
                List<double[]> cs = curvesOf(curves, noise, fn, s, o.seeds);
                medians50.put(s, Stats.median(at(cs, 50)));
            }
            if (medians50.containsKey(PEER + "tpe")) {
                tpe50 = medians50.get(PEER + "tpe");
            }
            var plot = new LinePlot(fn + " (" + title + "): median simple regret over " + o.seeds + " seeds", "trials",
                    "simple regret", true);
            for (String s : samplers) {
                List<double[]> cs = curvesOf(curves, noise, fn, s, o.seeds);
                var m = new LinkedHashMap<String, Object>();
                var row = new ArrayList<Object>(List.of(fn, s));
                for (int b : budgets) {
                    double med = Stats.median(at(cs, b));
                    m.put("median_regret_at_" + b, med);
                    row.add(med);
                }
                double[] r50 = at(cs, 50);
                double q1 = Stats.quantile(r50, 0.25);
                double q3 = Stats.quantile(r50, 0.75);
                m.put("iqr_at_50", List.of(q1, q3));
                double ratio = medians50.get(s) / tpe50;
                m.put("ratio_vs_tpe_at_50", ratio);
                double secs = Stats.median(seconds.entrySet().stream().filter(e -> e.getKey().noise == noise
                        && e.getKey().function.equals(fn) && e.getKey().sampler.equals(s)).mapToDouble(
                                Map.Entry::getValue).toArray());
                m.put("median_seconds_per_run", secs);
                row.add(Table.format(q1) + " - " + Table.format(q3));
                row.add(Double.isNaN(ratio) ? "-" : Table.format(ratio));
                row.add(secs);
                table.row(row.toArray());
                if (s.startsWith(OURS)) {
                    ratios.computeIfAbsent(s, k -> new ArrayList<>()).add(ratio);
                }
                double[] x = new double[o.trials];
                double[] med = new double[o.trials];
                double[] lo = new double[o.trials];
                double[] hi = new double[o.trials];
                for (int t = 1; t <= o.trials; t++) {
                    double[] v = at(cs, t);
                    x[t - 1] = t;
                    med[t - 1] = Stats.median(v);
                    lo[t - 1] = Stats.quantile(v, 0.25);
                    hi[t - 1] = Stats.quantile(v, 0.75);
                }
                m.put("median_curve", med);
                plot.add(s.replace(OURS, "").replace(PEER, "optuna "), x, med);
                perSampler.put(s.replace(OURS, "").replace(PEER, "optuna-"), m);
            }
            byFunction.put(fn, perSampler);
            String png = o.out + "-" + fn + (noise == 0 ? "" : String.format(Locale.ROOT, "-noise%.0f", noise * 100))
                    + ".png";
            plot.write(files.path(png));
        }
        section.put("functions", byFunction);
        var geo = new LinkedHashMap<String, Double>();
        String best = null;
        for (var e : ratios.entrySet()) {
            double g = Stats.geometricMean(e.getValue().stream().mapToDouble(Double::doubleValue).toArray());
            geo.put(e.getKey().replace(OURS, ""), g);
            if (!Double.isNaN(g) && (best == null || g < geo.get(best))) {
                best = e.getKey().replace(OURS, "");
            }
        }
        System.out.println();
        System.out.println("Median simple regret, " + title + ", " + o.seeds + " seeds, " + o.trials + " trials");
        System.out.print(table.render());
        for (var e : geo.entrySet()) {
            System.out.println("geometric mean of (" + e.getKey() + " / Optuna TPE) at 50 trials: " + Table.format(
                    e.getValue()));
        }
        section.put("geomean_ratio_vs_tpe_at_50", geo);
        if (best != null) {
            String headline = String.format(Locale.ROOT, "headline (%s): geomean_ratio_vs_tpe_at_50 = %s (%s)", title,
                    Table.format(geo.get(best)), best);
            section.put("best_designer", best);
            section.put("headline", headline);
            System.out.println(headline);
        }
        return section;
    }

    private static List<double[]> curvesOf(Map<Run, double[]> curves, double noise, String fn, String sampler,
            int seeds) {
        var out = new ArrayList<double[]>();
        for (int seed = 0; seed < seeds; seed++) {
            double[] c = curves.get(new Run(noise, fn, sampler, seed));
            if (c != null) {
                out.add(c);
            }
        }
        return out;
    }

    /** gp-bo's suggest time with 200 completed trials of Hartmann-6 (cold fit, then warm-started fits). */
    static Map<String, Object> timing() {
        var f = new Hartmann6();
        Problem p = problem(f);
        var d = Designers.create("gp-bo", p, Map.of(), 1);
        var rng = new Rng(7);
        var enc = new io.autosys.candidategenerator.designers.Encoding(f.space());
        var trials = new ArrayList<CompletedTrial>();
        for (int i = 0; i < 200; i++) {
            Configuration c = enc.random(rng);
            trials.add(CompletedTrial.feasible(i, c, f.evaluate(c)));
        }
        d.update(trials, List.of());
        long t0 = System.nanoTime();
        Configuration c = d.suggest(1).get(0).configuration();
        double cold = (System.nanoTime() - t0) / 1e6;
        double[] warm = new double[5];
        for (int i = 0; i < warm.length; i++) {
            d.update(List.of(CompletedTrial.feasible(200 + i, c, f.evaluate(c))), List.of());
            t0 = System.nanoTime();
            c = d.suggest(1).get(0).configuration();
            warm[i] = (System.nanoTime() - t0) / 1e6;
        }
        double warmMedian = Stats.median(warm);
        System.out.printf(Locale.ROOT, "gp-bo suggest with 200 completed trials in 6 dimensions: %.0f ms cold (first fit),"
                + " %.0f ms median of 5 warm-started%n", cold, warmMedian);
        var m = new LinkedHashMap<String, Object>();
        m.put("cold_ms", cold);
        m.put("warm_median_ms", warmMedian);
        return m;
    }
}
