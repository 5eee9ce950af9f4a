/**
 * Online tuners (the shape OPPerTune uses, ALGORITHMS.md sections 1, 2, 4 and 6): live tuning in
 * the inference plane, usable by the training plane too.
 *
 * <h2>Use</h2>
 * {@link io.autosys.candidategenerator.online.OnlineTuners} creates a
 * {@link io.autosys.candidategenerator.online.LiveTuner} by name from a
 * {@link io.autosys.sdk.api.ParameterSpace}, operator settings ({@code Map<String, Object>} as
 * parsed from YAML) and a seed, and restores one from {@link
 * io.autosys.candidategenerator.api.OnlineTuner#snapshot()} bytes. {@code predict(context)}
 * returns a configuration and a request id; {@code setReward(id, reward)} (higher is better)
 * teaches the tuner. A tuner is not thread-safe: callers serialise access. All randomness comes
 * from one {@link io.autosys.candidategenerator.online.RandomSource} (by default one seeded
 * {@link io.autosys.candidategenerator.api.Rng}); same seed and same calls give the same
 * configurations and request ids ({@code r1, r2, ...}), and a restored snapshot continues bit for
 * bit.
 *
 * <h2>Algorithms</h2>
 * <ul>
 * <li>{@code bluefin}: integer and real parameters; zeroth-order gradient ascent with random
 * directions (one- or two-point feedback, SGD or RMSprop, optional eta decay).</li>
 * <li>{@code exponential-weights}: categorical and boolean parameters; one EXP3 bandit over every
 * combination.</li>
 * <li>{@code exponential-weights-slates}: one bandit per categorical parameter.</li>
 * <li>{@code hybrid}: BlueFin for the numeric parameters and exponential weights (slates by
 * default) for the categorical ones, the same reward to both.</li>
 * <li>{@code autoscope}: an oblique decision tree over context features routes each context to a
 * leaf, each leaf its own hybrid; needs the context features
 * ({@link io.autosys.sdk.api.ContextFeatureSpec}).</li>
 * </ul>
 *
 * <h2>Settings</h2>
 * <table>
 * <caption>settings and defaults</caption>
 * <tr><th>name</th><th>for</th><th>default</th><th>meaning</th></tr>
 * <tr><td>eta</td><td>bluefin, hybrid, autoscope</td><td>0.01</td><td>learning rate, &gt; 0</td></tr>
 * <tr><td>delta</td><td>same</td><td>0.1</td><td>probe radius in the internal [0, 1] space, in (0, 0.5)</td></tr>
 * <tr><td>feedback</td><td>same</td><td>2</td><td>1 (one-point) or 2 (two-point)</td></tr>
 * <tr><td>optimizer</td><td>same</td><td>rmsprop</td><td>rmsprop or sgd</td></tr>
 * <tr><td>rmsprop_alpha, rmsprop_eps</td><td>same</td><td>0.99, 1e-8</td><td>RMSprop constants</td></tr>
 * <tr><td>eta_decay_rate</td><td>same</td><td>0</td><td>eta = eta0 / (1 + rate t), delta = sqrt(eta)</td></tr>
 * <tr><td>baseline_rate</td><td>all</td><td>0.1</td><td>weight of a new reward in the running mean reward</td></tr>
 * <tr><td>max_change</td><td>bluefin, hybrid, autoscope</td><td>none</td><td>map parameter to the largest change per step, in its unit</td></tr>
 * <tr><td>categorical</td><td>hybrid, autoscope</td><td>slates</td><td>slates or joint</td></tr>
 * <tr><td>reward_range</td><td>bandits</td><td>running min/max</td><td>[low, high] for normalisation</td></tr>
 * <tr><td>forgetting, eta_floor, exploration_floor</td><td>bandits</td><td>0.985, 0.15, 0.05 (1, 0, 0 without track_drift)</td><td>drift tracking</td></tr>
 * <tr><td>height, tree_eta, tree_optimizer</td><td>autoscope</td><td>3, 0.01, rmsprop</td><td>the tree</td></tr>
 * <tr><td>improvements</td><td>all</td><td>true</td><td>default of every improvement flag below; false reproduces the reference</td></tr>
 * <tr><td>min_probe_step, rmsprop_bias_correction, reward_baseline, normalize_rewards,
 * hold_categoricals, repeat_pending, track_drift, free_leaves</td><td>where they apply</td>
 * <td>= improvements</td><td>see {@link io.autosys.candidategenerator.online.Improvements}</td></tr>
 * </table>
 * An unknown setting, or one that does not apply to the algorithm, or a bad value, is an
 * {@link java.lang.IllegalArgumentException} naming the setting and what is allowed.
 *
 * <h2>Internal encoding (ALGORITHMS.md section 4)</h2>
 * Integers and stepped reals on a linear scale are step indices 0..N held as index/N; other reals
 * are their [0, 1] unit encoding (log scale where declared). A served value is
 * {@code rint(w N)} (half to even) mapped back to the grid; constants pass through; parameters
 * inactive under the chosen categories are left out.
 */
package io.autosys.candidategenerator.online;
