package io.autosys.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.autosys.proto.v1.CreateStudyRequest;
import io.autosys.proto.v1.ListTrialsResponse;
import io.autosys.proto.v1.Study;
import io.autosys.proto.v1.StudyRef;
import io.autosys.proto.v1.StudyState;
import io.autosys.proto.v1.TrainingPlaneGrpc;
import io.autosys.proto.v1.Trial;
import io.autosys.proto.v1.TrialState;
import io.autosys.sdk.client.BearerToken;
import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The training plane's process is killed with SIGKILL three times during a study and started
 * again each time: the study ends with exactly its budget of trials, none lost, none twice.
 */
class CrashRecoveryTest {
    private static final int BUDGET = 36;

    @TempDir
    Path dir;

    @Test
    void aStudySurvivesThreeKillsWithExactlyItsBudget() throws Exception {
        Path rules = Files.createDirectories(dir.resolve("rules"));
        Process p = startServer(rules);
        var completedBeforeKills = new HashMap<Long, Trial>();
        long studyId;
        try {
            Study created = stub().createStudy(CreateStudyRequest.newBuilder().setSource("crash.yaml")
                    .setSpec("""
                            name: survives-kills
                            target: synthetic-branin
                            objective: {metric: value}
                            designer: sobol
                            budget: {trials: %d, parallelism: 2, trial_deadline: 20s}
                            seed: 11
                            """.formatted(BUDGET)).build());
            studyId = created.getId();
            for (int kill = 1; kill <= 3; kill++) {
                int target = kill * BUDGET / 4;
                long id = studyId;
                waitFor(() -> ended(trials(id)) >= target, 120);
                for (Trial t : trials(studyId)) {
                    if (isEnded(t)) {
                        completedBeforeKills.putIfAbsent(t.getNumber(), t);
                    }
                }
                p.destroyForcibly(); // SIGKILL: no shutdown hook runs
                assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
                closeChannel();
                p = startServer(rules);
            }
            long id = studyId;
            waitFor(() -> {
                Study s = stub().getStudy(StudyRef.newBuilder().setId(id).build());
                return s.getState() != StudyState.STUDY_RUNNING;
            }, 180);
            Study done = stub().getStudy(StudyRef.newBuilder().setId(studyId).build());
            assertThat(done.getState()).as(done.getStateReason()).isEqualTo(StudyState.STUDY_COMPLETED);
            List<Trial> trials = trials(studyId);
            // Exactly the budget counted; every trial ended; numbers unique (the store's key).
            assertThat(trials.stream().filter(t -> t.getState() == TrialState.TRIAL_SUCCEEDED).count())
                    .isEqualTo(BUDGET);
            assertThat(trials).allMatch(CrashRecoveryTest::isEnded);
            assertThat(trials.stream().map(Trial::getNumber).distinct().count()).isEqualTo(trials.size());
            // Nothing recorded before a kill was lost or changed.
            Map<Long, Trial> after = new HashMap<>();
            trials.forEach(t -> after.put(t.getNumber(), t));
            completedBeforeKills.forEach((n, before) -> {
                assertThat(after).containsKey(n);
                assertThat(after.get(n).getState()).isEqualTo(before.getState());
                assertThat(after.get(n).getObjective()).isEqualTo(before.getObjective());
            });
            assertThat(completedBeforeKills.size()).isGreaterThanOrEqualTo(3 * BUDGET / 4);
        } finally {
            p.destroyForcibly();
            p.waitFor(30, TimeUnit.SECONDS);
            closeChannel();
        }
    }

    private ManagedChannel channel;

    private TrainingPlaneGrpc.TrainingPlaneBlockingStub stub() {
        try {
            if (channel == null) {
                String endpoint = Files.readString(dir.resolve("data").resolve("endpoint")).trim();
                String[] hp = endpoint.split(":");
                channel = NettyChannelBuilder.forAddress(hp[0], Integer.parseInt(hp[1])).usePlaintext().build();
            }
            String token = Files.readString(dir.resolve("data").resolve("token")).trim();
            return TrainingPlaneGrpc.newBlockingStub(channel).withCallCredentials(new BearerToken(token))
                    .withDeadlineAfter(20, TimeUnit.SECONDS);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private void closeChannel() {
        if (channel != null) {
            channel.shutdownNow();
            channel = null;
        }
    }

    private List<Trial> trials(long studyId) {
        ListTrialsResponse r = stub().listTrials(StudyRef.newBuilder().setId(studyId).build());
        return new ArrayList<>(r.getTrialsList());
    }

    private static boolean isEnded(Trial t) {
        return t.getState() != TrialState.TRIAL_PENDING && t.getState() != TrialState.TRIAL_RUNNING;
    }

    private static long ended(List<Trial> trials) {
        return trials.stream().filter(t -> t.getState() == TrialState.TRIAL_SUCCEEDED).count();
    }

    private Process startServer(Path rules) throws Exception {
        Path data = dir.resolve("data");
        Files.createDirectories(data);
        Files.deleteIfExists(data.resolve("endpoint"));
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        var pb = new ProcessBuilder(java, "-Xmx384m", "-cp", System.getProperty("java.class.path"),
                Standalone.class.getName(), "serve", "--port", "0", "--data-dir", data.toString(), "--rules-dir",
                rules.toString(), "--with-target", "synthetic:branin", "--synthetic-trial-ms", "120");
        pb.environment().put("AUTOSYS_DATA", data.toString());
        pb.redirectErrorStream(true).redirectOutput(dir.resolve("server.log").toFile());
        Process p = pb.start();
        waitFor(() -> Files.exists(data.resolve("endpoint")) || !p.isAlive(), 60);
        if (!p.isAlive()) {
            throw new AssertionError("the server died: " + Files.readString(dir.resolve("server.log")));
        }
        return p;
    }

    private static void waitFor(java.util.concurrent.Callable<Boolean> condition, int seconds) throws Exception {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (true) {
            try {
                if (condition.call()) {
                    return;
                }
            } catch (io.grpc.StatusRuntimeException e) {
                // the server is starting; try again
            }
            if (System.nanoTime() > end) {
                throw new AssertionError("condition not reached within " + seconds + " s");
            }
            Thread.sleep(50);
        }
    }
}
