package io.autosys.candidategenerator.online;

import io.autosys.candidategenerator.api.OnlineTuner;
import io.autosys.sdk.api.Configuration;
import io.autosys.sdk.api.Context;
import io.autosys.sdk.api.ParameterSpace;
import java.util.Map;

/**
 * An {@link OnlineTuner} as {@link OnlineTuners} makes it, with the controls an operator needs
 * on a live system: a maximum change per step per parameter, and pause/resume.
 *
 * <p>Request protocol: {@link #predict} returns a configuration and a request id; the reward for
 * it comes through {@link #setReward}. While a probe awaits its reward, another predict for the
 * same scope (the whole tuner; one leaf of an AutoScope tree) returns the same configuration under
 * a new id (one live system cannot test two configurations at once). The first reward for any of
 * those ids completes the probe and retires the others; an id never issued, or retired, is an
 * error. At most 4096 unanswered ids are remembered (the oldest are forgotten first).
 *
 * <p>Not thread-safe: a service holding one tuner serialises predict, setReward, the controls and
 * snapshot.
 */
public interface LiveTuner extends OnlineTuner {

    /** The registry name: bluefin, exponential-weights, exponential-weights-slates, hybrid, autoscope. */
    String algorithm();

    ParameterSpace space();

    /** The validated settings, including the current maximum changes. */
    TunerConfig config();

    /**
     * Stops tuning: until {@link #resume}, predict serves the current best configuration (no
     * probing) and rewards are accepted but not learnt from, including late rewards of requests
     * issued before the pause. A half-finished two-point pair is dropped.
     */
    void pause();

    /** Continues tuning from the state at {@link #pause}. */
    void resume();

    boolean isPaused();

    /**
     * Never changes {@code parameter} (integer or real) by more than {@code maxChange}, in its own
     * unit, between two consecutive configurations served for the same scope; the first is
     * measured from the parameter's default. Applies from the next predict.
     *
     * @throws IllegalArgumentException naming the parameter when it is unknown, not numeric, or
     *                                  the limit is not positive or smaller than its step
     */
    void setMaxChange(String parameter, double maxChange);

    /** Removes the limit on {@code parameter} (no effect when it has none). */
    void clearMaxChange(String parameter);

    /** The current limits, parameter name to maximum change. */
    Map<String, Double> maxChanges();

    /** What the tuner currently believes best for {@code context}, without exploration. */
    Configuration bestConfiguration(Context context);
}
