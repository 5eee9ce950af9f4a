package io.autosys.modeltrainer;

import io.autosys.candidategenerator.api.CompletedTrial;
import io.autosys.modelrepository.api.ModelRepository;
import io.autosys.modelrepository.api.StudyRecord;
import io.autosys.modelrepository.api.TrialRecord;
import io.autosys.modelrepository.api.TrialState;
import io.autosys.sdk.api.Configuration;
import io.autosys.sdk.api.ParameterSpace;
import io.autosys.sdk.api.Value;
import io.autosys.trialmanager.WarmStarter;
import io.autosys.trialmanager.spec.ResolvedStudy;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Optional;

/**
 * Warm start (what OtterTune does with past workloads): a new study on a service kind is seeded
 * with the trials of the earlier study of the same kind whose workload signature is closest (ties:
 * the newest), mapped into the new study's search space. Trials whose configuration does not fit
 * the new space (a value outside a narrowed range) are left out; parameters the new study does
 * not search are dropped. The objective is re-read from the stored metrics with the new study's
 * objective, so a study that optimised latency can seed one that optimises throughput.
 */
public final class SimilarStudyWarmStarter implements WarmStarter {
    private static final System.Logger LOG = System.getLogger(SimilarStudyWarmStarter.class.getName());
    /** Prior trial ids: -(OFFSET * priorStudyId + number), never a study's own (positive) number. */
    static final long OFFSET = 1_000_000L;

    private final ModelRepository repo;
    private final int maxTrials;
    private final double maxDistance;

    /**
     * @param maxTrials   the most prior trials to give a designer (the best ones are kept)
     * @param maxDistance signatures farther apart than this are not similar enough (0..1)
     */
    public SimilarStudyWarmStarter(ModelRepository repo, int maxTrials, double maxDistance) {
        this.repo = repo;
        this.maxTrials = maxTrials;
        this.maxDistance = maxDistance;
    }

    /** The most similar earlier study of the same service kind with at least one successful trial. */
    public Optional<StudyRecord> mostSimilar(StudyRecord study) {
        return repo.studies(List.of()).stream()
                .filter(s -> s.id() != study.id() && s.serviceKind().equals(study.serviceKind()))
                .filter(s -> repo.trials(s.id()).stream().anyMatch(t -> t.state() == TrialState.SUCCEEDED))
                .filter(s -> WorkloadSignatures.distance(s.workloadSignature(), study.workloadSignature())
                        <= maxDistance)
                .min(Comparator.comparingDouble((StudyRecord s) -> WorkloadSignatures.distance(s.workloadSignature(),
                        study.workloadSignature())).thenComparing(StudyRecord::id, Comparator.reverseOrder()));
    }

    @Override
    public List<CompletedTrial> priorTrials(StudyRecord study, ResolvedStudy resolved) {
        Optional<StudyRecord> source = mostSimilar(study);
        if (source.isEmpty()) {
            return List.of();
        }
        ParameterSpace space = resolved.searchSpace();
        var out = new ArrayList<CompletedTrial>();
        for (TrialRecord t : repo.trials(source.get().id())) {
            if (t.state() != TrialState.SUCCEEDED && t.state() != TrialState.INFEASIBLE
                    && t.state() != TrialState.TIMED_OUT) {
                continue;
            }
            Optional<Configuration> mapped = map(t.configuration(), space);
            if (mapped.isEmpty()) {
                continue;
            }
            long id = -(OFFSET * source.get().id() + t.number());
            if (t.state() == TrialState.SUCCEEDED) {
                try {
                    double v = resolved.objective().value(t.metrics());
                    out.add(new CompletedTrial(id, mapped.get(), 1.0, v, t.metrics(), null));
                } catch (IllegalArgumentException e) {
                    // The earlier study did not record a metric this objective needs: skip it.
                }
            } else {
                out.add(new CompletedTrial(id, mapped.get(), 1.0, Double.NaN, t.metrics(), "prior: " + t.reason()));
            }
        }
        // Keep the best feasible ones (and all infeasible ones up to the cap).
        var goal = resolved.goal();
        out.sort(Comparator.comparing((CompletedTrial c) -> !c.isFeasible())
                .thenComparing((a, b) -> a.isFeasible() && b.isFeasible()
                        ? (goal.better(a.objective(), b.objective()) ? -1 : goal.better(b.objective(), a.objective()) ? 1
                                : 0) : 0));
        List<CompletedTrial> kept = out.size() > maxTrials ? out.subList(0, maxTrials) : out;
        LOG.log(System.Logger.Level.INFO, "study {0}: {1} prior trials from study {2} (signature distance {3})",
                study.name(), kept.size(), source.get().name(), WorkloadSignatures.distance(source.get()
                        .workloadSignature(), study.workloadSignature()));
        return List.copyOf(kept);
    }

    /** The configuration restricted to the space, completed with its defaults; empty if it does not fit. */
    static Optional<Configuration> map(Configuration c, ParameterSpace space) {
        var m = new LinkedHashMap<String, Value>();
        for (var p : space.parameters()) {
            c.find(p.name()).ifPresent(v -> m.put(p.name(), v));
        }
        try {
            Configuration completed = space.complete(Configuration.of(m));
            return Optional.of(completed);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
