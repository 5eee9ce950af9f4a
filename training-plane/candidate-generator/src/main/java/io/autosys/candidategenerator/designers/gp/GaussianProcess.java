package io.autosys.candidategenerator.designers.gp;

import org.hipparchus.exception.MathIllegalArgumentException;
import org.hipparchus.linear.Array2DRowRealMatrix;
import org.hipparchus.linear.CholeskyDecomposition;
import org.hipparchus.linear.RealMatrix;

/**
 * A Gaussian process with a Matérn-5/2 ARD kernel, constant zero mean (targets are standardised
 * by the caller) and homoscedastic noise. Hyper-parameters are θ = (log ℓ_1..log ℓ_D, log σ_f²,
 * log σ_n²). The Cholesky factor comes from Hipparchus and is cached with α = K⁻¹y.
 */
public final class GaussianProcess {
    static final double SQRT5 = Math.sqrt(5);
    /** Added to the diagonal on top of the noise, for numerical safety. */
    static final double JITTER = 1e-8;

    private final double[][] x;
    private final double[] y;
    private final double[] theta;
    private final double[] invLs2;
    private final double sf2;
    private final double sn2;
    private final double[][] lower;
    private final double[] alpha;

    private GaussianProcess(double[][] x, double[] y, double[] theta, double[][] lower, double[] alpha) {
        this.x = x;
        this.y = y;
        this.theta = theta.clone();
        int d = theta.length - 2;
        invLs2 = new double[d];
        for (int i = 0; i < d; i++) {
            invLs2[i] = Math.exp(-2 * theta[i]);
        }
        sf2 = Math.exp(theta[d]);
        sn2 = Math.exp(theta[d + 1]);
        this.lower = lower;
        this.alpha = alpha;
    }

    /** Conditions the GP on (x, y) with fixed hyper-parameters; null when K is not positive definite. */
    public static GaussianProcess condition(double[][] x, double[] y, double[] theta) {
        int n = x.length;
        int d = theta.length - 2;
        double[] inv = new double[d];
        for (int i = 0; i < d; i++) {
            inv[i] = Math.exp(-2 * theta[i]);
        }
        double sf2 = Math.exp(theta[d]);
        double sn2 = Math.exp(theta[d + 1]);
        double[][] k = new double[n][n];
        for (int i = 0; i < n; i++) {
            k[i][i] = sf2 + sn2 + JITTER;
            for (int j = 0; j < i; j++) {
                double v = sf2 * matern(r(x[i], x[j], inv));
                k[i][j] = v;
                k[j][i] = v;
            }
        }
        double[][] l = cholesky(k);
        if (l == null) {
            return null;
        }
        double[] a = solveLower(l, y);
        a = solveUpper(l, a);
        return new GaussianProcess(x, y, theta, l, a);
    }

    /** The lower Cholesky factor (Hipparchus), or null when the matrix is not positive definite. */
    static double[][] cholesky(double[][] k) {
        try {
            RealMatrix m = new Array2DRowRealMatrix(k, false);
            return new CholeskyDecomposition(m, 1e-10, 1e-14).getL().getData();
        } catch (MathIllegalArgumentException e) {
            return null;
        }
    }

    static double r(double[] a, double[] b, double[] invLs2) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            double d = a[i] - b[i];
            s += d * d * invLs2[i];
        }
        return Math.sqrt(s);
    }

    /** Matérn-5/2 correlation at scaled distance r. */
    static double matern(double r) {
        double s = SQRT5 * r;
        return (1 + s + s * s / 3) * Math.exp(-s);
    }

    static double[] solveLower(double[][] l, double[] b) {
        int n = b.length;
        double[] z = new double[n];
        for (int i = 0; i < n; i++) {
            double s = b[i];
            double[] li = l[i];
            for (int j = 0; j < i; j++) {
                s -= li[j] * z[j];
            }
            z[i] = s / li[i];
        }
        return z;
    }

    static double[] solveUpper(double[][] l, double[] b) {
        int n = b.length;
        double[] z = new double[n];
        for (int i = n - 1; i >= 0; i--) {
            double s = b[i];
            for (int j = i + 1; j < n; j++) {
                s -= l[j][i] * z[j];
            }
            z[i] = s / l[i][i];
        }
        return z;
    }

    public int size() {
        return x.length;
    }

    public double[] theta() {
        return theta.clone();
    }

    public double noiseVariance() {
        return sn2;
    }

    public double signalVariance() {
        return sf2;
    }

    public double[][] inputs() {
        return x;
    }

    public double[] targets() {
        return y;
    }

    /** Posterior mean and latent (noise-free) variance at {@code xs}: {mean, variance}. */
    public double[] predict(double[] xs) {
        int n = x.length;
        double[] k = new double[n];
        double mean = 0;
        for (int i = 0; i < n; i++) {
            k[i] = sf2 * matern(r(xs, x[i], invLs2));
            mean += k[i] * alpha[i];
        }
        double[] v = solveLower(lower, k);
        double var = sf2 - Lbfgs.dot(v, v);
        return new double[] {mean, Math.max(var, 1e-12 * sf2)};
    }

    /** The same hyper-parameters conditioned on one more observation (a fantasy for batches). */
    public GaussianProcess with(double[] xNew, double yNew) {
        int n = x.length;
        double[][] nx = new double[n + 1][];
        double[] ny = new double[n + 1];
        System.arraycopy(x, 0, nx, 0, n);
        System.arraycopy(y, 0, ny, 0, n);
        nx[n] = xNew;
        ny[n] = yNew;
        GaussianProcess g = condition(nx, ny, theta);
        return g == null ? this : g;
    }

    /**
     * Leave-one-out predictive mean and variance (noise included) of every observation, in
     * closed form from K⁻¹ (Rasmussen and Williams, section 5.4.2): μ₋ᵢ = yᵢ − αᵢ/[K⁻¹]ᵢᵢ,
     * σ²₋ᵢ = 1/[K⁻¹]ᵢᵢ. Returns {means, variances}.
     */
    public double[][] leaveOneOut() {
        int n = x.length;
        double[] diag = new double[n];
        // [K^-1]_ii = || L^-1 e_i ||^2 summed over the columns of L^-1
        for (int i = 0; i < n; i++) {
            double[] e = new double[n];
            e[i] = 1;
            double[] z = solveLower(lower, e);
            for (int j = i; j < n; j++) {
                diag[i] += z[j] * z[j];
            }
        }
        double[] mu = new double[n];
        double[] var = new double[n];
        for (int i = 0; i < n; i++) {
            mu[i] = y[i] - alpha[i] / diag[i];
            var[i] = 1 / diag[i];
        }
        return new double[][] {mu, var};
    }
}
