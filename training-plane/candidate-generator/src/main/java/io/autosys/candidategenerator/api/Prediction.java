package io.autosys.candidategenerator.api;

import io.autosys.sdk.api.Configuration;
import java.util.Objects;

/** A configuration an online tuner proposes, and the id its reward must be reported under. */
public record Prediction(Configuration configuration, String requestId) {
    public Prediction {
        Objects.requireNonNull(configuration, "configuration");
        Objects.requireNonNull(requestId, "requestId");
    }
}
