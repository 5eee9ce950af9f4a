package io.autosys.candidategenerator.online;

/**
 * Every random draw an online tuner makes: BlueFin's probe directions and the bandits' arms.
 * The default is {@link RngRandomSource} over one seeded {@link io.autosys.candidategenerator.api.Rng};
 * replay tests inject the directions and arms a reference run recorded.
 */
public interface RandomSource {

    /** A direction uniform on the unit sphere of {@code dimension} coordinates (length 1). */
    double[] direction(int dimension);

    /** An index drawn with the given probabilities (non-negative, summing to 1). */
    int arm(double[] probabilities);

    /** Uniform in [0, 1): any other draw (AutoScope's initial tree weights). */
    double uniform();
}
