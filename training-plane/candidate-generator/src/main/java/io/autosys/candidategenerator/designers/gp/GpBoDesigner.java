package io.autosys.candidategenerator.designers.gp;

import io.autosys.candidategenerator.api.CompletedTrial;
import io.autosys.candidategenerator.api.Problem;
import io.autosys.candidategenerator.api.Suggestion;
import io.autosys.candidategenerator.designers.BaseDesigner;
import io.autosys.candidategenerator.designers.Settings;
import io.autosys.candidategenerator.designers.SnapshotIO;
import io.autosys.candidategenerator.designers.SobolDesigner;
import io.autosys.sdk.api.Configuration;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Gaussian-process Bayesian optimisation. A Sobol initial design, then a GP with a Matérn-5/2
 * ARD kernel on the feature encoding (numeric in [0, 1] after log where the scale says so,
 * categoricals one-hot), hyper-parameters by maximum a-posteriori marginal likelihood (multi-start
 * L-BFGS, warm-started from the last fit), outputs log-warped when skewed and standardised, and
 * the acquisition (log EI or UCB) maximised over random and local candidates followed by a
 * pattern search that stays on the step grid. Batches and running trials are handled with the
 * kriging believer (each chosen point is added as a fantasy observation at its posterior mean),
 * so a batch is spread out. Infeasible trials are observations at the worst value seen, which
 * pushes the model away from their region.
 */
public class GpBoDesigner extends BaseDesigner {
    public static final String NAME = "gp-bo";
    public static final List<String> ACQUISITIONS = List.of("ei", "ucb");
    public static final List<String> TRANSFORMS = List.of("auto", "none", "log");
    static final double FEASIBILITY_LENGTH_SCALE = 0.3;
    static final Set<String> KNOWN = Set.of("acquisition", "ucb_beta", "initial_trials", "candidates",
            "output_transform", "hyper_restarts", "log_shift");

    protected final String acquisition;
    protected final double beta;
    protected final int initialTrials;
    protected final int candidates;
    protected final String outputTransform;
    protected final int hyperRestarts;
    protected final double logShift;
    private final SobolDesigner.QuasiRandom initial;
    /** The last fitted hyper-parameters (warm start of the next fit), or null. */
    protected double[] theta;
    /** The last fitted hyper-parameters for log-warped outputs, or null. */
    protected double[] thetaLog;
    /** Whether the last fit chose the log warp. */
    protected boolean logChosen;
    /** The feasibility classifier of the current suggest call, or null. */
    private GaussianProcess feasibility;

    public GpBoDesigner(Problem problem, Map<String, Object> settings, long seed) {
        this(NAME, problem, settings, seed, Set.of());
    }

    protected GpBoDesigner(String name, Problem problem, Map<String, Object> settings, long seed,
            Set<String> extraSettings) {
        super(name, problem, settings(name, settings, extraSettings), seed);
        Settings s = settings(name, settings, extraSettings);
        acquisition = s.choice("acquisition", "ei", ACQUISITIONS);
        beta = s.real("ucb_beta", 4.0, 0, 1000, true);
        int params = encoding.parameters().size();
        initialTrials = s.integer("initial_trials", Math.max(4, Math.min(10, params + 2)), 1, 100_000);
        candidates = s.integer("candidates", 512, 16, 1_000_000);
        outputTransform = s.choice("output_transform", "auto", TRANSFORMS);
        hyperRestarts = s.integer("hyper_restarts", 1, 0, 50);
        logShift = s.real("log_shift", Double.parseDouble(System.getProperty("gp.logshift", "0.01")), 0, 100, true);
        initial = new SobolDesigner.QuasiRandom(params, rng);
    }

    private static Settings settings(String name, Map<String, Object> raw, Set<String> extra) {
        var known = new HashSet<>(KNOWN);
        known.addAll(extra);
        return Settings.of(name, raw, known);
    }

    @Override
    protected List<Suggestion> propose(int count) {
        var out = new ArrayList<Suggestion>();
        var batch = new ArrayList<Configuration>();
        while (out.size() < count && (completed().size() < 2
                || completed().size() + pending().size() + batch.size() < initialTrials)) {
            Configuration c = initialPoint(batch);
            batch.add(c);
            out.add(new Suggestion(c, 1.0, Map.of("reason", "initial-design")));
        }
        if (out.size() == count) {
            return out;
        }
        Model model = fit(true);
        fitFeasibility();
        if (model == null) {
            while (out.size() < count) {
                Configuration c = freshRandom(batch);
                batch.add(c);
                out.add(new Suggestion(c, 1.0, Map.of("reason", "random")));
            }
            return out;
        }
        GaussianProcess gp = model.gp;
        // running trials and this batch's earlier points become fantasies at their posterior mean
        for (Configuration c : pending()) {
            double[] f = encoding.features(c);
            gp = gp.with(f, gp.predict(f)[0]);
        }
        for (Configuration c : batch) {
            double[] f = encoding.features(c);
            gp = gp.with(f, gp.predict(f)[0]);
        }
        while (out.size() < count) {
            Suggestion s = next(model, gp, batch);
            batch.add(s.configuration());
            out.add(s);
            double[] f = encoding.features(s.configuration());
            gp = gp.with(f, gp.predict(f)[0]);
        }
        return out;
    }

    /** The next point of a model-based batch; Metis overrides it to consider re-sampling. */
    protected Suggestion next(Model model, GaussianProcess gp, List<Configuration> batch) {
        Candidate c = maximiseAcquisition(model, gp, batch);
        if (Boolean.getBoolean("gp.debug")) {
            double[] p = gp.predict(c.x);
            System.out.printf("  acq %.3f mean %.3f sd %.3f best %.3f pfeas %.4f%n", c.value, p[0], Math.sqrt(p[1]),
                    model.best, probabilityFeasible(c.x));
        }
        return new Suggestion(c.configuration, 1.0, Map.of("reason", acquisition));
    }

    private Configuration initialPoint(List<Configuration> batch) {
        Configuration c = null;
        for (int tries = 0; tries < 64; tries++) {
            c = encoding.fromCoordinates(initial.next());
            if (!known(c) && !batch.contains(c)) {
                return c;
            }
        }
        return freshRandom(batch);
    }

    /** A fitted model with the data it was fitted on. */
    protected static final class Model {
        final GaussianProcess gp;
        /** Indices (into the model's rows) of feasible observations, and their trials. */
        final List<CompletedTrial> feasible;
        final int[] feasibleRows;
        /** The incumbent: the lowest posterior mean over feasible observations (standardised units). */
        final double best;
        final int bestRow;

        Model(GaussianProcess gp, List<CompletedTrial> feasible, int[] feasibleRows) {
            this.gp = gp;
            this.feasible = feasible;
            this.feasibleRows = feasibleRows;
            double b = Double.POSITIVE_INFINITY;
            int row = -1;
            for (int r : feasibleRows) {
                double m = gp.predict(gp.inputs()[r])[0];
                if (m < b) {
                    b = m;
                    row = r;
                }
            }
            this.best = b;
            this.bestRow = row;
        }
    }

    /**
     * The GP on every completed trial (null when there are fewer than two). With
     * {@code optimise} the hyper-parameters are refitted and remembered; otherwise the last ones
     * are reused (recommendations must not change the designer's state). With output transform
     * "auto", the identity and the log warp are both fitted and the one with the larger evidence
     * for the original values (marginal likelihood times the warp's Jacobian) is kept.
     */
    protected Model fit(boolean optimise) {
        List<CompletedTrial> all = completed();
        if (all.size() < 2) {
            return null;
        }
        int n = all.size();
        double[][] x = new double[n][];
        var feasible = new ArrayList<CompletedTrial>();
        var rows = new ArrayList<Integer>();
        double[] losses = new double[n];
        for (int i = 0; i < n; i++) {
            CompletedTrial t = all.get(i);
            x[i] = encoding.features(t.configuration());
            losses[i] = loss(t);
            if (t.isFeasible()) {
                feasible.add(t);
                rows.add(i);
            }
        }
        boolean useLog;
        double[] th;
        if (optimise || theta == null) {
            int iterations = n > 120 ? 30 : 60;
            Targets plain = outputTransform.equals("log") ? null : targets(losses, false);
            Targets warped = outputTransform.equals("none") || feasible.size() < 3 ? null : targets(losses, true);
            double[] thPlain = null;
            double[] thLog = null;
            double evPlain = Double.NEGATIVE_INFINITY;
            double evLog = Double.NEGATIVE_INFINITY;
            if (plain != null) {
                var f = new HyperparameterFit(x, plain.y);
                thPlain = f.fit(theta, theta == null ? hyperRestarts + 1 : hyperRestarts, iterations, rng);
                evPlain = -f.negLogPosterior(thPlain, null) + plain.logJacobian;
            }
            if (warped != null) {
                var f = new HyperparameterFit(x, warped.y);
                thLog = f.fit(thetaLog, thetaLog == null ? hyperRestarts + 1 : hyperRestarts, iterations, rng);
                evLog = -f.negLogPosterior(thLog, null) + warped.logJacobian;
            }
            useLog = warped != null && (plain == null || evLog > evPlain);
            th = useLog ? thLog : thPlain;
            if (optimise) {
                if (thPlain != null) {
                    theta = thPlain;
                }
                if (thLog != null) {
                    thetaLog = thLog;
                }
                logChosen = useLog;
                if (theta == null) {
                    theta = thLog;
                }
            }
        } else {
            useLog = logChosen && thetaLog != null;
            th = useLog ? thetaLog : theta;
        }
        double[] y = targets(losses, useLog).y;
        GaussianProcess gp = GaussianProcess.condition(x, y, th);
        if (gp == null) {
            // numerically singular with these hyper-parameters: fall back to more noise
            double[] safer = th.clone();
            safer[safer.length - 1] = Math.max(safer[safer.length - 1], Math.log(1e-4));
            gp = GaussianProcess.condition(x, y, safer);
            if (gp == null) {
                return null;
            }
        }
        return new Model(gp, feasible, rows.stream().mapToInt(Integer::intValue).toArray());
    }

    /** Standardised GP targets and the log-Jacobian of the map from losses to them (feasible rows). */
    record Targets(double[] y, double logJacobian) {
    }

    /**
     * GP targets from losses (NaN = infeasible): optionally log-warped (log(y − min + shift),
     * shift a share of median − min), then standardised; infeasible trials at the worst value.
     */
    Targets targets(double[] losses, boolean log) {
        int n = losses.length;
        double[] feas = Arrays.stream(losses).filter(v -> !Double.isNaN(v)).toArray();
        double[] y = new double[n];
        if (feas.length == 0) {
            Arrays.fill(y, 1.0);
            return new Targets(y, 0);
        }
        double min = Arrays.stream(feas).min().getAsDouble();
        double[] sorted = feas.clone();
        Arrays.sort(sorted);
        double median = sorted[sorted.length / 2];
        double shift = Math.max(logShift * (median - min), 1e-12 * Math.max(1, Math.abs(min)));
        double[] z = new double[n];
        double sum = 0;
        double worst = Double.NEGATIVE_INFINITY;
        double logJ = 0;
        int m = 0;
        for (int i = 0; i < n; i++) {
            if (Double.isNaN(losses[i])) {
                continue;
            }
            if (log) {
                z[i] = Math.log(losses[i] - min + shift);
                logJ -= z[i];
            } else {
                z[i] = losses[i];
            }
            sum += z[i];
            worst = Math.max(worst, z[i]);
            m++;
        }
        double mean = sum / m;
        double var = 0;
        for (int i = 0; i < n; i++) {
            if (!Double.isNaN(losses[i])) {
                var += (z[i] - mean) * (z[i] - mean);
            }
        }
        double sd = m > 1 ? Math.sqrt(var / (m - 1)) : 0;
        if (!(sd > 1e-12)) {
            sd = 1;
        }
        logJ -= m * Math.log(sd);
        for (int i = 0; i < n; i++) {
            y[i] = Double.isNaN(losses[i]) ? (worst - mean) / sd : (z[i] - mean) / sd;
        }
        if (m == 1) {
            // one feasible point: infeasible ones sit one unit above it
            for (int i = 0; i < n; i++) {
                y[i] = Double.isNaN(losses[i]) ? 1.0 : 0.0;
            }
        }
        return new Targets(y, logJ);
    }

    static double skewness(double[] v) {
        int n = v.length;
        if (n < 3) {
            return 0;
        }
        double mean = Arrays.stream(v).average().orElse(0);
        double m2 = 0;
        double m3 = 0;
        for (double d : v) {
            m2 += (d - mean) * (d - mean);
            m3 += (d - mean) * (d - mean) * (d - mean);
        }
        m2 /= n;
        m3 /= n;
        return m2 <= 0 ? 0 : m3 / Math.pow(m2, 1.5);
    }

    /** A point of the search with its acquisition value. */
    protected record Candidate(double[] x, double value, Configuration configuration) {
    }

    protected double acquisitionValue(GaussianProcess gp, double best, double[] x) {
        double[] p = gp.predict(x);
        double penalty = feasibility == null ? 0 : Math.log(probabilityFeasible(x));
        if (acquisition.equals("ucb")) {
            return Acquisition.upperConfidence(p[0], p[1], beta) + 2 * penalty;
        }
        return Acquisition.logExpectedImprovement(p[0], p[1], best) + penalty;
    }

    /**
     * The probability that x is feasible, from a GP fitted to labels +1 (feasible) and −1
     * (infeasible) with its own hyper-parameters (least-squares classification, probit link):
     * Φ(μ / √(0.1 + σ²)); 0.5 far from any trial. Constrained EI (Gardner et al., ICML 2014)
     * multiplies EI by it.
     */
    protected double probabilityFeasible(double[] x) {
        if (feasibility == null) {
            return 1;
        }
        double[] p = feasibility.predict(x);
        return Math.max(1e-12, Acquisition.cdf(p[0] / Math.sqrt(0.05 + p[1])));
    }

    /** The feasibility classifier when both feasible and infeasible trials exist (derived state, not snapshotted). */
    private void fitFeasibility() {
        List<CompletedTrial> all = completed();
        int bad = 0;
        for (CompletedTrial t : all) {
            bad += t.isFeasible() ? 0 : 1;
        }
        if (bad == 0 || bad == all.size()) {
            feasibility = null;
            return;
        }
        double[][] x = new double[all.size()][];
        double[] labels = new double[all.size()];
        for (int i = 0; i < all.size(); i++) {
            x[i] = encoding.features(all.get(i).configuration());
            labels[i] = all.get(i).isFeasible() ? 1 : -1;
        }
        // fixed, moderately long length-scales: a handful of failures must cast a wide shadow
        // (fitted ones shrink around each failure and leave the rest of the region unexplained)
        double[] th = new double[encoding.featureDims() + 2];
        Arrays.fill(th, Math.log(FEASIBILITY_LENGTH_SCALE));
        th[th.length - 2] = 0;
        th[th.length - 1] = Math.log(0.05);
        feasibility = GaussianProcess.condition(x, labels, th);
    }

    /**
     * Maximises the acquisition: random valid points plus perturbations of the best observations,
     * the best few refined by a pattern search on the numeric dimensions (snapped to their grids)
     * and category switches; returns the best whose configuration is new.
     */
    protected Candidate maximiseAcquisition(Model model, GaussianProcess gp, List<Configuration> batch) {
        int dims = encoding.featureDims();
        var pool = new ArrayList<double[]>();
        for (int i = 0; i < candidates; i++) {
            pool.add(encoding.features(encoding.random(rng)));
        }
        // local candidates around the best feasible observations
        int[] order = bestRows(model, 5);
        int perPoint = Math.max(8, candidates / 8);
        for (int r : order) {
            double[] base = gp.inputs()[r];
            for (int j = 0; j < perPoint; j++) {
                double scale = j % 2 == 0 ? 0.1 : 0.02;
                double[] c = base.clone();
                for (int d = 0; d < dims; d++) {
                    if (!encoding.isOneHot(d)) {
                        c[d] = encoding.snapFeature(d, c[d] + scale * rng.nextGaussian());
                    }
                }
                maybeSwitchCategory(c, 0.15);
                pool.add(canonical(c));
            }
        }
        var scored = new ArrayList<Candidate>();
        for (double[] c : pool) {
            scored.add(new Candidate(c, acquisitionValue(gp, model.best, c), null));
        }
        scored.sort((a, b) -> Double.compare(b.value, a.value));
        var refined = new ArrayList<Candidate>();
        for (int i = 0; i < Math.min(3, scored.size()); i++) {
            refined.add(patternSearch(gp, model.best, scored.get(i)));
        }
        // every category of every categorical gets its own refined point, so a category whose
        // optimum lies elsewhere in the numeric dimensions is not judged at another's optimum
        for (int p = 0; p < encoding.parameters().size(); p++) {
            int w = encoding.featureWidth(p);
            if (w == 0 || !encoding.isOneHot(encoding.featureStart(p)) || w > 16) {
                continue;
            }
            int s0 = encoding.featureStart(p);
            for (int k = 0; k < w; k++) {
                Candidate bestWithK = null;
                for (Candidate c : scored) {
                    if (c.x[s0 + k] == 1) {
                        bestWithK = c;
                        break;
                    }
                }
                if (bestWithK != null) {
                    refined.add(patternSearch(gp, model.best, bestWithK, false));
                }
            }
        }
        refined.addAll(scored.subList(Math.min(3, scored.size()), Math.min(64, scored.size())));
        refined.sort((a, b) -> Double.compare(b.value, a.value));
        for (Candidate c : refined) {
            Configuration cfg = encoding.fromFeatures(c.x);
            if (!known(cfg) && !batch.contains(cfg)) {
                return new Candidate(c.x, c.value, cfg);
            }
        }
        Configuration cfg = freshRandom(batch);
        return new Candidate(encoding.features(cfg), Double.NEGATIVE_INFINITY, cfg);
    }

    private int[] bestRows(Model model, int k) {
        double[] y = model.gp.targets();
        return Arrays.stream(model.feasibleRows).boxed().sorted((a, b) -> Double.compare(y[a], y[b]))
                .limit(k).mapToInt(Integer::intValue).toArray();
    }

    private void maybeSwitchCategory(double[] c, double probability) {
        for (int p = 0; p < encoding.parameters().size(); p++) {
            int w = encoding.featureWidth(p);
            if (w > 0 && encoding.isOneHot(encoding.featureStart(p)) && rng.nextDouble() < probability) {
                int start = encoding.featureStart(p);
                Arrays.fill(c, start, start + w, 0);
                c[start + rng.nextInt(w)] = 1;
            }
        }
    }

    /** The features of the configuration a vector decodes to (conditional spaces only differ). */
    private double[] canonical(double[] c) {
        return problem.space().isConditional() ? encoding.features(encoding.fromFeatures(c)) : c;
    }

    private Candidate patternSearch(GaussianProcess gp, double best, Candidate start) {
        return patternSearch(gp, best, start, true);
    }

    private Candidate patternSearch(GaussianProcess gp, double best, Candidate start, boolean switchCategories) {
        double[] x = start.x.clone();
        double fx = start.value;
        int dims = encoding.featureDims();
        int evals = 0;
        // category switches first, once
        for (int p = 0; p < encoding.parameters().size() && switchCategories; p++) {
            int w = encoding.featureWidth(p);
            if (w == 0 || !encoding.isOneHot(encoding.featureStart(p))) {
                continue;
            }
            int s0 = encoding.featureStart(p);
            for (int k = 0; k < w; k++) {
                if (x[s0 + k] == 1) {
                    continue;
                }
                double[] y = x.clone();
                Arrays.fill(y, s0, s0 + w, 0);
                y[s0 + k] = 1;
                y = canonical(y);
                double fy = acquisitionValue(gp, best, y);
                evals++;
                if (fy > fx) {
                    x = y;
                    fx = fy;
                }
            }
        }
        double step = 0.05;
        while (step > 5e-4 && evals < 400) {
            boolean improved = false;
            for (int d = 0; d < dims; d++) {
                if (encoding.isOneHot(d)) {
                    continue;
                }
                for (int sign = -1; sign <= 1; sign += 2) {
                    double v = encoding.snapFeature(d, x[d] + sign * step);
                    if (v == x[d]) {
                        continue;
                    }
                    double[] y = x.clone();
                    y[d] = v;
                    y = canonical(y);
                    double fy = acquisitionValue(gp, best, y);
                    evals++;
                    if (fy > fx) {
                        x = y;
                        fx = fy;
                        improved = true;
                        break;
                    }
                }
            }
            if (!improved) {
                step *= 0.5;
            }
        }
        return new Candidate(x, fx, null);
    }

    /** The observed configuration with the lowest posterior mean: robust to noise. */
    @Override
    public Optional<Configuration> recommendation() {
        if (theta == null) {
            return super.recommendation();
        }
        Model m = fit(false);
        if (m == null || m.bestRow < 0) {
            return super.recommendation();
        }
        return Optional.of(completed().get(m.bestRow).configuration());
    }

    @Override
    protected void writeState(DataOutputStream out) throws IOException {
        initial.write(out);
        out.writeBoolean(theta != null);
        if (theta != null) {
            SnapshotIO.writeDoubles(out, theta);
        }
        out.writeBoolean(thetaLog != null);
        if (thetaLog != null) {
            SnapshotIO.writeDoubles(out, thetaLog);
        }
        out.writeBoolean(logChosen);
    }

    @Override
    protected void readState(DataInputStream in) throws IOException {
        initial.read(in);
        theta = in.readBoolean() ? SnapshotIO.readDoubles(in) : null;
        thetaLog = in.readBoolean() ? SnapshotIO.readDoubles(in) : null;
        logChosen = in.readBoolean();
    }
}
