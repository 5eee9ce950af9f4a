package io.autosys.trialmanager;

import java.util.OptionalDouble;

/**
 * A study's progress.
 *
 * @param done        trials that count against the budget and have ended
 * @param budget      the budget's number of trials
 * @param running     trials running now
 * @param failures    trials that crashed, timed out or found the target unavailable
 * @param rejections  proposals the rules rejected
 * @param best        the best objective so far, if any
 * @param elapsedMs   time since this runner started
 */
public record StudyProgress(int done, int budget, int running, int failures, int rejections, OptionalDouble best,
        long elapsedMs) {
}
