package io.autosys.candidategenerator.designers.tpe;

import io.autosys.candidategenerator.api.CompletedTrial;
import io.autosys.candidategenerator.api.Problem;
import io.autosys.candidategenerator.api.Suggestion;
import io.autosys.candidategenerator.designers.BaseDesigner;
import io.autosys.candidategenerator.designers.Encoding;
import io.autosys.candidategenerator.designers.Settings;
import io.autosys.sdk.api.Configuration;
import io.autosys.sdk.api.NumericParameter;
import io.autosys.sdk.api.Parameter;
import io.autosys.sdk.api.Scale;
import io.autosys.sdk.api.Value;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Tree-structured Parzen Estimator (Bergstra et al., NeurIPS 2011), with Optuna 3.1's defaults
 * as reference: after {@code startup_trials} random trials, the completed trials are split at
 * the γ quantile (n_below = min(⌈γ n⌉, gamma_cap)) into good and bad; Parzen densities l(x) and
 * g(x) are fitted to each (older trials weigh less past 25); {@code candidates} points are drawn
 * from l and the one with the largest l(x)/g(x) is proposed. Univariate (one estimator per
 * parameter) or multivariate (joint kernels over the unconditional parameters; conditional ones
 * stay univariate). Categoricals are native; a conditional parameter is modelled from the trials
 * where it was active. Infeasible trials always count as bad, so the sampler leaves their region.
 */
public final class TpeDesigner extends BaseDesigner {
    public static final String NAME = "tpe";
    public static final String MULTIVARIATE_NAME = "tpe-multivariate";
    static final Set<String> KNOWN = Set.of("startup_trials", "candidates", "gamma", "gamma_cap", "prior_weight",
            "multivariate");

    private final int startupTrials;
    private final int candidates;
    private final double gamma;
    private final int gammaCap;
    private final double priorWeight;
    private final boolean multivariate;

    public TpeDesigner(Problem problem, Map<String, Object> settings, long seed) {
        this(NAME, problem, settings, seed);
    }

    public TpeDesigner(String name, Problem problem, Map<String, Object> settings, long seed) {
        super(name, problem, Settings.of(name, settings, KNOWN), seed);
        Settings s = Settings.of(name, settings, KNOWN);
        startupTrials = s.integer("startup_trials", 10, 0, 1_000_000);
        candidates = s.integer("candidates", 24, 1, 100_000);
        gamma = s.real("gamma", 0.1, 0, 1, true);
        gammaCap = s.integer("gamma_cap", 25, 1, 1_000_000);
        priorWeight = s.real("prior_weight", 1.0, 0, 1e6, true);
        multivariate = s.bool("multivariate", name.equals(MULTIVARIATE_NAME));
    }

    public boolean multivariate() {
        return multivariate;
    }

    @Override
    protected List<Suggestion> propose(int count) {
        var out = new ArrayList<Suggestion>();
        var batch = new ArrayList<Configuration>();
        Split split = completed().size() < startupTrials || completed().isEmpty() ? null : split();
        for (int i = 0; i < count; i++) {
            Configuration c = null;
            if (split != null) {
                for (int tries = 0; tries < 8 && (c == null || known(c) || batch.contains(c)); tries++) {
                    c = sample(split);
                }
            }
            if (c == null || known(c) || batch.contains(c)) {
                c = freshRandom(batch);
            }
            batch.add(c);
            out.add(new Suggestion(c, 1.0, Map.of("reason", split == null ? "startup" : "tpe")));
        }
        return out;
    }

    /** The good and bad trials, and the feasible and infeasible ones, each in arrival order. */
    private record Split(List<CompletedTrial> below, List<CompletedTrial> above, List<CompletedTrial> feasible,
            List<CompletedTrial> infeasible) {
    }

    private Split split() {
        List<CompletedTrial> all = completed();
        var feasible = new ArrayList<Integer>();
        for (int i = 0; i < all.size(); i++) {
            if (all.get(i).isFeasible()) {
                feasible.add(i);
            }
        }
        feasible.sort((a, b) -> {
            int c = Double.compare(loss(all.get(a)), loss(all.get(b)));
            return c != 0 ? c : Integer.compare(a, b);
        });
        int nBelow = Math.min((int) Math.ceil(gamma * all.size()), gammaCap);
        nBelow = Math.max(Math.min(1, feasible.size()), Math.min(nBelow, feasible.size()));
        boolean[] isBelow = new boolean[all.size()];
        for (int i = 0; i < nBelow; i++) {
            isBelow[feasible.get(i)] = true;
        }
        var below = new ArrayList<CompletedTrial>();
        var above = new ArrayList<CompletedTrial>();
        var ok = new ArrayList<CompletedTrial>();
        var failed = new ArrayList<CompletedTrial>();
        for (int i = 0; i < all.size(); i++) {
            (isBelow[i] ? below : above).add(all.get(i));
            (all.get(i).isFeasible() ? ok : failed).add(all.get(i));
        }
        return new Split(below, above, ok, failed);
    }

    private Configuration sample(Split split) {
        var chosen = new LinkedHashMap<String, Value>();
        List<Parameter> ps = encoding.parameters();
        if (multivariate) {
            var joint = new ArrayList<Integer>();
            for (int i = 0; i < ps.size(); i++) {
                if (ps.get(i).condition() == null && !ps.get(i).isConstant()) {
                    joint.add(i);
                }
            }
            if (joint.size() > 1) {
                chosen.putAll(sampleJoint(joint, split));
            }
        }
        var ordered = new LinkedHashMap<String, Value>();
        for (int i = 0; i < ps.size(); i++) {
            Parameter p = ps.get(i);
            if (!problem.space().isActive(p, Configuration.of(ordered))) {
                continue;
            }
            Value v = chosen.get(p.name());
            if (v == null) {
                v = p.isConstant() ? encoding.coordinateValue(i, 0.5) : sampleOne(i, split);
            }
            ordered.put(p.name(), v);
        }
        return Configuration.of(ordered);
    }

    private static double halfCell(Parameter p) {
        if (p instanceof NumericParameter n && n.isStepped() && n.scale() == Scale.LINEAR && n.indexCount() > 0) {
            return 0.5 / n.indexCount();
        }
        return 0;
    }

    private double snap(int i, double u) {
        Parameter p = encoding.parameters().get(i);
        if (p instanceof NumericParameter n && n.isStepped()) {
            return n.toUnit(n.fromUnit(u));
        }
        return u;
    }

    /** Observations of parameter i in trials where it was active: coordinates and ramp weights. */
    private record Observed(double[] u, int[] index, double[] weights) {
    }

    private Observed observed(int i, List<CompletedTrial> trials) {
        Parameter p = encoding.parameters().get(i);
        var u = new ArrayList<Double>();
        var idx = new ArrayList<Integer>();
        for (CompletedTrial t : trials) {
            Value v = t.configuration().find(p.name()).orElse(null);
            if (v == null) {
                continue;
            }
            if (p instanceof NumericParameter n) {
                u.add(n.toUnit(v));
            } else {
                idx.add(Encoding.categoryIndex(p, v));
            }
        }
        int n = Math.max(u.size(), idx.size());
        return new Observed(u.stream().mapToDouble(Double::doubleValue).toArray(),
                idx.stream().mapToInt(Integer::intValue).toArray(), ParzenEstimator.defaultWeights(n));
    }

    private Value sampleOne(int i, Split split) {
        Parameter p = encoding.parameters().get(i);
        Observed lo = observed(i, split.below);
        Observed hi = observed(i, split.above);
        if (p instanceof NumericParameter n) {
            double h = halfCell(p);
            var l = ParzenEstimator.univariate(lo.u, lo.weights, priorWeight, h);
            var g = ParzenEstimator.univariate(hi.u, hi.weights, priorWeight, h);
            ParzenEstimator.Numeric okD = null;
            ParzenEstimator.Numeric badD = null;
            Observed ok = observed(i, split.feasible);
            Observed bad = observed(i, split.infeasible);
            if (bad.u.length > 0) {
                okD = ParzenEstimator.univariate(ok.u, ok.weights, priorWeight, h);
                badD = ParzenEstimator.univariate(bad.u, bad.weights, priorWeight, h);
            }
            double best = Double.NaN;
            double bestScore = Double.NEGATIVE_INFINITY;
            for (int c = 0; c < candidates; c++) {
                double x = snap(i, l.sample(ParzenEstimator.sampleComponent(l.weight(), rng), rng));
                double score = l.logDensity(x) - g.logDensity(x);
                if (okD != null) {
                    score += logFeasible(ok.u.length, okD.logDensity(x), bad.u.length, badD.logDensity(x));
                }
                if (score > bestScore || Double.isNaN(best)) {
                    bestScore = score;
                    best = x;
                }
            }
            return n.fromUnit(best);
        }
        int k = Encoding.categoryCount(p);
        var l = ParzenEstimator.categorical(lo.index, lo.weights, priorWeight, k);
        var g = ParzenEstimator.categorical(hi.index, hi.weights, priorWeight, k);
        Observed ok = observed(i, split.feasible);
        Observed bad = observed(i, split.infeasible);
        ParzenEstimator.Categorical okD = null;
        ParzenEstimator.Categorical badD = null;
        if (bad.index.length > 0) {
            okD = ParzenEstimator.categorical(ok.index, ok.weights, priorWeight, k);
            badD = ParzenEstimator.categorical(bad.index, bad.weights, priorWeight, k);
        }
        int best = -1;
        double bestScore = Double.NEGATIVE_INFINITY;
        for (int c = 0; c < candidates; c++) {
            int x = l.sample(ParzenEstimator.sampleComponent(l.weight(), rng), rng);
            double score = l.logDensity(x) - g.logDensity(x);
            if (okD != null) {
                score += logFeasible(ok.index.length, okD.logDensity(x), bad.index.length, badD.logDensity(x));
            }
            if (score > bestScore || best < 0) {
                bestScore = score;
                best = x;
            }
        }
        return Encoding.category(p, best);
    }

    /** Joint kernels over always-active parameters: component k is observation k in every dimension. */
    private Map<String, Value> sampleJoint(List<Integer> dims, Split split) {
        int d = dims.size();
        Object[] l = new Object[d];
        Object[] g = new Object[d];
        double[] lw = null;
        double[] gw = null;
        boolean constrained = !split.infeasible.isEmpty();
        Object[] okK = new Object[d];
        Object[] badK = new Object[d];
        double[] okW = null;
        double[] badW = null;
        for (int j = 0; j < d && constrained; j++) {
            int i = dims.get(j);
            Parameter p = encoding.parameters().get(i);
            Observed ok = observed(i, split.feasible);
            Observed bad = observed(i, split.infeasible);
            if (p instanceof NumericParameter) {
                var a = ParzenEstimator.multivariate(ok.u, ok.weights, priorWeight, halfCell(p), d);
                var b = ParzenEstimator.multivariate(bad.u, bad.weights, priorWeight, halfCell(p), d);
                okK[j] = a;
                badK[j] = b;
                okW = a.weight();
                badW = b.weight();
            } else {
                int k = Encoding.categoryCount(p);
                var a = ParzenEstimator.categorical(ok.index, ok.weights, priorWeight, k);
                var b = ParzenEstimator.categorical(bad.index, bad.weights, priorWeight, k);
                okK[j] = a;
                badK[j] = b;
                okW = a.weight();
                badW = b.weight();
            }
        }
        for (int j = 0; j < d; j++) {
            int i = dims.get(j);
            Parameter p = encoding.parameters().get(i);
            Observed lo = observed(i, split.below);
            Observed hi = observed(i, split.above);
            if (p instanceof NumericParameter) {
                var ln = ParzenEstimator.multivariate(lo.u, lo.weights, priorWeight, halfCell(p), d);
                var gn = ParzenEstimator.multivariate(hi.u, hi.weights, priorWeight, halfCell(p), d);
                l[j] = ln;
                g[j] = gn;
                lw = ln.weight();
                gw = gn.weight();
            } else {
                int k = Encoding.categoryCount(p);
                var lc = ParzenEstimator.categorical(lo.index, lo.weights, priorWeight, k);
                var gc = ParzenEstimator.categorical(hi.index, hi.weights, priorWeight, k);
                l[j] = lc;
                g[j] = gc;
                lw = lc.weight();
                gw = gc.weight();
            }
        }
        double[] best = null;
        double bestScore = Double.NEGATIVE_INFINITY;
        for (int c = 0; c < candidates; c++) {
            int k = ParzenEstimator.sampleComponent(lw, rng);
            double[] x = new double[d];
            for (int j = 0; j < d; j++) {
                if (l[j] instanceof ParzenEstimator.Numeric ln) {
                    x[j] = snap(dims.get(j), ln.sample(k, rng));
                } else {
                    x[j] = ((ParzenEstimator.Categorical) l[j]).sample(k, rng);
                }
            }
            double score = jointLogDensity(l, lw, x) - jointLogDensity(g, gw, x);
            if (constrained) {
                score += logFeasible(split.feasible.size(), jointLogDensity(okK, okW, x), split.infeasible.size(),
                        jointLogDensity(badK, badW, x));
            }
            if (best == null || score > bestScore) {
                best = x;
                bestScore = score;
            }
        }
        var out = new LinkedHashMap<String, Value>();
        for (int j = 0; j < d; j++) {
            int i = dims.get(j);
            Parameter p = encoding.parameters().get(i);
            out.put(p.name(), p instanceof NumericParameter n ? n.fromUnit(best[j])
                    : Encoding.category(p, (int) best[j]));
        }
        return out;
    }

    /**
     * log P(feasible | x) from Parzen densities of the feasible and infeasible trials weighted by
     * their counts: a density-ratio classifier in TPE's own terms, so infeasible regions are
     * avoided even when the objective is indifferent there. 0 (no effect) when nothing failed.
     */
    private static double logFeasible(int nOk, double logOk, int nBad, double logBad) {
        if (nBad == 0) {
            return 0;
        }
        if (nOk == 0) {
            return Math.log(1e-3);
        }
        double a = Math.log(nOk) + logOk;
        double b = Math.log(nBad) + logBad;
        return a - ParzenEstimator.logSumExp(new double[] {a, b});
    }

    private static double jointLogDensity(Object[] kernels, double[] weights, double[] x) {
        double[] terms = new double[weights.length];
        for (int k = 0; k < weights.length; k++) {
            double s = Math.log(weights[k]);
            for (int j = 0; j < kernels.length; j++) {
                if (kernels[j] instanceof ParzenEstimator.Numeric n) {
                    s += n.logComponent(k, x[j]);
                } else {
                    s += ((ParzenEstimator.Categorical) kernels[j]).logComponent(k, (int) x[j]);
                }
            }
            terms[k] = s;
        }
        return ParzenEstimator.logSumExp(terms);
    }
}
