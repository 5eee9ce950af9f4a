package io.autosys.modelrepository.api;

import java.time.Instant;

/**
 * A designer's saved state. Versions increase per study; the newest one is what a restarted
 * training plane restores.
 *
 * @param trialsSeen the number of completed trials the designer had learned when it was taken
 */
public record DesignerSnapshot(long studyId, long version, String designer, byte[] state, long trialsSeen,
        Instant createdAt) {
}
