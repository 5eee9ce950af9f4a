package io.autosys.candidategenerator.api;

import io.autosys.sdk.api.Configuration;
import java.util.Map;
import java.util.Objects;

/**
 * A configuration a designer proposes to try.
 *
 * @param configuration a complete, valid configuration of the designer's space
 * @param fidelity      the share of the full trial budget to spend, in (0, 1] (Hyperband uses less than 1)
 * @param metadata      free-form notes for people and for the designer itself (for example
 *                      {@code reason=resample} from Metis, {@code bracket=2} from Hyperband)
 */
public record Suggestion(Configuration configuration, double fidelity, Map<String, String> metadata) {
    public Suggestion {
        Objects.requireNonNull(configuration, "configuration");
        if (!(fidelity > 0 && fidelity <= 1)) {
            throw new IllegalArgumentException("suggestion fidelity must be in (0, 1], got " + fidelity);
        }
        metadata = metadata == null ? Map.of() : Map.copyOf(metadata);
    }

    public static Suggestion of(Configuration configuration) {
        return new Suggestion(configuration, 1.0, Map.of());
    }
}
