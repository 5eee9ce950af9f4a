package io.autosys.candidategenerator.designers.gp;

/** Acquisition functions for minimisation, all "higher is better". */
public final class Acquisition {
    private static final double LOG_SQRT_2PI = 0.5 * Math.log(2 * Math.PI);

    private Acquisition() {
    }

    /**
     * log EI for minimisation at posterior (mean, variance) against incumbent {@code best}:
     * log σ + log h(z), h(z) = φ(z) + zΦ(z), z = (best − μ)/σ; stable far in the tail, where EI
     * itself underflows to zero and random candidates could no longer be told apart.
     */
    public static double logExpectedImprovement(double mean, double variance, double best) {
        double sigma = Math.sqrt(variance);
        double z = (best - mean) / sigma;
        return Math.log(sigma) + logH(z);
    }

    static double logH(double z) {
        if (z > -6) {
            double h = phi(z) + z * cdf(z);
            return Math.log(Math.max(h, 1e-300));
        }
        // h(z) = φ(z)/z² (1 − 3/z² + 15/z⁴ − ...) for z → −∞ (Mills ratio expansion)
        double z2 = z * z;
        return -0.5 * z2 - LOG_SQRT_2PI - Math.log(z2) + Math.log1p(-3 / z2 + 15 / (z2 * z2));
    }

    /** Lower confidence bound, negated so higher is better: −(μ − √β σ). */
    public static double upperConfidence(double mean, double variance, double beta) {
        return -(mean - Math.sqrt(beta * variance));
    }

    static double phi(double z) {
        return Math.exp(-0.5 * z * z - LOG_SQRT_2PI);
    }

    public static double cdf(double z) {
        return 0.5 * org.hipparchus.special.Erf.erfc(-z / Math.sqrt(2));
    }

    /** Plain EI (for gains compared across candidates, as Metis does). */
    public static double expectedImprovement(double mean, double variance, double best) {
        double sigma = Math.sqrt(variance);
        if (sigma <= 0) {
            return Math.max(0, best - mean);
        }
        double z = (best - mean) / sigma;
        return sigma * (phi(z) + z * cdf(z));
    }
}
