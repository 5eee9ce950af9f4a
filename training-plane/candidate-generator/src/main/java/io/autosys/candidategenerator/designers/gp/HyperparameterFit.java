package io.autosys.candidategenerator.designers.gp;

import io.autosys.candidategenerator.api.Rng;
import java.util.ArrayList;
import java.util.List;
import org.hipparchus.exception.MathIllegalArgumentException;
import org.hipparchus.linear.Array2DRowRealMatrix;
import org.hipparchus.linear.CholeskyDecomposition;
import org.hipparchus.linear.DecompositionSolver;

/**
 * Maximum a-posteriori GP hyper-parameters: log marginal likelihood plus weak log-normal priors
 * (so few points cannot drive a length-scale to an extreme), maximised by L-BFGS from several
 * starts (the previous optimum, the prior's centre, and draws from the prior), on log
 * parameters. Gradient: ½ tr((ααᵀ − K⁻¹) ∂K/∂θ) (Rasmussen and Williams, eq. 5.9).
 */
public final class HyperparameterFit {
    static final double LS_MEAN = Math.log(0.5);
    static final double LS_SD = 1.0;
    static final double SF_MEAN = 0;
    static final double SF_SD = 1.5;
    static final double SN_MEAN = Math.log(1e-3);
    static final double SN_SD = 2.5;
    static final double LS_MIN = Math.log(0.01);
    static final double LS_MAX = Math.log(30);
    static final double SF_MIN = Math.log(1e-3);
    static final double SF_MAX = Math.log(100);
    static final double SN_MIN = Math.log(1e-7);
    static final double SN_MAX = Math.log(10);

    private final double[][] x;
    private final double[] y;
    private final int n;
    private final int dim;
    /** Squared differences per dimension, dim × (n(n-1)/2), lower triangle row by row. */
    private final double[][] diff2;

    public HyperparameterFit(double[][] x, double[] y) {
        this.x = x;
        this.y = y;
        this.n = x.length;
        this.dim = x.length == 0 ? 0 : x[0].length;
        int pairs = n * (n - 1) / 2;
        diff2 = new double[dim][pairs];
        int p = 0;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < i; j++) {
                for (int d = 0; d < dim; d++) {
                    double v = x[i][d] - x[j][d];
                    diff2[d][p] = v * v;
                }
                p++;
            }
        }
    }

    /** The prior's centre: every length-scale 0.5, unit signal variance, small noise. */
    public static double[] defaultTheta(int dim) {
        double[] t = new double[dim + 2];
        for (int i = 0; i < dim; i++) {
            t[i] = LS_MEAN;
        }
        t[dim] = SF_MEAN;
        t[dim + 1] = SN_MEAN;
        return t;
    }

    /** Best of L-BFGS runs from {@code previous} (may be null), the prior centre and {@code randomStarts} draws. */
    public double[] fit(double[] previous, int randomStarts, int maxIterations, Rng rng) {
        var starts = new ArrayList<double[]>();
        if (previous != null && previous.length == dim + 2) {
            starts.add(previous.clone());
        }
        starts.add(defaultTheta(dim));
        for (int s = 0; s < randomStarts; s++) {
            double[] t = new double[dim + 2];
            for (int i = 0; i < dim; i++) {
                t[i] = clamp(LS_MEAN + LS_SD * rng.nextGaussian(), LS_MIN, LS_MAX);
            }
            t[dim] = clamp(SF_MEAN + 0.5 * rng.nextGaussian(), SF_MIN, SF_MAX);
            t[dim + 1] = clamp(SN_MEAN + rng.nextGaussian(), SN_MIN, SN_MAX);
            starts.add(t);
        }
        double[] best = starts.get(0);
        double bestValue = Double.POSITIVE_INFINITY;
        for (double[] s : starts) {
            Lbfgs.Result r = Lbfgs.minimize(this::negLogPosterior, s, maxIterations, 8);
            if (r.value() < bestValue) {
                bestValue = r.value();
                best = r.x();
            }
        }
        return best;
    }

    static double clamp(double v, double lo, double hi) {
        return Math.max(lo, Math.min(hi, v));
    }

    private static boolean inBox(double[] t, int dim) {
        for (int i = 0; i < dim; i++) {
            if (t[i] < LS_MIN || t[i] > LS_MAX) {
                return false;
            }
        }
        return t[dim] >= SF_MIN && t[dim] <= SF_MAX && t[dim + 1] >= SN_MIN && t[dim + 1] <= SN_MAX;
    }

    /** Negative log marginal likelihood minus log prior, and its gradient; +Inf outside the box. */
    public double negLogPosterior(double[] t, double[] grad) {
        if (!inBox(t, dim)) {
            return Double.POSITIVE_INFINITY;
        }
        double[] inv = new double[dim];
        for (int d = 0; d < dim; d++) {
            inv[d] = Math.exp(-2 * t[d]);
        }
        double sf2 = Math.exp(t[dim]);
        double sn2 = Math.exp(t[dim + 1]);
        int pairs = n * (n - 1) / 2;
        double[] rr = new double[pairs];
        for (int d = 0; d < dim; d++) {
            double w = inv[d];
            double[] dd = diff2[d];
            for (int p = 0; p < pairs; p++) {
                rr[p] += dd[p] * w;
            }
        }
        double[][] k = new double[n][n];
        double[] kcore = new double[pairs]; // ∂k/∂(r²-scaled) factor for length-scale gradients
        int p = 0;
        for (int i = 0; i < n; i++) {
            k[i][i] = sf2 + sn2 + GaussianProcess.JITTER;
            for (int j = 0; j < i; j++) {
                double r = Math.sqrt(rr[p]);
                double s = GaussianProcess.SQRT5 * r;
                double e = Math.exp(-s);
                double v = sf2 * (1 + s + s * s / 3) * e;
                k[i][j] = v;
                k[j][i] = v;
                // ∂k/∂log ℓ_d = σ_f² (5/3)(1 + √5 r) e^{-√5 r} Δ_d²/ℓ_d²
                kcore[p] = sf2 * (5.0 / 3) * (1 + s) * e;
                p++;
            }
        }
        DecompositionSolver solver;
        double logDet;
        double[][] l;
        try {
            CholeskyDecomposition chol = new CholeskyDecomposition(new Array2DRowRealMatrix(k, false), 1e-10, 1e-14);
            l = chol.getL().getData();
            solver = chol.getSolver();
        } catch (MathIllegalArgumentException e) {
            return Double.POSITIVE_INFINITY;
        }
        logDet = 0;
        for (int i = 0; i < n; i++) {
            logDet += 2 * Math.log(l[i][i]);
        }
        double[] alpha = GaussianProcess.solveUpper(l, GaussianProcess.solveLower(l, y));
        double fit = Lbfgs.dot(y, alpha);
        double nll = 0.5 * fit + 0.5 * logDet + 0.5 * n * Math.log(2 * Math.PI);
        double prior = 0;
        for (int d = 0; d < dim; d++) {
            prior += sq(t[d] - LS_MEAN) / (2 * LS_SD * LS_SD);
        }
        prior += sq(t[dim] - SF_MEAN) / (2 * SF_SD * SF_SD) + sq(t[dim + 1] - SN_MEAN) / (2 * SN_SD * SN_SD);
        if (grad != null) {
            double[][] kinv = solver.getInverse().getData();
            // W = α αᵀ − K⁻¹ ; ∂nll/∂θ = −½ Σ W ∘ ∂K/∂θ
            double[] gl = new double[dim];
            double gsf = 0;
            double gsn = 0;
            p = 0;
            for (int i = 0; i < n; i++) {
                double wii = alpha[i] * alpha[i] - kinv[i][i];
                gsf += wii * sf2;
                gsn += wii * sn2;
                for (int j = 0; j < i; j++) {
                    double w = 2 * (alpha[i] * alpha[j] - kinv[i][j]);
                    gsf += w * (k[i][j]);
                    double c = w * kcore[p];
                    for (int d = 0; d < dim; d++) {
                        gl[d] += c * diff2[d][p];
                    }
                    p++;
                }
            }
            for (int d = 0; d < dim; d++) {
                grad[d] = -0.5 * gl[d] * inv[d] + (t[d] - LS_MEAN) / (LS_SD * LS_SD);
            }
            grad[dim] = -0.5 * gsf + (t[dim] - SF_MEAN) / (SF_SD * SF_SD);
            grad[dim + 1] = -0.5 * gsn + (t[dim + 1] - SN_MEAN) / (SN_SD * SN_SD);
        }
        return nll + prior;
    }

    private static double sq(double v) {
        return v * v;
    }

    /** Used by tests: the objective at θ without gradient. */
    double value(double[] t) {
        return negLogPosterior(t, null);
    }

    List<double[]> inputs() {
        return List.of(x);
    }
}
