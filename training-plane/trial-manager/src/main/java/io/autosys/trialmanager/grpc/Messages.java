package io.autosys.trialmanager.grpc;

import io.autosys.modelrepository.api.BestConfiguration;
import io.autosys.modelrepository.api.StudyRecord;
import io.autosys.modelrepository.api.StudyState;
import io.autosys.modelrepository.api.TargetRecord;
import io.autosys.modelrepository.api.TrialRecord;
import io.autosys.modelrepository.api.TrialState;
import io.autosys.proto.v1.Study;
import io.autosys.proto.v1.Target;
import io.autosys.proto.v1.Trial;
import io.autosys.sdk.proto.Protos;
import io.autosys.trialmanager.StudyProgress;
import io.autosys.trialmanager.spec.StudySpecParser;
import java.time.Instant;
import io.autosys.trialmanager.StudyRunner;
import java.util.List;

/** The repository's records as TrainingPlane messages (gRPC, REST and the CLI share them). */
public final class Messages {
    private Messages() {
    }

    static long ms(Instant i) {
        return i == null ? 0 : i.toEpochMilli();
    }

    public static Target target(TargetRecord t) {
        return Target.newBuilder().setDescription(Protos.toProto(t.description())).setAddress(t.address())
                .setTls(t.tls()).setRegisteredAtMs(ms(t.registeredAt())).build();
    }

    public static io.autosys.proto.v1.StudyState state(StudyState s) {
        return switch (s) {
            case PENDING -> io.autosys.proto.v1.StudyState.STUDY_PENDING;
            case RUNNING -> io.autosys.proto.v1.StudyState.STUDY_RUNNING;
            case STOPPED -> io.autosys.proto.v1.StudyState.STUDY_STOPPED;
            case COMPLETED -> io.autosys.proto.v1.StudyState.STUDY_COMPLETED;
            case FAILED -> io.autosys.proto.v1.StudyState.STUDY_FAILED;
        };
    }

    public static StudyState state(io.autosys.proto.v1.StudyState s) {
        return switch (s) {
            case STUDY_PENDING -> StudyState.PENDING;
            case STUDY_RUNNING -> StudyState.RUNNING;
            case STUDY_STOPPED -> StudyState.STOPPED;
            case STUDY_COMPLETED -> StudyState.COMPLETED;
            case STUDY_FAILED -> StudyState.FAILED;
            default -> throw new IllegalArgumentException("study state " + s + " is not a state");
        };
    }

    public static io.autosys.proto.v1.TrialState state(TrialState s) {
        return io.autosys.proto.v1.TrialState.valueOf("TRIAL_" + s.name());
    }

    /** A study with its counts; {@code progress} (live, when it runs here) and {@code best} may be null. */
    public static Study study(StudyRecord s, List<TrialRecord> trials, StudyProgress progress,
            BestConfiguration best) {
        int budget = StudySpecParser.parse(s.specJson(), "study " + s.name()).spec().budget().trials();
        var b = Study.newBuilder().setId(s.id()).setName(s.name()).setTarget(s.systemId())
                .setServiceKind(s.serviceKind()).setState(state(s.state())).setStateReason(s.stateReason())
                .setSpecJson(s.specJson()).setCreatedAtMs(ms(s.createdAt())).setUpdatedAtMs(ms(s.updatedAt()))
                .setTrialsBudget(budget);
        var counts = new java.util.TreeMap<String, Long>();
        int done = 0;
        int running = 0;
        for (TrialRecord t : trials) {
            counts.merge(t.state().name(), 1L, Long::sum);
            done += StudyRunner.countsAgainstBudget(t) ? 1 : 0;
            running += t.state() == TrialState.RUNNING ? 1 : 0;
        }
        b.putAllTrialCounts(counts);
        if (progress != null) {
            b.setTrialsDone(progress.done()).setTrialsRunning(progress.running());
        } else {
            b.setTrialsDone(done).setTrialsRunning(running);
        }
        if (best != null) {
            b.setBest(best(best));
        }
        return b.build();
    }

    public static io.autosys.proto.v1.BestConfiguration best(BestConfiguration best) {
        return io.autosys.proto.v1.BestConfiguration.newBuilder().setStudyId(best.studyId())
                .setTrialNumber(best.trialNumber()).setConfiguration(Protos.toProto(best.configuration()))
                .setObjective(best.objective()).setMetrics(Protos.toProto(best.metrics()))
                .setUpdatedAtMs(ms(best.updatedAt())).build();
    }

    public static Trial trial(TrialRecord t) {
        var b = Trial.newBuilder().setStudyId(t.studyId()).setNumber(t.number())
                .setConfiguration(Protos.toProto(t.configuration())).setFidelity(t.fidelity()).setState(state(t.state()))
                .setMetrics(Protos.toProto(t.metrics())).setReason(t.reason()).setAttempts(t.attempts())
                .setCreatedAtMs(ms(t.createdAt())).setStartedAtMs(ms(t.startedAt()))
                .setFinishedAtMs(ms(t.finishedAt())).putAllMetadata(t.metadata());
        if (t.state() == TrialState.SUCCEEDED) {
            b.setObjective(t.objective());
        }
        return b.build();
    }
}
