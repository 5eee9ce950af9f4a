package io.autosys.candidategenerator.api;

import io.autosys.sdk.api.Context;

/**
 * A live tuning algorithm (the shape OPPerTune uses): ask for a configuration for the current
 * context, actuate it, then report a reward (higher is better) for that request. Pure like a
 * {@link Designer}; randomness comes from an injectable source so tests can replay traces.
 */
public interface OnlineTuner {

    /** A configuration to run now, with the id to report its reward under. */
    Prediction predict(io.autosys.sdk.api.Context context);

    /** The reward observed for a prediction; higher is better. Unknown ids are an error. */
    void setReward(String requestId, double reward);

    /** The tuner's whole state. */
    byte[] snapshot();

    /** Convenience for tuners that ignore context. */
    default Prediction predict() {
        return predict(Context.empty());
    }
}
