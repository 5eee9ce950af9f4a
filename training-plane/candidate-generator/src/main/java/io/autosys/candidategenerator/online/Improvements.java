package io.autosys.candidategenerator.online;

/**
 * The six fixes of ALGORITHMS.md section 4 to the OPPerTune reference, each switchable. All on is
 * our default; all off reproduces the reference update rules exactly (the golden-trace replays).
 *
 * @param minProbeStep          an index parameter's probe moves at least one step, so integers
 *                              with few values move at all (setting {@code min_probe_step})
 * @param rmspropBiasCorrection RMSprop divides its running square average by {@code 1 - alpha^t},
 *                              so the first steps are about eta, not 10 eta (setting
 *                              {@code rmsprop_bias_correction})
 * @param rewardBaseline        one-point feedback learns from the reward minus a running mean
 *                              (setting {@code reward_baseline})
 * @param normalizeRewards      exponential weights see {@code (r - running mean) / (range / 2)},
 *                              about [-1, 1], the range declared or the running min/max, so
 *                              rewards in the hundreds do not overflow (setting
 *                              {@code normalize_rewards})
 * @param holdCategoricals      a hybrid keeps its categorical arm across a two-point pair, so the
 *                              pair's reward difference is BlueFin's alone; the bandit still
 *                              learns from both rewards, weighted by the arm's draw probability
 *                              (setting {@code hold_categoricals})
 * @param repeatPending         a predict while a probe awaits its reward returns that probe again
 *                              under a new request id (setting {@code repeat_pending})
 * @param trackDrift            beyond the six: the bandits keep tracking a moving optimum (their
 *                              weights forget, their learning rate and exploration stop decaying at
 *                              floors), where the reference's bandits freeze on the first winner
 *                              (setting {@code track_drift})
 * @param freeLeaves            beyond the six, AutoScope only: a leaf no context has used yet is
 *                              valued, in the tree's gradient, where the context's running mean
 *                              gradient points from its current leaf, and a context the tree moves
 *                              into such a leaf brings its learnt state along; so two contexts
 *                              stuck in one leaf with opposite optima split up, where the
 *                              reference compares them only with leaves still at the default
 *                              (setting {@code free_leaves})
 */
public record Improvements(boolean minProbeStep, boolean rmspropBiasCorrection, boolean rewardBaseline,
        boolean normalizeRewards, boolean holdCategoricals, boolean repeatPending, boolean trackDrift,
        boolean freeLeaves) {

    public static Improvements all() {
        return new Improvements(true, true, true, true, true, true, true, true);
    }

    /** The reference's behaviour. */
    public static Improvements none() {
        return new Improvements(false, false, false, false, false, false, false, false);
    }
}
