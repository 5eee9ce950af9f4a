package io.autosys.trialmanager;

import io.autosys.modelrepository.api.IntermediateMetrics;
import io.autosys.modelrepository.api.ModelRepository;
import io.autosys.modelrepository.api.TrialRecord;
import io.autosys.modelrepository.api.TrialState;
import io.autosys.sdk.api.Goal;
import io.autosys.sdk.api.Metrics;
import io.autosys.trialmanager.spec.EarlyStopping;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;

/**
 * The median stopping rule over stored intermediate metrics: a running trial whose value at a
 * step is worse than the median of the completed trials' values at that step is stopped, once
 * {@code minTrials} trials completed and the trial reached {@code minSteps}. A completed trial's
 * value at a step is its last report at or before that step.
 */
final class MedianEarlyStopper implements StudyRunner.EarlyStopper {
    private final ModelRepository repo;
    private final long studyId;
    private final EarlyStopping rule;
    private final Goal goal;

    MedianEarlyStopper(ModelRepository repo, long studyId, EarlyStopping rule, Goal goal) {
        this.repo = repo;
        this.studyId = studyId;
        this.rule = rule;
        this.goal = goal;
    }

    @Override
    public Optional<String> shouldStop(long number, long step, Metrics metrics) {
        OptionalDouble v = metrics.find(rule.metric());
        if (v.isEmpty() || step < rule.minSteps()) {
            return Optional.empty();
        }
        Set<Long> completed = new HashSet<>();
        for (TrialRecord t : repo.trials(studyId)) {
            if (t.state() == TrialState.SUCCEEDED) {
                completed.add(t.number());
            }
        }
        if (completed.size() < rule.minTrials()) {
            return Optional.empty();
        }
        Map<Long, Double> atStep = new HashMap<>();
        Map<Long, Long> bestStep = new HashMap<>();
        for (IntermediateMetrics im : repo.intermediates(studyId)) {
            if (!completed.contains(im.trialNumber()) || im.step() > step) {
                continue;
            }
            OptionalDouble x = im.metrics().find(rule.metric());
            if (x.isPresent() && im.step() >= bestStep.getOrDefault(im.trialNumber(), Long.MIN_VALUE)) {
                bestStep.put(im.trialNumber(), im.step());
                atStep.put(im.trialNumber(), x.getAsDouble());
            }
        }
        if (atStep.size() < rule.minTrials()) {
            return Optional.empty();
        }
        List<Double> values = new ArrayList<>(atStep.values());
        values.sort(Double::compare);
        int n = values.size();
        double median = n % 2 == 1 ? values.get(n / 2) : (values.get(n / 2 - 1) + values.get(n / 2)) / 2;
        if (goal.better(median, v.getAsDouble())) {
            return Optional.of(rule.metric() + " " + v.getAsDouble() + " at step " + step + " is worse than the median "
                    + median + " of " + n + " completed trials");
        }
        return Optional.empty();
    }
}
