package io.autosys.candidategenerator.api;

import io.autosys.sdk.api.Configuration;
import java.util.Objects;

/** A trial that was suggested and is still running (designers avoid proposing it again). */
public record PendingTrial(long id, Configuration configuration, double fidelity) {
    public PendingTrial {
        Objects.requireNonNull(configuration, "configuration");
    }
}
