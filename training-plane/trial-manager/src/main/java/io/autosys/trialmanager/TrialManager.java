package io.autosys.trialmanager;

import io.autosys.candidategenerator.api.CompletedTrial;
import io.autosys.candidategenerator.api.Designer;
import io.autosys.candidategenerator.designers.Designers;
import io.autosys.modelrepository.api.DesignerSnapshot;
import io.autosys.modelrepository.api.ModelRepository;
import io.autosys.modelrepository.api.StudyRecord;
import io.autosys.modelrepository.api.StudyState;
import io.autosys.modelrepository.api.TargetRecord;
import io.autosys.modelrepository.api.TrialRecord;
import io.autosys.ruleengine.api.ActuationGate;
import io.autosys.ruleengine.api.KnownBadStore;
import io.autosys.trialmanager.spec.ResolvedStudy;
import io.autosys.trialmanager.spec.SpecError;
import io.autosys.trialmanager.spec.StudySpec;
import io.autosys.trialmanager.spec.StudySpecException;
import io.autosys.trialmanager.spec.StudySpecParser;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The studies of a training plane: creates them from their specification (checked against the
 * target and the designer's settings before anything is stored), runs each with a
 * {@link StudyRunner}, stops and resumes them, and on start resumes every study that was running
 * when the previous process ended. Targets are shared: all studies on a target together respect
 * its concurrency limit.
 */
public final class TrialManager implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(TrialManager.class.getName());

    private final ModelRepository repo;
    private final GatewayFactory gateways;
    private final DesignerCatalog designers;
    private final KnownBadStore knownBad;
    private final WarmStarter warmStarter;
    private final Clock clock;
    private final ScheduledExecutorService scheduler;
    private final TargetSlots slots = new TargetSlots();
    private final Map<Long, StudyRunner> runners = new ConcurrentHashMap<>();
    private final Map<String, ActuationGate> openGates = new ConcurrentHashMap<>();
    private final List<StudyListener> listeners = new CopyOnWriteArrayList<>();

    /**
     * Opens the rule engine's gate to a registered target: the only way the trial manager reaches
     * a target (the gate owns the connection and checks every trial).
     */
    @FunctionalInterface
    public interface GatewayFactory {
        ActuationGate open(TargetRecord target);
    }

    /** The designers by name (the candidate generator's registry). */
    public interface DesignerCatalog {
        boolean exists(String name);

        /** Creates a designer; bad settings are an IllegalArgumentException naming the setting. */
        Designer create(io.autosys.candidategenerator.api.Problem problem, String name, Map<String, Object> settings,
                long seed);

        Designer restore(io.autosys.candidategenerator.api.Problem problem, byte[] snapshot);

        /** The candidate generator's registry of designers. */
        static DesignerCatalog registry() {
            return new DesignerCatalog() {
                @Override
                public boolean exists(String name) {
                    return Designers.names().contains(name);
                }

                @Override
                public Designer create(io.autosys.candidategenerator.api.Problem problem, String name,
                        Map<String, Object> settings, long seed) {
                    return Designers.create(name, problem, settings, seed);
                }

                @Override
                public Designer restore(io.autosys.candidategenerator.api.Problem problem, byte[] snapshot) {
                    return Designers.restore(problem, snapshot);
                }
            };
        }
    }

    public TrialManager(ModelRepository repo, GatewayFactory gateways, DesignerCatalog designers,
            KnownBadStore knownBad, WarmStarter warmStarter, Clock clock, int threads) {
        this.repo = repo;
        this.gateways = gateways;
        this.designers = designers;
        this.knownBad = knownBad;
        this.warmStarter = warmStarter;
        this.clock = clock;
        var pool = new java.util.concurrent.ScheduledThreadPoolExecutor(threads, r -> {
            Thread t = new Thread(r, "autosys-trial-manager");
            t.setDaemon(true);
            return t;
        });
        // On close, timers (wall clock, retry back-off) are dropped, not waited for.
        pool.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        pool.setRemoveOnCancelPolicy(true);
        this.scheduler = pool;
    }

    public void addListener(StudyListener listener) {
        listeners.add(listener);
    }

    public void removeListener(StudyListener listener) {
        listeners.remove(listener);
    }

    /**
     * Creates a study from YAML or JSON. Everything is checked first (syntax, the target, its
     * parameters and metrics, the designer and its settings); a bad study stores nothing.
     */
    public StudyRecord createStudy(String specText, String source, Map<String, Double> workloadSignature,
            boolean start) {
        StudySpecParser.Parsed parsed = StudySpecParser.parse(specText, source);
        StudySpec spec = parsed.spec();
        TargetRecord target = repo.target(spec.target()).orElseThrow(() -> new StudySpecException(source, List.of(
                new SpecError("target", parsed.line("target"), "no registered target '" + spec.target()
                        + "'; registered: " + repo.targets().stream().map(TargetRecord::systemId).toList()))));
        ResolvedStudy resolved = ResolvedStudy.resolve(parsed, target.description(), designers::exists, source);
        try {
            designers.create(resolved.problem(), spec.designer(), spec.settings(), spec.seed());
        } catch (IllegalArgumentException e) {
            throw new StudySpecException(source, List.of(new SpecError("designer.settings", parsed.line("designer"),
                    e.getMessage())));
        }
        if (repo.studyByName(spec.name()).isPresent()) {
            throw new StudySpecException(source, List.of(new SpecError("name", parsed.line("name"), "a study named '"
                    + spec.name() + "' exists already")));
        }
        StudyRecord record = repo.createStudy(spec.name(), target.systemId(), target.serviceKind(),
                StudySpecParser.toJson(spec), workloadSignature);
        LOG.log(System.Logger.Level.INFO, "created study {0} (id {1}) on {2}", spec.name(), record.id(),
                target.systemId());
        if (start) {
            start(record.id());
        }
        return repo.study(record.id()).orElse(record);
    }

    /** Starts or resumes a study (no-op when it is already running here). */
    public synchronized StudyRecord start(long studyId) {
        StudyRecord record = repo.study(studyId).orElseThrow(() -> new IllegalArgumentException("no study with id "
                + studyId));
        if (runners.containsKey(studyId)) {
            return record;
        }
        if (record.state().isTerminal()) {
            throw new IllegalStateException("study '" + record.name() + "' is " + record.state() + " ("
                    + record.stateReason() + "); it cannot be resumed");
        }
        StudySpecParser.Parsed parsed = StudySpecParser.parse(record.specJson(), "study " + record.name());
        TargetRecord target = repo.target(record.systemId()).orElseThrow(() -> new IllegalStateException("study '"
                + record.name() + "' tunes target '" + record.systemId() + "', which is not registered"));
        ResolvedStudy resolved = ResolvedStudy.resolve(parsed, target.description(), designers::exists,
                "study " + record.name());
        StudySpec spec = resolved.spec();
        Optional<DesignerSnapshot> snapshot = repo.latestSnapshot(studyId);
        Designer designer = snapshot.isPresent() ? designers.restore(resolved.problem(), snapshot.get().state())
                : designers.create(resolved.problem(), spec.designer(), spec.settings(), spec.seed());
        List<CompletedTrial> priors = spec.warmStart() && snapshot.isEmpty() && repo.trials(studyId).isEmpty()
                ? warmStarter.priorTrials(record, resolved) : List.of();
        if (!priors.isEmpty()) {
            LOG.log(System.Logger.Level.INFO, "study {0}: warm start with {1} prior trials", record.name(),
                    priors.size());
        }
        ActuationGate gate = openGates.computeIfAbsent(target.systemId(), k -> gateways.open(target));
        StudyRunner.EarlyStopper stopper = spec.earlyStopping() == null ? StudyRunner.EarlyStopper.NEVER
                : new MedianEarlyStopper(repo, studyId, spec.earlyStopping(), resolved.goal());
        var runner = new StudyRunner(repo, gate, designer, spec.designer(), resolved, record, scheduler, slots,
                fanOut(), stopper, knownBad, clock, priors);
        runners.put(studyId, runner);
        runner.completion().whenComplete((r, e) -> runners.remove(studyId, runner));
        runner.start();
        return record;
    }

    /** Stops a running study; running trials are cancelled and do not count. */
    public StudyRecord stop(long studyId, String reason) {
        StudyRunner r = runners.get(studyId);
        if (r != null) {
            r.stop(reason);
            try {
                return r.completion().get(60, TimeUnit.SECONDS);
            } catch (Exception e) {
                throw new IllegalStateException("study " + studyId + " did not stop within 60 s", e);
            }
        }
        repo.transitionStudy(studyId, List.of(StudyState.PENDING, StudyState.RUNNING), StudyState.STOPPED,
                reason == null ? "stopped by an operator" : reason);
        return repo.study(studyId).orElseThrow(() -> new IllegalArgumentException("no study with id " + studyId));
    }

    /** Resumes every study the repository says is running (after a restart). */
    public List<StudyRecord> resumeRunning() {
        var resumed = new java.util.ArrayList<StudyRecord>();
        for (StudyRecord s : repo.studies(List.of(StudyState.RUNNING))) {
            try {
                resumed.add(start(s.id()));
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.ERROR, "cannot resume study " + s.name(), e);
                repo.transitionStudy(s.id(), List.of(StudyState.RUNNING), StudyState.FAILED, "cannot resume: "
                        + e.getMessage());
            }
        }
        return resumed;
    }

    public boolean isRunning(long studyId) {
        return runners.containsKey(studyId);
    }

    /** Live progress of a running study. */
    public Optional<StudyProgress> progress(long studyId) {
        StudyRunner r = runners.get(studyId);
        if (r == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(r.progress().get(10, TimeUnit.SECONDS));
        } catch (Exception e) {
            return Optional.empty();
        }
    }

    /** Completes when the study ends (or at once with its record if it is not running here). */
    public CompletableFuture<StudyRecord> completion(long studyId) {
        StudyRunner r = runners.get(studyId);
        return r != null ? r.completion() : CompletableFuture.completedFuture(repo.study(studyId).orElseThrow());
    }

    /** Tasks waiting in the study actors (a queue-depth metric). */
    public int queueDepth() {
        return runners.values().stream().mapToInt(StudyRunner::queueDepth).sum();
    }

    public int runningStudies() {
        return runners.size();
    }

    private StudyListener fanOut() {
        return new StudyListener() {
            @Override
            public void onTrial(StudyRecord study, TrialRecord trial) {
                for (StudyListener l : listeners) {
                    try {
                        l.onTrial(study, trial);
                    } catch (RuntimeException e) {
                        LOG.log(System.Logger.Level.WARNING, "listener failed", e);
                    }
                }
            }

            @Override
            public void onStudy(StudyRecord study, StudyProgress progress) {
                for (StudyListener l : listeners) {
                    try {
                        l.onStudy(study, progress);
                    } catch (RuntimeException e) {
                        LOG.log(System.Logger.Level.WARNING, "listener failed", e);
                    }
                }
            }
        };
    }

    /**
     * Leaves running studies RUNNING in the repository (the next process resumes them) and
     * releases threads and connections. In-flight trials are abandoned, not recorded.
     */
    @Override
    public void close() {
        // No interrupts: an interrupted thread in the middle of a write would close the embedded
        // store's file channel under every other user of it.
        scheduler.shutdown();
        try {
            if (!scheduler.awaitTermination(10, TimeUnit.SECONDS)) {
                LOG.log(System.Logger.Level.WARNING, "study tasks still running after 10 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        openGates.values().forEach(ActuationGate::close);
        openGates.clear();
        runners.clear();
    }
}
