package io.autosys.modelrepository.api;

import io.autosys.sdk.api.Configuration;
import io.autosys.sdk.api.Metrics;
import io.autosys.sdk.api.SystemDescription;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Everything the training and inference planes keep: targets, studies, trials with their state
 * machine, intermediate metrics, designer snapshots, model versions, known-bad configurations and
 * best configurations. One interface over an embedded H2 file (the default) and PostgreSQL
 * (production), with the same schema and the same tests on both.
 *
 * <p>Writes are idempotent where a retry could repeat them: a trial's result is recorded once (a
 * second {@link #completeTrial} for the same trial changes nothing and returns false), an
 * intermediate step once per (trial, step). Methods throw {@link RepositoryException} on storage
 * failures and {@link IllegalArgumentException} naming the field on bad input; a failed call
 * changes nothing.
 */
public interface ModelRepository extends AutoCloseable {

    // ---- targets -------------------------------------------------------------------------------

    /** Registers a target, or refreshes its address and description when the id is known. */
    TargetRecord registerTarget(String address, boolean tls, SystemDescription description);

    Optional<TargetRecord> target(String systemId);

    List<TargetRecord> targets();

    // ---- studies -------------------------------------------------------------------------------

    /** Creates a PENDING study; the name must be unique (an existing name is an error naming it). */
    StudyRecord createStudy(String name, String systemId, String serviceKind, String specJson,
            Map<String, Double> workloadSignature);

    Optional<StudyRecord> study(long id);

    Optional<StudyRecord> studyByName(String name);

    /** All studies, newest first; {@code states} empty means every state. */
    List<StudyRecord> studies(List<StudyState> states);

    /**
     * Moves a study to {@code to} with a reason if it is in one of {@code from}; returns false
     * (and changes nothing) otherwise. Compare-and-set, so two planes cannot both win.
     */
    boolean transitionStudy(long id, List<StudyState> from, StudyState to, String reason);

    // ---- trials --------------------------------------------------------------------------------

    /** Records a new PENDING trial with the next number of its study. */
    TrialRecord createTrial(long studyId, Configuration configuration, double fidelity, Map<String, String> metadata);

    /** PENDING (or RUNNING after a restart) to RUNNING, counting an attempt; false when terminal already. */
    boolean markTrialRunning(long studyId, long number, Instant at);

    /**
     * Records how a trial ended, once: true when this call recorded it, false when the trial was
     * already terminal (the first result stands).
     */
    boolean completeTrial(long studyId, long number, TrialResult result, Instant at);

    Optional<TrialRecord> trial(long studyId, long number);

    /** A study's trials in number order. */
    List<TrialRecord> trials(long studyId);

    /** How many trials of the study are in each state. */
    Map<TrialState, Long> trialCounts(long studyId);

    /** Records intermediate metrics; a repeated (trial, step) is ignored. */
    void addIntermediate(long studyId, long number, long step, Metrics metrics);

    /** A study's intermediate metrics, by trial then step. */
    List<IntermediateMetrics> intermediates(long studyId);

    // ---- designer snapshots ----------------------------------------------------------------------

    /** Stores a new snapshot version for the study and returns it. */
    DesignerSnapshot saveSnapshot(long studyId, String designer, byte[] state, long trialsSeen);

    Optional<DesignerSnapshot> latestSnapshot(long studyId);

    // ---- model versions ----------------------------------------------------------------------------

    ModelVersion saveModel(String serviceKind, Map<String, Double> workloadSignature, long studyId, String modelType,
            byte[] payload, Map<String, Double> quality);

    /** The newest model of a study and type. */
    Optional<ModelVersion> latestModel(long studyId, String modelType);

    /** Every model of a service kind, newest first (the caller ranks them by signature distance). */
    List<ModelVersion> models(String serviceKind);

    // ---- known-bad configurations --------------------------------------------------------------

    KnownBadRecord addKnownBad(String serviceKind, Configuration exact, String region, String reason, String source);

    /** The known-bad entries of a service kind (null: of every kind), oldest first. */
    List<KnownBadRecord> knownBad(String serviceKind);

    boolean removeKnownBad(long id);

    // ---- best configurations -------------------------------------------------------------------

    /**
     * Offers a trial's result as the best of a scope; it is stored when the scope has none yet or
     * the new objective is better under {@code maximize}. Returns the scope's best after the call.
     */
    BestConfiguration offerBest(String scope, long studyId, long trialNumber, Configuration configuration,
            double objective, Metrics metrics, Map<String, Double> workloadSignature, boolean maximize);

    Optional<BestConfiguration> best(String scope);

    /** Every scope's best whose scope starts with {@code prefix} (e.g. "kind:"). */
    List<BestConfiguration> bests(String prefix);

    /**
     * A number that changes whenever a best configuration, a model version or a known-bad entry
     * changes (cheap to poll).
     */
    long changeCounter();

    @Override
    void close();
}
