package io.autosys.trialmanager.grpc;

import io.autosys.modelrepository.api.ModelRepository;
import io.autosys.modelrepository.api.StudyRecord;
import io.autosys.modelrepository.api.StudyState;
import io.autosys.modelrepository.api.TargetRecord;
import io.autosys.modelrepository.api.TrialRecord;
import io.autosys.proto.v1.CreateStudyRequest;
import io.autosys.proto.v1.ListStudiesRequest;
import io.autosys.proto.v1.ListStudiesResponse;
import io.autosys.proto.v1.ListTargetsRequest;
import io.autosys.proto.v1.ListTargetsResponse;
import io.autosys.proto.v1.ListTrialsResponse;
import io.autosys.proto.v1.RegisterTargetRequest;
import io.autosys.proto.v1.StopStudyRequest;
import io.autosys.proto.v1.Study;
import io.autosys.proto.v1.StudyEvent;
import io.autosys.proto.v1.StudyRef;
import io.autosys.proto.v1.Target;
import io.autosys.proto.v1.TrainingPlaneGrpc;
import io.autosys.sdk.api.ContextValue;
import io.autosys.sdk.api.ControlInterfaceException;
import io.autosys.sdk.api.SystemDescription;
import io.autosys.sdk.api.TargetControl;
import io.autosys.sdk.api.Violation;
import io.autosys.sdk.server.Statuses;
import io.autosys.trialmanager.StudyListener;
import io.autosys.trialmanager.StudyProgress;
import io.autosys.trialmanager.TargetConnector;
import io.autosys.trialmanager.TrialManager;
import io.autosys.trialmanager.spec.SpecError;
import io.autosys.trialmanager.spec.StudySpecException;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The TrainingPlane gRPC service over a trial manager and a repository. Framework-free: the
 * Quarkus service exposes it as a bean, the standalone launcher on a plain gRPC server.
 */
public final class TrainingPlaneGrpcService extends TrainingPlaneGrpc.TrainingPlaneImplBase {
    private static final System.Logger LOG = System.getLogger(TrainingPlaneGrpcService.class.getName());

    private final ModelRepository repo;
    private final TrialManager manager;
    private final TargetConnector connector;

    public TrainingPlaneGrpcService(ModelRepository repo, TrialManager manager, TargetConnector connector) {
        this.repo = repo;
        this.manager = manager;
        this.connector = connector;
    }

    // ---- operations, also used by REST ------------------------------------------------------------

    public Target registerTarget(String address, boolean tls) {
        if (address == null || !address.matches("[^:\\s]+:\\d{1,5}")) {
            throw invalid("address", "'" + address + "' is not host:port");
        }
        SystemDescription d;
        try (TargetControl c = connector.connect(address, tls)) {
            d = c.describe();
        } catch (ControlInterfaceException e) {
            throw Status.FAILED_PRECONDITION.withDescription("cannot describe the target at " + address + ": "
                    + e.getMessage()).asRuntimeException();
        }
        return Messages.target(repo.registerTarget(address, tls, d));
    }

    public Study createStudy(String spec, String source, boolean start) {
        if (spec == null || spec.isBlank()) {
            throw invalid("spec", "the study specification is empty");
        }
        try {
            Map<String, Double> signature = workloadSignature(spec, source);
            StudyRecord r = manager.createStudy(spec, source, signature, start);
            return study(r);
        } catch (StudySpecException e) {
            var v = new ArrayList<Violation>();
            for (SpecError err : e.errors()) {
                v.add(new Violation(err.field().isEmpty() ? "spec" : err.field(), "study", err.toString()));
            }
            throw Statuses.invalidArgument(v);
        }
    }

    /** Numeric context features of the target right now (the study's workload signature). */
    private Map<String, Double> workloadSignature(String spec, String source) {
        var sig = new LinkedHashMap<String, Double>();
        String target = io.autosys.trialmanager.spec.StudySpecParser.parse(spec, source).spec().target();
        TargetRecord t = repo.target(target).orElse(null);
        if (t == null) {
            return sig; // createStudy reports the unknown target with its line
        }
        try (TargetControl c = connector.connect(t.address(), t.tls())) {
            c.observe().context().features().forEach((k, v) -> {
                if (v instanceof ContextValue.Number n) {
                    sig.put(k, n.value());
                }
            });
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.INFO, "no workload signature for {0}: {1}", target, e.getMessage());
        }
        return sig;
    }

    public StudyRecord resolve(StudyRef ref) {
        return switch (ref.getRefCase()) {
            case ID -> repo.study(ref.getId()).orElseThrow(() -> notFound("no study with id " + ref.getId()));
            case NAME -> repo.studyByName(ref.getName()).orElseThrow(() -> notFound("no study named '" + ref.getName()
                    + "'"));
            case REF_NOT_SET -> throw invalid("study", "name a study by id or name");
        };
    }

    public Study study(StudyRecord r) {
        StudyProgress p = manager.progress(r.id()).orElse(null);
        StudyRecord fresh = repo.study(r.id()).orElse(r);
        return Messages.study(fresh, repo.trials(r.id()), p, repo.best("study:" + r.id()).orElse(null));
    }

    public List<Study> studies(List<StudyState> states) {
        return repo.studies(states).stream().map(this::study).toList();
    }

    public Study stop(StudyRef ref, String reason) {
        StudyRecord r = resolve(ref);
        return study(manager.stop(r.id(), reason == null || reason.isBlank() ? "stopped by an operator" : reason));
    }

    public Study resume(StudyRef ref) {
        StudyRecord r = resolve(ref);
        try {
            manager.start(r.id());
        } catch (IllegalStateException e) {
            throw Status.FAILED_PRECONDITION.withDescription(e.getMessage()).asRuntimeException();
        }
        return study(r);
    }

    public List<TrialRecord> trials(StudyRef ref) {
        return repo.trials(resolve(ref).id());
    }

    public io.autosys.proto.v1.BestConfiguration best(StudyRef ref) {
        StudyRecord r = resolve(ref);
        return repo.best("study:" + r.id()).map(Messages::best).orElseThrow(() -> notFound("study '" + r.name()
                + "' has no successful trial yet"));
    }

    // ---- gRPC ------------------------------------------------------------------------------------

    @Override
    public void registerTarget(RegisterTargetRequest request, StreamObserver<Target> out) {
        unary(out, () -> registerTarget(request.getAddress(), request.getTls()));
    }

    @Override
    public void listTargets(ListTargetsRequest request, StreamObserver<ListTargetsResponse> out) {
        unary(out, () -> ListTargetsResponse.newBuilder().addAllTargets(repo.targets().stream().map(Messages::target)
                .toList()).build());
    }

    @Override
    public void createStudy(CreateStudyRequest request, StreamObserver<Study> out) {
        unary(out, () -> createStudy(request.getSpec(), request.getSource(), !request.getDoNotStart()));
    }

    @Override
    public void getStudy(StudyRef request, StreamObserver<Study> out) {
        unary(out, () -> study(resolve(request)));
    }

    @Override
    public void listStudies(ListStudiesRequest request, StreamObserver<ListStudiesResponse> out) {
        unary(out, () -> ListStudiesResponse.newBuilder().addAllStudies(studies(request.getStatesList().stream()
                .map(Messages::state).toList())).build());
    }

    @Override
    public void stopStudy(StopStudyRequest request, StreamObserver<Study> out) {
        unary(out, () -> stop(request.getStudy(), request.getReason()));
    }

    @Override
    public void resumeStudy(StudyRef request, StreamObserver<Study> out) {
        unary(out, () -> resume(request));
    }

    @Override
    public void listTrials(StudyRef request, StreamObserver<ListTrialsResponse> out) {
        unary(out, () -> ListTrialsResponse.newBuilder().addAllTrials(trials(request).stream().map(Messages::trial)
                .toList()).build());
    }

    @Override
    public void getBestConfiguration(StudyRef request, StreamObserver<io.autosys.proto.v1.BestConfiguration> out) {
        unary(out, () -> best(request));
    }

    @Override
    public void watchStudy(StudyRef request, StreamObserver<StudyEvent> rawOut) {
        ServerCallStreamObserver<StudyEvent> out = (ServerCallStreamObserver<StudyEvent>) rawOut;
        StudyRecord r;
        try {
            r = resolve(request);
        } catch (StatusRuntimeException e) {
            out.onError(e);
            return;
        }
        long id = r.id();
        Object lock = new Object();
        boolean[] closed = new boolean[1];
        StudyListener listener = new StudyListener() {
            @Override
            public void onTrial(StudyRecord study, TrialRecord trial) {
                if (study.id() == id) {
                    send(StudyEvent.newBuilder().setTrial(Messages.trial(trial)).build(), false);
                }
            }

            @Override
            public void onStudy(StudyRecord study, StudyProgress progress) {
                if (study.id() == id) {
                    Study s = Messages.study(study, repo.trials(id), progress, repo.best("study:" + id).orElse(null));
                    send(StudyEvent.newBuilder().setStudy(s).build(), study.state() != StudyState.RUNNING
                            && study.state() != StudyState.PENDING);
                }
            }

            private void send(StudyEvent e, boolean last) {
                synchronized (lock) {
                    if (closed[0] || out.isCancelled()) {
                        return;
                    }
                    out.onNext(e);
                    if (last) {
                        closed[0] = true;
                        out.onCompleted();
                        manager.removeListener(this);
                    }
                }
            }
        };
        out.setOnCancelHandler(() -> manager.removeListener(listener));
        manager.addListener(listener);
        Study now = study(r);
        synchronized (lock) {
            out.onNext(StudyEvent.newBuilder().setStudy(now).build());
            if (!manager.isRunning(id) && now.getState() != io.autosys.proto.v1.StudyState.STUDY_RUNNING) {
                closed[0] = true;
                out.onCompleted();
                manager.removeListener(listener);
            }
        }
    }

    private static <T> void unary(StreamObserver<T> out, Supplier<T> call) {
        T result;
        try {
            result = call.get();
        } catch (StatusRuntimeException e) {
            out.onError(e);
            return;
        } catch (IllegalArgumentException e) {
            out.onError(Status.INVALID_ARGUMENT.withDescription(e.getMessage()).asRuntimeException());
            return;
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.ERROR, "training plane call failed", e);
            out.onError(Status.INTERNAL.withDescription(e.getClass().getSimpleName() + ": " + e.getMessage())
                    .asRuntimeException());
            return;
        }
        out.onNext(result);
        out.onCompleted();
    }

    private static StatusRuntimeException notFound(String message) {
        return Status.NOT_FOUND.withDescription(message).asRuntimeException();
    }

    private static StatusRuntimeException invalid(String field, String message) {
        return Statuses.invalidArgument(List.of(new Violation(field, "format", message)));
    }
}
