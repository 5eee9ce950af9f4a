package io.autosys.trialmanager;

import io.autosys.sdk.api.TargetControl;

/** Opens the control interface of a target at an address (gRPC in production). */
@FunctionalInterface
public interface TargetConnector {
    TargetControl connect(String address, boolean tls);
}
