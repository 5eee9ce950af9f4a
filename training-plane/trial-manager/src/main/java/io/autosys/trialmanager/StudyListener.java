package io.autosys.trialmanager;

import io.autosys.modelrepository.api.StudyRecord;
import io.autosys.modelrepository.api.TrialRecord;

/** What a study does, as it happens (for the watch stream, the progress bar, the model trainer). */
public interface StudyListener {

    /** A trial was created, started or ended (the record is as stored). */
    default void onTrial(StudyRecord study, TrialRecord trial) {
    }

    /** The study's state or counts changed. */
    default void onStudy(StudyRecord study, StudyProgress progress) {
    }
}
