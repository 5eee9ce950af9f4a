package io.autosys.candidategenerator.api;

/**
 * The one source of randomness of a designer or online tuner: SplitMix64, whose whole state is
 * one long, so a snapshot can carry it and a restored object continues the same sequence bit for
 * bit. Not thread-safe (designers are single-threaded by contract).
 */
public final class Rng {
    private static final double DOUBLE_UNIT = 0x1.0p-53;
    private long state;
    private double spareGaussian = Double.NaN;

    public Rng(long seed) {
        this.state = seed;
    }

    /** Restores a generator from {@link #state()} and {@link #spare()}. */
    public static Rng restore(long state, double spare) {
        Rng r = new Rng(state);
        r.spareGaussian = spare;
        return r;
    }

    public long state() {
        return state;
    }

    /** The cached second Gaussian of the last pair, or NaN. Part of the state. */
    public double spare() {
        return spareGaussian;
    }

    public long nextLong() {
        long z = (state += 0x9E3779B97F4A7C15L);
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** Uniform in [0, 1). */
    public double nextDouble() {
        return (nextLong() >>> 11) * DOUBLE_UNIT;
    }

    /** Uniform in [0, bound). */
    public int nextInt(int bound) {
        if (bound <= 0) {
            throw new IllegalArgumentException("bound must be positive, got " + bound);
        }
        // Lemire's multiply-and-reject: unbiased.
        long m = (nextLong() >>> 32) * bound;
        long low = m & 0xFFFFFFFFL;
        if (low < bound) {
            long threshold = (0x100000000L - bound) % bound;
            while (low < threshold) {
                m = (nextLong() >>> 32) * bound;
                low = m & 0xFFFFFFFFL;
            }
        }
        return (int) (m >>> 32);
    }

    /** Standard normal (Marsaglia polar method; the second value of each pair is cached). */
    public double nextGaussian() {
        if (!Double.isNaN(spareGaussian)) {
            double s = spareGaussian;
            spareGaussian = Double.NaN;
            return s;
        }
        double u;
        double v;
        double s;
        do {
            u = 2 * nextDouble() - 1;
            v = 2 * nextDouble() - 1;
            s = u * u + v * v;
        } while (s >= 1 || s == 0);
        double f = Math.sqrt(-2 * Math.log(s) / s);
        spareGaussian = v * f;
        return u * f;
    }

    /** A new independent generator derived from this one (for sub-components). */
    public Rng split() {
        return new Rng(nextLong());
    }
}
