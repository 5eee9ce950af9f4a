package io.autosys.candidategenerator.online;

import io.autosys.candidategenerator.api.Rng;
import java.util.Objects;

/** The default {@link RandomSource}: Gaussian directions normalised, inverse-CDF arm draws, one {@link Rng}. */
public final class RngRandomSource implements RandomSource {
    private final Rng rng;

    public RngRandomSource(Rng rng) {
        this.rng = Objects.requireNonNull(rng, "rng");
    }

    public RngRandomSource(long seed) {
        this(new Rng(seed));
    }

    /** The generator, so a snapshot can carry its state. */
    public Rng rng() {
        return rng;
    }

    @Override
    public double[] direction(int dimension) {
        if (dimension <= 0) {
            throw new IllegalArgumentException("direction dimension must be positive, got " + dimension);
        }
        double[] g = new double[dimension];
        double norm;
        do {
            double sq = 0;
            for (int i = 0; i < dimension; i++) {
                g[i] = rng.nextGaussian();
                sq += g[i] * g[i];
            }
            norm = Math.sqrt(sq);
        } while (norm == 0);
        for (int i = 0; i < dimension; i++) {
            g[i] /= norm;
        }
        return g;
    }

    @Override
    public double uniform() {
        return rng.nextDouble();
    }

    @Override
    public int arm(double[] probabilities) {
        double u = rng.nextDouble();
        double cumulative = 0;
        int last = -1;
        for (int i = 0; i < probabilities.length; i++) {
            if (probabilities[i] > 0) {
                last = i;
                cumulative += probabilities[i];
                if (u < cumulative) {
                    return i;
                }
            }
        }
        if (last < 0) {
            throw new IllegalArgumentException("no arm has a positive probability");
        }
        return last; // u fell into the rounding slack above the cumulative sum
    }
}
