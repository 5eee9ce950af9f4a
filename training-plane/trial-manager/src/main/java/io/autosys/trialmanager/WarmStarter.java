package io.autosys.trialmanager;

import io.autosys.candidategenerator.api.CompletedTrial;
import io.autosys.modelrepository.api.StudyRecord;
import io.autosys.trialmanager.spec.ResolvedStudy;
import java.util.List;

/**
 * Prior trials for a new study (from the most similar earlier study of the same service kind),
 * already mapped into its search space. Their ids are negative so they never collide with the
 * study's own trial numbers.
 */
@FunctionalInterface
public interface WarmStarter {
    List<CompletedTrial> priorTrials(StudyRecord study, ResolvedStudy resolved);

    WarmStarter NONE = (s, r) -> List.of();
}
