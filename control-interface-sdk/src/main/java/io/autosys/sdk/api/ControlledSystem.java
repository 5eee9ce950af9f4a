package io.autosys.sdk.api;

/**
 * What a target system implements to be tuned by AutoSys; {@code ControlInterfaceServer} serves
 * it over gRPC. The server validates every configuration against {@link #describe()}'s space
 * before calling {@link #apply} or {@link #runTrial}, so implementations receive only complete,
 * valid configurations and can trust them.
 */
public interface ControlledSystem {

    /** Ids, knobs, metrics, context features. Called often; return a cached value. */
    SystemDescription describe();

    /** The configuration now in effect on the live system. */
    Configuration currentConfiguration();

    /**
     * Actuates a complete, valid configuration on the live system and reports what needs a
     * restart. Applying the configuration already in effect must be harmless.
     */
    ApplyResult apply(Configuration configuration) throws Exception;

    /**
     * Evaluates a configuration without touching the live system and returns the final metrics.
     * Throwing means the configuration crashed the target (the message becomes the reason);
     * after cancellation, return or throw promptly and release every resource (files, threads).
     */
    Metrics runTrial(TrialRequest request, TrialContext context) throws Exception;

    /** A snapshot of the live system's metrics, context and configuration. */
    Observation observe();
}
