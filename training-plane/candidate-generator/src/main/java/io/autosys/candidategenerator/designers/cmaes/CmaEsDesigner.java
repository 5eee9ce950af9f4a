package io.autosys.candidategenerator.designers.cmaes;

import io.autosys.candidategenerator.api.CompletedTrial;
import io.autosys.candidategenerator.api.Problem;
import io.autosys.candidategenerator.api.Suggestion;
import io.autosys.candidategenerator.designers.BaseDesigner;
import io.autosys.candidategenerator.designers.Settings;
import io.autosys.candidategenerator.designers.SnapshotIO;
import io.autosys.sdk.api.Configuration;
import io.autosys.sdk.api.Parameter;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.hipparchus.linear.Array2DRowRealMatrix;
import org.hipparchus.linear.EigenDecompositionSymmetric;

/**
 * CMA-ES in ask/tell form (Hansen, "The CMA Evolution Strategy: A Tutorial", default strategy
 * parameters) on one coordinate per non-constant parameter in [0, 1] (categoricals by index
 * bands, integers and steps snapped when decoded; samples outside the box are clipped). A
 * generation of λ members is handed out over {@code suggest} calls (more when asked beyond λ);
 * once λ of them have results the distribution is updated from the best μ. Infeasible members
 * rank last. The mean, step size, covariance and evolution paths are part of the snapshot; the
 * eigen-decomposition (Hipparchus) is recomputed from the covariance.
 */
public final class CmaEsDesigner extends BaseDesigner {
    public static final String NAME = "cma-es";
    static final Set<String> KNOWN = Set.of("population_size", "sigma0");

    private final int[] dimsToParam;
    private final int n;
    private final int lambda;
    private final int mu;
    private final double[] weights;
    private final double muEff;
    private final double cc;
    private final double cs;
    private final double c1;
    private final double cmu;
    private final double damps;
    private final double chiN;

    private double[] mean;
    private double sigma;
    private double[][] c;
    private double[] pc;
    private double[] ps;
    private int generation;
    private double[][] b;
    private double[] d;
    /** Members of the current generation: their coordinates, configurations and losses (NaN = pending). */
    private final List<double[]> memberX = new ArrayList<>();
    private final List<Configuration> memberConfig = new ArrayList<>();
    private final List<Double> memberLoss = new ArrayList<>();
    private int handedOut;

    public CmaEsDesigner(Problem problem, Map<String, Object> settings, long seed) {
        super(NAME, problem, Settings.of(NAME, settings, KNOWN), seed);
        Settings s = Settings.of(NAME, settings, KNOWN);
        var dims = new ArrayList<Integer>();
        List<Parameter> params = encoding.parameters();
        for (int i = 0; i < params.size(); i++) {
            if (!params.get(i).isConstant()) {
                dims.add(i);
            }
        }
        dimsToParam = dims.stream().mapToInt(Integer::intValue).toArray();
        n = Math.max(1, dimsToParam.length);
        lambda = s.integer("population_size", 4 + (int) Math.floor(3 * Math.log(n)), 2, 100_000);
        sigma = s.real("sigma0", 1.0 / 6, 0, 10, true);
        mu = lambda / 2;
        weights = new double[mu];
        double sum = 0;
        for (int i = 0; i < mu; i++) {
            weights[i] = Math.log(mu + 0.5) - Math.log(i + 1);
            sum += weights[i];
        }
        double sq = 0;
        for (int i = 0; i < mu; i++) {
            weights[i] /= sum;
            sq += weights[i] * weights[i];
        }
        muEff = 1 / sq;
        cc = (4 + muEff / n) / (n + 4 + 2 * muEff / n);
        cs = (muEff + 2) / (n + muEff + 5);
        c1 = 2 / ((n + 1.3) * (n + 1.3) + muEff);
        cmu = Math.min(1 - c1, 2 * (muEff - 2 + 1 / muEff) / ((n + 2) * (n + 2) + muEff));
        damps = 1 + 2 * Math.max(0, Math.sqrt((muEff - 1) / (n + 1)) - 1) + cs;
        chiN = Math.sqrt(n) * (1 - 1.0 / (4 * n) + 1.0 / (21.0 * n * n));
        mean = new double[n];
        java.util.Arrays.fill(mean, 0.5);
        c = new double[n][n];
        for (int i = 0; i < n; i++) {
            c[i][i] = 1;
        }
        pc = new double[n];
        ps = new double[n];
        decompose();
    }

    public int populationSize() {
        return lambda;
    }

    private void decompose() {
        var eig = new EigenDecompositionSymmetric(new Array2DRowRealMatrix(c, true));
        b = eig.getV().getData();
        double[] ev = eig.getEigenvalues();
        d = new double[n];
        for (int i = 0; i < n; i++) {
            d[i] = Math.sqrt(Math.max(ev[i], 1e-20));
        }
    }

    private Configuration decode(double[] x) {
        double[] u = new double[encoding.parameters().size()];
        java.util.Arrays.fill(u, 0.5);
        for (int j = 0; j < dimsToParam.length; j++) {
            u[dimsToParam[j]] = x[j];
        }
        return encoding.fromCoordinates(u);
    }

    /**
     * A member from N(m, σ²C), clipped into the box. Samples whose three nearest evaluated
     * neighbours are mostly infeasible are drawn again (up to 20 times): ranking infeasible
     * members last alone lets the search keep probing a failing region.
     */
    private double[] sampleMember() {
        List<double[]> ok = new ArrayList<>();
        List<double[]> bad = new ArrayList<>();
        for (CompletedTrial t : completed()) {
            double[] u = encoding.coordinates(t.configuration());
            double[] x = new double[n];
            for (int j = 0; j < dimsToParam.length; j++) {
                x[j] = u[dimsToParam[j]];
            }
            (t.isFeasible() ? ok : bad).add(x);
        }
        double[] x = drawMember();
        for (int tries = 0; tries < 20 && !bad.isEmpty() && likelyInfeasible(x, ok, bad); tries++) {
            x = drawMember();
        }
        return x;
    }

    private static boolean likelyInfeasible(double[] x, List<double[]> ok, List<double[]> bad) {
        double[] nearest = {Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY};
        boolean[] nearestBad = new boolean[3];
        for (int pass = 0; pass < 2; pass++) {
            for (double[] y : pass == 0 ? ok : bad) {
                double dist = 0;
                for (int i = 0; i < x.length; i++) {
                    dist += (x[i] - y[i]) * (x[i] - y[i]);
                }
                for (int k = 0; k < 3; k++) {
                    if (dist < nearest[k]) {
                        for (int m = 2; m > k; m--) {
                            nearest[m] = nearest[m - 1];
                            nearestBad[m] = nearestBad[m - 1];
                        }
                        nearest[k] = dist;
                        nearestBad[k] = pass == 1;
                        break;
                    }
                }
            }
        }
        int votes = 0;
        int counted = 0;
        for (int k = 0; k < 3; k++) {
            if (Double.isFinite(nearest[k])) {
                counted++;
                votes += nearestBad[k] ? 1 : 0;
            }
        }
        return votes * 2 > counted;
    }

    private double[] drawMember() {
        double[] z = new double[n];
        for (int i = 0; i < n; i++) {
            z[i] = rng.nextGaussian();
        }
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            double s = 0;
            for (int j = 0; j < n; j++) {
                s += b[i][j] * d[j] * z[j];
            }
            x[i] = Math.max(0, Math.min(1, mean[i] + sigma * s));
        }
        return x;
    }

    @Override
    protected List<Suggestion> propose(int count) {
        var out = new ArrayList<Suggestion>();
        for (int k = 0; k < count; k++) {
            if (handedOut >= memberX.size()) {
                double[] x = sampleMember();
                memberX.add(x);
                memberConfig.add(decode(x));
                memberLoss.add(Double.NaN);
            }
            Configuration cfg = memberConfig.get(handedOut);
            handedOut++;
            out.add(new Suggestion(cfg, 1.0, Map.of("generation", Integer.toString(generation))));
        }
        return out;
    }

    @Override
    protected void onUpdate(List<CompletedTrial> fresh) {
        for (CompletedTrial t : fresh) {
            for (int i = 0; i < handedOut; i++) {
                if (Double.isNaN(memberLoss.get(i)) && memberConfig.get(i).equals(t.configuration())) {
                    double l = loss(t);
                    memberLoss.set(i, Double.isNaN(l) ? Double.POSITIVE_INFINITY : l);
                    break;
                }
            }
        }
        int done = 0;
        for (double l : memberLoss) {
            if (!Double.isNaN(l)) {
                done++;
            }
        }
        if (done >= lambda) {
            tell();
        }
    }

    private void tell() {
        var idx = new ArrayList<Integer>();
        for (int i = 0; i < memberLoss.size(); i++) {
            if (!Double.isNaN(memberLoss.get(i))) {
                idx.add(i);
            }
        }
        idx.sort((a, bb) -> {
            int cmp = Double.compare(memberLoss.get(a), memberLoss.get(bb));
            return cmp != 0 ? cmp : Integer.compare(a, bb);
        });
        double[] old = mean.clone();
        double[][] y = new double[mu][n];
        double[] yw = new double[n];
        for (int r = 0; r < mu; r++) {
            double[] x = memberX.get(idx.get(r));
            for (int i = 0; i < n; i++) {
                y[r][i] = (x[i] - old[i]) / sigma;
                yw[i] += weights[r] * y[r][i];
            }
        }
        for (int i = 0; i < n; i++) {
            mean[i] = old[i] + sigma * yw[i];
        }
        // C^{-1/2} y_w = B D^{-1} Bᵀ y_w
        double[] bt = new double[n];
        for (int j = 0; j < n; j++) {
            for (int i = 0; i < n; i++) {
                bt[j] += b[i][j] * yw[i];
            }
            bt[j] /= d[j];
        }
        double[] cinv = new double[n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                cinv[i] += b[i][j] * bt[j];
            }
        }
        double psNorm = 0;
        for (int i = 0; i < n; i++) {
            ps[i] = (1 - cs) * ps[i] + Math.sqrt(cs * (2 - cs) * muEff) * cinv[i];
            psNorm += ps[i] * ps[i];
        }
        psNorm = Math.sqrt(psNorm);
        boolean hsig = psNorm / Math.sqrt(1 - Math.pow(1 - cs, 2.0 * (generation + 1))) < (1.4 + 2.0 / (n + 1)) * chiN;
        for (int i = 0; i < n; i++) {
            pc[i] = (1 - cc) * pc[i] + (hsig ? Math.sqrt(cc * (2 - cc) * muEff) * yw[i] : 0);
        }
        double delta = hsig ? 0 : cc * (2 - cc);
        for (int i = 0; i < n; i++) {
            for (int j = 0; j <= i; j++) {
                double rankMu = 0;
                for (int r = 0; r < mu; r++) {
                    rankMu += weights[r] * y[r][i] * y[r][j];
                }
                double v = (1 - c1 - cmu) * c[i][j] + c1 * (pc[i] * pc[j] + delta * c[i][j]) + cmu * rankMu;
                c[i][j] = v;
                c[j][i] = v;
            }
        }
        sigma *= Math.exp((cs / damps) * (psNorm / chiN - 1));
        sigma = Math.max(1e-12, Math.min(sigma, 10));
        generation++;
        decompose();
        memberX.clear();
        memberConfig.clear();
        memberLoss.clear();
        handedOut = 0;
    }

    @Override
    protected void writeState(DataOutputStream out) throws IOException {
        SnapshotIO.writeDoubles(out, mean);
        out.writeDouble(sigma);
        for (double[] row : c) {
            SnapshotIO.writeDoubles(out, row);
        }
        SnapshotIO.writeDoubles(out, pc);
        SnapshotIO.writeDoubles(out, ps);
        out.writeInt(generation);
        out.writeInt(memberX.size());
        for (int i = 0; i < memberX.size(); i++) {
            SnapshotIO.writeDoubles(out, memberX.get(i));
            SnapshotIO.writeConfiguration(out, memberConfig.get(i));
            out.writeDouble(memberLoss.get(i));
        }
        out.writeInt(handedOut);
    }

    @Override
    protected void readState(DataInputStream in) throws IOException {
        mean = SnapshotIO.readDoubles(in);
        sigma = in.readDouble();
        for (int i = 0; i < n; i++) {
            c[i] = SnapshotIO.readDoubles(in);
        }
        pc = SnapshotIO.readDoubles(in);
        ps = SnapshotIO.readDoubles(in);
        generation = in.readInt();
        memberX.clear();
        memberConfig.clear();
        memberLoss.clear();
        int m = in.readInt();
        for (int i = 0; i < m; i++) {
            memberX.add(SnapshotIO.readDoubles(in));
            memberConfig.add(SnapshotIO.readConfiguration(in));
            memberLoss.add(in.readDouble());
        }
        handedOut = in.readInt();
        decompose();
    }
}
