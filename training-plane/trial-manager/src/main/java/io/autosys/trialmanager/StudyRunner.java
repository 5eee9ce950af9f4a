package io.autosys.trialmanager;

import io.autosys.candidategenerator.api.CompletedTrial;
import io.autosys.candidategenerator.api.Designer;
import io.autosys.candidategenerator.api.PendingTrial;
import io.autosys.candidategenerator.api.Suggestion;
import io.autosys.modelrepository.api.ModelRepository;
import io.autosys.modelrepository.api.StudyRecord;
import io.autosys.modelrepository.api.StudyState;
import io.autosys.modelrepository.api.TrialRecord;
import io.autosys.modelrepository.api.TrialResult;
import io.autosys.modelrepository.api.TrialState;
import io.autosys.sdk.api.Configuration;
import io.autosys.sdk.api.FailureKind;
import io.autosys.sdk.api.Metrics;
import io.autosys.sdk.api.TrialBudget;
import io.autosys.sdk.api.TrialCall;
import io.autosys.sdk.api.TrialOutcome;
import io.autosys.sdk.api.TrialProgress;
import io.autosys.sdk.api.TrialRequest;
import io.autosys.ruleengine.api.ActuationGate;
import io.autosys.ruleengine.api.GatedTrial;
import io.autosys.ruleengine.api.KnownBad;
import io.autosys.ruleengine.api.KnownBadPattern;
import io.autosys.ruleengine.api.KnownBadStore;
import io.autosys.trialmanager.spec.Budget;
import io.autosys.trialmanager.spec.OutcomeConstraint;
import io.autosys.trialmanager.spec.ResolvedStudy;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Runs one study: keeps {@code parallelism} trials running (never more than the target allows),
 * asks the designer for configurations, passes each through the rule-engine gate, records
 * every trial and result in the repository <em>before</em> the designer learns it, retries
 * trials whose target was unavailable, stops trials early by the median rule, and ends the study
 * when its budget, its failure budget or its wall clock runs out.
 *
 * <p>Event-driven: every state change happens on the study's serial executor in response to an
 * event (start, a trial's progress or outcome, a free target slot, a timer); nothing polls.
 *
 * <p>Counting, also on resume: a trial counts against the budget once it ended as SUCCEEDED,
 * INFEASIBLE (except rule rejections, recorded with metadata {@code rejected=true}), TIMED_OUT,
 * FAILED or EARLY_STOPPED; CANCELLED trials (an operator stopped the study) do not count. Reasons
 * start with the kind of failure ({@code crashed:}, {@code timed out:}, {@code unavailable:},
 * {@code constraint:}, {@code rejected:}, {@code early stopped:}) so the failure budget can be
 * recounted from the repository.
 */
public final class StudyRunner {
    private static final System.Logger LOG = System.getLogger(StudyRunner.class.getName());
    /** Reason prefix of a trial the rules refused (recorded, not counted against the budget). */
    static final String REJECTED = "rejected by rules: ";

    private final ModelRepository repo;
    private final ActuationGate gate;
    private final Designer designer;
    private final String designerName;
    private final ResolvedStudy study;
    private final ScheduledExecutorService scheduler;
    private final SerialExecutor serial;
    private final TargetSlots slots;
    private final int targetLimit;
    private final StudyListener listener;
    private final EarlyStopper earlyStopper;
    private final KnownBadStore knownBad;
    private final Clock clock;
    private final List<CompletedTrial> priorTrials;
    private final long startedNanos = System.nanoTime();
    private final CompletableFuture<StudyRecord> completion = new CompletableFuture<>();

    // --- state, touched only on the serial executor ---
    private StudyRecord record;
    private final Map<Long, Running> running = new LinkedHashMap<>();
    private final ArrayDeque<Suggestion> queued = new ArrayDeque<>();
    private int counted;
    private int failures;
    private int rejections;
    private long trialsSeen;
    private OptionalDouble best = OptionalDouble.empty();
    private boolean finishing;
    private boolean waitingForSlot;
    private int pendingRetries;
    private final ArrayDeque<TrialRecord> toRelaunch = new ArrayDeque<>();
    private ScheduledFuture<?> wallClockTimer;

    /** Decides whether a running trial should stop early. */
    @FunctionalInterface
    public interface EarlyStopper {
        /** The reason to stop trial {@code number} given its latest intermediate metrics, or empty. */
        Optional<String> shouldStop(long number, long step, Metrics metrics);

        EarlyStopper NEVER = (n, s, m) -> Optional.empty();
    }

    private record Running(TrialRecord trial, TrialCall call, int attempt, boolean[] earlyStopped) {
    }

    StudyRunner(ModelRepository repo, ActuationGate gate, Designer designer, String designerName, ResolvedStudy study,
            StudyRecord record, ScheduledExecutorService scheduler, TargetSlots slots, StudyListener listener,
            EarlyStopper earlyStopper, KnownBadStore knownBad, Clock clock, List<CompletedTrial> priorTrials) {
        this.repo = repo;
        this.gate = gate;
        this.designer = designer;
        this.designerName = designerName;
        this.study = study;
        this.record = record;
        this.scheduler = scheduler;
        this.serial = new SerialExecutor(scheduler);
        this.slots = slots;
        this.targetLimit = study.target().maxConcurrentTrials();
        this.listener = listener;
        this.earlyStopper = earlyStopper;
        this.knownBad = knownBad;
        this.clock = clock;
        this.priorTrials = List.copyOf(priorTrials);
    }

    public long studyId() {
        return record.id();
    }

    /** Completes with the study's final record when it ends (completed, failed or stopped). */
    public CompletableFuture<StudyRecord> completion() {
        return completion;
    }

    /**
     * Starts (or resumes) the study: recounts what the repository holds, teaches the designer
     * every completed trial it has not seen, relaunches trials that were in flight when the
     * previous process stopped, and fills the free slots.
     */
    void start() {
        serial.execute(this::resume);
    }

    /** Stops the study: running trials are cancelled and do not count; it can be resumed later. */
    void stop(String reason) {
        serial.execute(() -> finish(StudyState.STOPPED, reason == null || reason.isBlank() ? "stopped by an operator"
                : reason));
    }

    /** Progress right now (computed on the caller's thread from a consistent snapshot). */
    CompletableFuture<StudyProgress> progress() {
        var f = new CompletableFuture<StudyProgress>();
        serial.execute(() -> f.complete(progressNow()));
        return f;
    }

    int queueDepth() {
        return serial.depth();
    }

    private StudyProgress progressNow() {
        return new StudyProgress(counted, study.spec().budget().trials(), running.size(), failures, rejections, best,
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startedNanos));
    }

    private Budget budget() {
        return study.spec().budget();
    }

    // ---- resume --------------------------------------------------------------------------------

    private void resume() {
        try {
            // Warm start: prior trials (negative ids) first; a restored designer ignores ids it saw.
            var completed = new ArrayList<CompletedTrial>(priorTrials);
            var inFlight = new ArrayList<TrialRecord>();
            for (TrialRecord t : repo.trials(record.id())) {
                if (t.state().isTerminal()) {
                    account(t);
                    completed.add(toDesigner(t));
                } else {
                    inFlight.add(t);
                }
            }
            var active = inFlight.stream().map(t -> new PendingTrial(t.number(), searchPart(t.configuration()),
                    t.fidelity())).toList();
            designer.update(completed, active);
            trialsSeen = completed.size() - priorTrials.size();
            if (!repo.transitionStudy(record.id(), List.of(StudyState.PENDING, StudyState.RUNNING, StudyState.STOPPED),
                    StudyState.RUNNING, "running")) {
                StudyRecord now = repo.study(record.id()).orElse(record);
                LOG.log(System.Logger.Level.INFO, "study {0} is {1}; not resuming", record.name(), now.state());
                completion.complete(now);
                return;
            }
            record = repo.study(record.id()).orElseThrow();
            notifyStudy();
            if (budget().wallClock() != null) {
                wallClockTimer = scheduler.schedule(() -> serial.execute(() -> finish(StudyState.COMPLETED,
                        "wall-clock limit of " + budget().wallClock() + " reached")), budget().wallClock().toMillis(),
                        TimeUnit.MILLISECONDS);
            }
            if (checkFailureBudget() || checkDone()) {
                return;
            }
            // A trial interrupted by a restart runs again under the same number: it is recorded
            // once, whichever attempt finishes it. fill() relaunches these before anything new.
            toRelaunch.addAll(inFlight);
            fill();
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.ERROR, "study " + record.name() + " could not start", e);
            finish(StudyState.FAILED, "could not start: " + e.getMessage());
        }
    }

    /** The designer's part of a stored configuration: the searched parameters only. */
    private Configuration searchPart(Configuration full) {
        var m = new LinkedHashMap<String, io.autosys.sdk.api.Value>();
        for (var p : study.searchSpace().parameters()) {
            full.find(p.name()).ifPresent(v -> m.put(p.name(), v));
        }
        return Configuration.of(m);
    }

    private void account(TrialRecord t) {
        if (countsAgainstBudget(t)) {
            counted++;
        }
        if (t.state() == TrialState.INFEASIBLE && t.reason().startsWith(REJECTED)) {
            rejections++;
        }
        if (isFailure(t)) {
            failures++;
        }
        if (t.state() == TrialState.SUCCEEDED) {
            double v = t.objective();
            if (best.isEmpty() || study.goal().better(v, best.getAsDouble())) {
                best = OptionalDouble.of(v);
            }
        }
    }

    /** Whether an ended trial counts against the study's budget (see the class comment). */
    public static boolean countsAgainstBudget(TrialRecord t) {
        return switch (t.state()) {
            case SUCCEEDED, TIMED_OUT, FAILED, EARLY_STOPPED -> true;
            case INFEASIBLE -> !t.reason().startsWith(REJECTED);
            default -> false;
        };
    }

    static boolean isFailure(TrialRecord t) {
        return t.state() == TrialState.TIMED_OUT || t.state() == TrialState.FAILED
                || (t.state() == TrialState.INFEASIBLE && t.reason().startsWith("crashed:"));
    }

    private CompletedTrial toDesigner(TrialRecord t) {
        Configuration c = searchPart(t.configuration());
        if (t.state() == TrialState.SUCCEEDED) {
            return new CompletedTrial(t.number(), c, t.fidelity(), t.objective(), t.metrics(), null);
        }
        // Everything else that ended is infeasible to the designer: the region is to be avoided.
        // (Cancelled trials teach nothing about the configuration but must still be marked seen.)
        return new CompletedTrial(t.number(), c, t.fidelity(), Double.NaN, t.metrics(),
                t.reason().isBlank() ? t.state().name().toLowerCase(java.util.Locale.ROOT) : t.reason());
    }

    // ---- scheduling ----------------------------------------------------------------------------

    private void fill() {
        if (finishing || record.state() != StudyState.RUNNING) {
            return;
        }
        while (!toRelaunch.isEmpty() || (running.size() + pendingRetries < budget().parallelism()
                && counted + running.size() + pendingRetries < budget().trials())) {
            if (!slots.tryAcquire(record.systemId(), targetLimit)) {
                if (!waitingForSlot) {
                    waitingForSlot = true;
                    slots.whenReleased(record.systemId(), () -> serial.execute(() -> {
                        waitingForSlot = false;
                        fill();
                    }));
                }
                return;
            }
            TrialRecord again = toRelaunch.poll();
            if (again != null) {
                launch(again, again.attempts() + 1);
                continue;
            }
            boolean launched = false;
            try {
                launched = proposeOne();
            } finally {
                if (!launched) {
                    slots.release(record.systemId());
                }
            }
            if (finishing) {
                return;
            }
        }
        checkDone();
    }

    /**
     * Takes one suggestion to the gate; true when the slot went with it (launch releases it on
     * every path), false when nothing was launched.
     */
    private boolean proposeOne() {
        if (queued.isEmpty()) {
            int inFlight = running.size() + pendingRetries;
            int want = Math.max(1, Math.min(budget().parallelism() - inFlight, budget().trials() - counted - inFlight));
            queued.addAll(designer.suggest(want));
            if (queued.isEmpty()) {
                finish(StudyState.COMPLETED, "the designer has nothing left to suggest");
                return false;
            }
        }
        Suggestion s = queued.poll();
        Configuration full;
        try {
            full = study.trialConfiguration(s.configuration());
        } catch (IllegalArgumentException e) {
            // Not valid for the target: the gate's built-in rules reject it and say why.
            full = study.target().space().overlay(study.target().space().defaults(), Configuration.builder()
                    .setAll(study.fixed()).setAll(s.configuration()).build());
        }
        var meta = new LinkedHashMap<>(s.metadata());
        meta.put("designer", designerName);
        TrialRecord t = repo.createTrial(record.id(), full, s.fidelity(), meta);
        listener.onTrial(record, t);
        launch(t, 1);
        return true;
    }

    /** Starts a trial through the gate; owns the slot the caller acquired. */
    private void launch(TrialRecord t, int attempt) {
        repo.markTrialRunning(record.id(), t.number(), clock.instant());
        TrialRecord started = repo.trial(record.id(), t.number()).orElse(t);
        var request = new TrialRequest(record.name() + "/" + t.number(), t.configuration(), scaled(t.fidelity()),
                study.spec().seed() * 1_000_003L + t.number());
        boolean[] early = new boolean[1];
        GatedTrial gated;
        try {
            gated = gate.tryStartTrial(request, budget().trialDeadline(), p -> serial.execute(() -> onProgress(t, p,
                    early)));
        } catch (RuntimeException e) {
            slots.release(record.systemId());
            onOutcome(t, attempt, early, TrialOutcome.failed(FailureKind.UNAVAILABLE, e.getMessage(), 0));
            return;
        }
        if (gated instanceof GatedTrial.Rejected rejected) {
            slots.release(record.systemId());
            complete(t, TrialResult.ended(TrialState.INFEASIBLE, REJECTED + rejected.verdict().summary()));
            return;
        }
        TrialCall call = ((GatedTrial.Started) gated).call();
        listener.onTrial(record, started);
        running.put(t.number(), new Running(started, call, attempt, early));
        call.outcome().whenComplete((o, err) -> serial.execute(() -> {
            running.remove(t.number());
            slots.release(record.systemId());
            TrialOutcome outcome = o != null ? o : TrialOutcome.failed(FailureKind.CRASHED, String.valueOf(err), 0);
            onOutcome(t, attempt, early, outcome);
        }));
    }

    private TrialBudget scaled(double fidelity) {
        TrialBudget b = budget().trial();
        if (fidelity >= 1) {
            return b;
        }
        return new TrialBudget(Math.round(b.durationMs() * fidelity), Math.round(b.operations() * fidelity),
                Math.min(1, b.effectiveFidelity() * fidelity));
    }

    private void onProgress(TrialRecord t, TrialProgress p, boolean[] early) {
        repo.addIntermediate(record.id(), t.number(), p.step(), p.metrics());
        Running r = running.get(t.number());
        if (r == null || early[0] || finishing) {
            return;
        }
        earlyStopper.shouldStop(t.number(), p.step(), p.metrics()).ifPresent(reason -> {
            early[0] = true;
            r.call().cancel("early stopped: " + reason);
        });
    }

    private void onOutcome(TrialRecord t, int attempt, boolean[] early, TrialOutcome outcome) {
        TrialResult result;
        if (outcome instanceof TrialOutcome.Succeeded s) {
            result = judge(s.metrics());
        } else {
            TrialOutcome.Failed f = (TrialOutcome.Failed) outcome;
            switch (f.kind()) {
                case CANCELLED -> result = early[0] ? TrialResult.ended(TrialState.EARLY_STOPPED, "early stopped: "
                        + f.reason()) : TrialResult.ended(TrialState.CANCELLED, "cancelled: " + f.reason());
                case TIMED_OUT -> result = TrialResult.ended(TrialState.TIMED_OUT, "timed out: " + f.reason());
                case CRASHED -> result = TrialResult.ended(TrialState.INFEASIBLE, "crashed: " + f.reason());
                case REJECTED -> result = TrialResult.ended(TrialState.INFEASIBLE, "rejected by the target: "
                        + f.reason());
                case EARLY_STOPPED -> result = TrialResult.ended(TrialState.EARLY_STOPPED, "early stopped: "
                        + f.reason());
                default -> {
                    if (!finishing && attempt <= budget().retries()) {
                        retryLater(t, attempt, f.reason());
                        return;
                    }
                    result = TrialResult.ended(TrialState.FAILED, "unavailable: " + f.reason()
                            + (attempt > 1 ? " (after " + attempt + " attempts)" : ""));
                }
            }
            if (finishing && result.state() != TrialState.SUCCEEDED) {
                // The study is ending (stopped, failed, wall clock): what was cut short does not count.
                result = TrialResult.ended(TrialState.CANCELLED, "cancelled: " + f.reason());
            }
        }
        complete(t, result);
    }

    private void retryLater(TrialRecord t, int attempt, String reason) {
        long delay = Math.min(30_000, 200L << Math.min(10, attempt - 1));
        LOG.log(System.Logger.Level.INFO, "study {0}: trial {1} found the target unavailable ({2}); attempt {3} in {4}"
                + " ms", record.name(), t.number(), reason, attempt + 1, delay);
        // The trial keeps its place (and its number) while it waits: fill() counts it as running.
        pendingRetries++;
        schedule(delay, () -> serial.execute(() -> {
            pendingRetries--;
            if (finishing) {
                complete(t, TrialResult.ended(TrialState.CANCELLED, "cancelled: the study ended while the trial"
                        + " waited to retry"));
                return;
            }
            if (!slots.tryAcquire(record.systemId(), targetLimit)) {
                retryLater(t, attempt, "no free slot on the target");
                return;
            }
            launch(t, attempt + 1);
        }));
    }

    private void schedule(long delayMillis, Runnable task) {
        try {
            scheduler.schedule(task, delayMillis, TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            // Closing: the repository keeps the trial open and the next process retries it.
        }
    }

    /** Turns a trial's metrics into a result: objective, constraints. */
    private TrialResult judge(Metrics metrics) {
        double value;
        try {
            value = study.objective().value(metrics);
        } catch (IllegalArgumentException e) {
            return new TrialResult(TrialState.INFEASIBLE, Double.NaN, metrics, "crashed: the target did not report the"
                    + " objective: " + e.getMessage());
        }
        if (!Double.isFinite(value)) {
            return new TrialResult(TrialState.INFEASIBLE, Double.NaN, metrics, "crashed: objective is " + value);
        }
        for (OutcomeConstraint c : study.spec().constraints()) {
            Optional<String> v = c.violation(metrics);
            if (v.isPresent()) {
                return new TrialResult(TrialState.INFEASIBLE, Double.NaN, metrics, "constraint: " + v.get());
            }
        }
        return TrialResult.succeeded(value, metrics);
    }

    /** Persists a result, then (only if this call recorded it) teaches the designer. */
    private void complete(TrialRecord t, TrialResult result) {
        boolean recorded = repo.completeTrial(record.id(), t.number(), result, clock.instant());
        if (recorded) {
            TrialRecord stored = repo.trial(record.id(), t.number()).orElseThrow();
            account(stored);
            if (stored.state() == TrialState.TIMED_OUT) {
                // Crashes are marked by the gate itself; a configuration that hangs the target is as bad.
                knownBad.add(record.serviceKind(), KnownBadPattern.exact(stored.configuration()), "trial "
                        + record.name() + "/" + stored.number() + " " + stored.reason(), KnownBad.Origin.TRIAL_CRASH);
            }
            if (stored.state() == TrialState.SUCCEEDED) {
                repo.offerBest("study:" + record.id(), record.id(), stored.number(), stored.configuration(),
                        stored.objective(), stored.metrics(), record.workloadSignature(),
                        study.goal() == io.autosys.sdk.api.Goal.MAXIMIZE);
            }
            learn(stored);
            listener.onTrial(record, stored);
            notifyStudy();
        }
        if (finishing) {
            maybeFinished();
            return;
        }
        if (rejections > budget().maxRejections()) {
            finish(StudyState.FAILED, "the rules rejected " + rejections + " proposals (budget.max_rejections is "
                    + budget().maxRejections() + "); last: " + result.reason());
            return;
        }
        if (checkFailureBudget() || checkDone()) {
            return;
        }
        fill();
    }

    /** The designer learns a stored result, then its state is saved (persist first, learn second). */
    private void learn(TrialRecord stored) {
        var active = running.values().stream().map(r -> new PendingTrial(r.trial().number(),
                searchPart(r.trial().configuration()), r.trial().fidelity())).toList();
        designer.update(List.of(toDesigner(stored)), active);
        trialsSeen++;
        repo.saveSnapshot(record.id(), designerName, designer.snapshot(), trialsSeen);
    }

    private boolean checkFailureBudget() {
        if (failures > budget().maxFailures()) {
            finish(StudyState.FAILED, "failure budget spent: " + failures + " trials failed (budget.max_failures is "
                    + budget().maxFailures() + ")" + lastFailure());
            return true;
        }
        return false;
    }

    private String lastFailure() {
        List<TrialRecord> all = repo.trials(record.id());
        for (int i = all.size() - 1; i >= 0; i--) {
            if (isFailure(all.get(i))) {
                return "; last: trial " + all.get(i).number() + " " + all.get(i).reason();
            }
        }
        return "";
    }

    private boolean checkDone() {
        if (!finishing && counted >= budget().trials() && running.isEmpty() && pendingRetries == 0) {
            finish(StudyState.COMPLETED, "ran its budget of " + budget().trials() + " trials");
            return true;
        }
        return false;
    }

    // ---- ending ----------------------------------------------------------------------------------

    private StudyState finalState;
    private String finalReason;

    private void finish(StudyState state, String reason) {
        if (finishing) {
            return;
        }
        finishing = true;
        finalState = state;
        finalReason = reason;
        queued.clear();
        if (wallClockTimer != null) {
            wallClockTimer.cancel(false);
        }
        for (Running r : List.copyOf(running.values())) {
            r.call().cancel(reason);
        }
        maybeFinished();
    }

    private void maybeFinished() {
        if (!toRelaunch.isEmpty()) {
            // Interrupted trials that never got a slot again end with the study.
            for (TrialRecord t : List.copyOf(toRelaunch)) {
                toRelaunch.remove(t);
                complete(t, TrialResult.ended(TrialState.CANCELLED, "cancelled: " + finalReason));
            }
        }
        if (!running.isEmpty() || pendingRetries > 0 || completion.isDone()) {
            return;
        }
        repo.transitionStudy(record.id(), List.of(StudyState.RUNNING, StudyState.PENDING), finalState, finalReason);
        record = repo.study(record.id()).orElse(record);
        LOG.log(System.Logger.Level.INFO, "study {0} {1}: {2}", record.name(), record.state(), record.stateReason());
        notifyStudy();
        completion.complete(record);
    }

    private void notifyStudy() {
        try {
            listener.onStudy(record, progressNow());
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "a study listener failed", e);
        }
    }
}
