package io.autosys.modelrepository.api;

import io.autosys.sdk.api.Configuration;
import java.time.Instant;

/**
 * A configuration (or region) known to hurt a service kind, persisted for the rule engine.
 *
 * @param exact  the configuration, for an exact entry; null for a region
 * @param region the region's text form (the rule engine's syntax), for a region entry; null otherwise
 * @param source who added it: "operator", or "trial:<study>/<number>" when a trial crashed the target
 */
public record KnownBadRecord(long id, String serviceKind, Configuration exact, String region, String reason,
        String source, Instant createdAt) {
    public KnownBadRecord {
        if ((exact == null) == (region == null)) {
            throw new IllegalArgumentException("a known-bad entry is either exact or a region, not both or neither");
        }
    }
}
