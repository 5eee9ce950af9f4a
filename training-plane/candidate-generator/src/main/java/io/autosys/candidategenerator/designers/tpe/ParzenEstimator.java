package io.autosys.candidategenerator.designers.tpe;

import io.autosys.candidategenerator.api.Rng;
import org.hipparchus.special.Erf;

/**
 * The one-dimensional kernels of TPE's Parzen estimators, on a parameter's coordinate in [0, 1]:
 * truncated Gaussians for numeric parameters (probability mass over the grid cell for stepped
 * ones) and smoothed point masses for categoricals. Bandwidths follow Bergstra et al. and
 * Optuna 3.1's defaults (neighbour distances with the "magic clip" for the univariate estimator,
 * a Scott-like rule for the multivariate one; a prior kernel centred at 0.5 with width 1).
 */
final class ParzenEstimator {
    private static final double SQRT2 = Math.sqrt(2);

    private ParzenEstimator() {
    }

    /** Gaussian kernels: centres, widths, mixture weights (normalised), and the grid half-cell (0 = continuous). */
    record Numeric(double[] mu, double[] sigma, double[] weight, double halfCell) {
        double low() {
            return -halfCell;
        }

        double high() {
            return 1 + halfCell;
        }

        /** Log density (or log mass per cell for stepped parameters) of component k at x. */
        double logComponent(int k, double x) {
            double m = mu[k];
            double s = sigma[k];
            double norm = cdf((high() - m) / s) - cdf((low() - m) / s);
            if (halfCell > 0) {
                double mass = cdf((x + halfCell - m) / s) - cdf((x - halfCell - m) / s);
                return Math.log(Math.max(mass, 1e-300)) - Math.log(Math.max(norm, 1e-300));
            }
            double z = (x - m) / s;
            return -0.5 * z * z - Math.log(s) - 0.5 * Math.log(2 * Math.PI) - Math.log(Math.max(norm, 1e-300));
        }

        double logDensity(double x) {
            double[] terms = new double[mu.length];
            for (int k = 0; k < mu.length; k++) {
                terms[k] = Math.log(weight[k]) + logComponent(k, x);
            }
            return logSumExp(terms);
        }

        /** A draw from component k, truncated to the (cell-widened) unit interval. */
        double sample(int k, Rng rng) {
            double a = cdf((low() - mu[k]) / sigma[k]);
            double b = cdf((high() - mu[k]) / sigma[k]);
            double p = a + (b - a) * rng.nextDouble();
            p = Math.min(1 - 1e-16, Math.max(1e-16, p));
            double x = mu[k] + sigma[k] * SQRT2 * Erf.erfInv(2 * p - 1);
            return Math.max(0, Math.min(1, x));
        }
    }

    /** Categorical kernels: one probability row per component, mixture weights. */
    record Categorical(double[][] probability, double[] weight) {
        double logComponent(int k, int category) {
            return Math.log(probability[k][category]);
        }

        double logDensity(int category) {
            double[] terms = new double[weight.length];
            for (int k = 0; k < weight.length; k++) {
                terms[k] = Math.log(weight[k]) + logComponent(k, category);
            }
            return logSumExp(terms);
        }

        int sample(int k, Rng rng) {
            double u = rng.nextDouble();
            double acc = 0;
            double[] row = probability[k];
            for (int c = 0; c < row.length; c++) {
                acc += row[c];
                if (u < acc) {
                    return c;
                }
            }
            return row.length - 1;
        }
    }

    /** Mixture weights: observation weights and the prior's, normalised. */
    static double[] mixtureWeights(double[] obsWeights, double priorWeight) {
        double[] w = new double[obsWeights.length + 1];
        double sum = priorWeight;
        for (int i = 0; i < obsWeights.length; i++) {
            w[i] = obsWeights[i];
            sum += obsWeights[i];
        }
        w[obsWeights.length] = priorWeight;
        for (int i = 0; i < w.length; i++) {
            w[i] /= sum;
        }
        return w;
    }

    /**
     * Univariate numeric kernels: the last component is the prior (0.5, 1). Each observation's
     * width is the larger distance to its sorted neighbours (prior included), clipped to
     * [1 / min(100, 1 + n), 1].
     */
    static Numeric univariate(double[] obs, double[] obsWeights, double priorWeight, double halfCell) {
        int n = obs.length;
        double[] mu = new double[n + 1];
        System.arraycopy(obs, 0, mu, 0, n);
        mu[n] = 0.5;
        Integer[] order = new Integer[n + 1];
        for (int i = 0; i <= n; i++) {
            order[i] = i;
        }
        java.util.Arrays.sort(order, (a, b) -> Double.compare(mu[a], mu[b]));
        double[] sigma = new double[n + 1];
        double lo = 0;
        double hi = 1;
        for (int r = 0; r <= n; r++) {
            double left = mu[order[r]] - (r == 0 ? lo : mu[order[r - 1]]);
            double right = (r == n ? hi : mu[order[r + 1]]) - mu[order[r]];
            sigma[order[r]] = Math.max(left, right);
        }
        if (n + 1 >= 2) {
            // endpoints use their inner neighbour only (Optuna's consider_endpoints = false)
            sigma[order[0]] = mu[order[1]] - mu[order[0]];
            sigma[order[n]] = mu[order[n]] - mu[order[n - 1]];
        }
        double minSigma = 1.0 / Math.min(100, 1 + (n + 1));
        for (int i = 0; i <= n; i++) {
            sigma[i] = Math.max(minSigma, Math.min(1, sigma[i]));
        }
        sigma[n] = 1;
        return new Numeric(mu, sigma, mixtureWeights(obsWeights, priorWeight), halfCell);
    }

    /** Multivariate numeric kernels for one dimension: width 0.2 n^(-1/(d+4)) for observations. */
    static Numeric multivariate(double[] obs, double[] obsWeights, double priorWeight, double halfCell, int dims) {
        int n = obs.length;
        double[] mu = new double[n + 1];
        System.arraycopy(obs, 0, mu, 0, n);
        mu[n] = 0.5;
        double width = 0.2 * Math.pow(n + 1, -1.0 / (dims + 4));
        double[] sigma = new double[n + 1];
        java.util.Arrays.fill(sigma, width);
        sigma[n] = 1;
        return new Numeric(mu, sigma, mixtureWeights(obsWeights, priorWeight), halfCell);
    }

    /** Categorical kernels: each observation's row is its category plus prior_weight / n_kernels everywhere. */
    static Categorical categorical(int[] obs, double[] obsWeights, double priorWeight, int choices) {
        int kernels = obs.length + 1;
        double[][] p = new double[kernels][choices];
        for (int k = 0; k < kernels; k++) {
            java.util.Arrays.fill(p[k], priorWeight / kernels);
            if (k < obs.length) {
                p[k][obs[k]] += 1;
            }
            double sum = 0;
            for (double v : p[k]) {
                sum += v;
            }
            for (int c = 0; c < choices; c++) {
                p[k][c] /= sum;
            }
        }
        return new Categorical(p, mixtureWeights(obsWeights, priorWeight));
    }

    static double cdf(double z) {
        return 0.5 * Erf.erfc(-z / SQRT2);
    }

    static double logSumExp(double[] v) {
        double max = Double.NEGATIVE_INFINITY;
        for (double d : v) {
            max = Math.max(max, d);
        }
        if (max == Double.NEGATIVE_INFINITY) {
            return max;
        }
        double s = 0;
        for (double d : v) {
            s += Math.exp(d - max);
        }
        return max + Math.log(s);
    }

    /** Optuna's default weights: 1 for the newest 25, a linear ramp from 1/n for the older ones. */
    static double[] defaultWeights(int n) {
        double[] w = new double[n];
        if (n < 25) {
            java.util.Arrays.fill(w, 1.0);
            return w;
        }
        int ramp = n - 25;
        for (int i = 0; i < ramp; i++) {
            w[i] = ramp == 1 ? 1.0 / n : 1.0 / n + (1 - 1.0 / n) * i / (ramp - 1);
        }
        for (int i = ramp; i < n; i++) {
            w[i] = 1;
        }
        return w;
    }

    static int sampleComponent(double[] weight, Rng rng) {
        double u = rng.nextDouble();
        double acc = 0;
        for (int k = 0; k < weight.length; k++) {
            acc += weight[k];
            if (u < acc) {
                return k;
            }
        }
        return weight.length - 1;
    }
}
