package io.autosys.trainingplane;

import static org.assertj.core.api.Assertions.assertThat;

import io.autosys.candidategenerator.api.CompletedTrial;
import io.autosys.modelrepository.api.ModelVersion;
import io.autosys.modelrepository.api.StudyRecord;
import io.autosys.modelrepository.api.StudyState;
import io.autosys.modelrepository.api.TrialRecord;
import io.autosys.modelrepository.api.TrialState;
import io.autosys.modeltrainer.ModelTrainer;
import io.autosys.modeltrainer.SimilarStudyWarmStarter;
import io.autosys.proto.v1.StudyRef;
import io.autosys.proto.v1.TrainingPlaneGrpc;
import io.autosys.sdk.client.BearerToken;
import io.autosys.sdk.server.ControlInterfaceServer;
import io.autosys.targets.synthetic.Branin;
import io.autosys.targets.synthetic.SyntheticTarget;
import io.autosys.trialmanager.spec.ResolvedStudy;
import io.autosys.trialmanager.spec.StudySpecParser;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The assembled training plane: API behind the token, model versions, warm start. */
class NodeTest {
    @TempDir
    Path dir;

    private static String study(String name, int trials, boolean warm) {
        return """
                name: %s
                target: branin-1
                objective: {metric: value}
                designer: sobol
                budget: {trials: %d, parallelism: 2, trial_deadline: 10s}
                warm_start: %s
                seed: 5
                """.formatted(name, trials, warm);
    }

    @Test
    void studiesProduceModelVersionsAndWarmStartTheNextStudyOfTheKind() throws Exception {
        try (var node = TrainingPlaneNode.open(NodeConfig.embedded(dir, null), null).serve();
                var target = ControlInterfaceServer.builder(new SyntheticTarget(SyntheticTarget.Settings.of(new Branin())
                        .withIds("branin-1", "branin-1"))).port(0).start()) {
            node.api().registerTarget("127.0.0.1:" + target.port(), false);
            var manager = node.trialManager();
            StudyRecord first = manager.createStudy(study("first", 16, false), "a.yaml", Map.of("load", 100.0), true);
            StudyRecord done = manager.completion(first.id()).get(60, TimeUnit.SECONDS);
            assertThat(done.state()).isEqualTo(StudyState.COMPLETED);
            node.trainer().drain();
            ModelVersion model = node.repository().latestModel(first.id(), ModelTrainer.MODEL_TYPE).orElseThrow();
            assertThat(model.serviceKind()).isEqualTo("synthetic.branin");
            assertThat(model.workloadSignature()).containsEntry("load", 100.0);
            assertThat(model.quality().get("trials")).isEqualTo(16.0);
            // The recommendation is one of the study's configurations, and a good one.
            List<TrialRecord> trials = node.repository().trials(first.id());
            var recommended = ModelTrainer.recommended(model);
            var rec = trials.stream().filter(t -> t.configuration().equals(recommended)).findFirst().orElseThrow();
            long better = trials.stream().filter(t -> t.objective() < rec.objective()).count();
            assertThat(better).isLessThanOrEqualTo(3);

            // A second study with a similar signature is seeded from the first one.
            StudyRecord second = manager.createStudy(study("second", 4, true), "b.yaml", Map.of("load", 105.0), false);
            var starter = new SimilarStudyWarmStarter(node.repository(), 200, 0.5);
            assertThat(starter.mostSimilar(second)).map(StudyRecord::id).contains(first.id());
            ResolvedStudy resolved = ResolvedStudy.resolve(StudySpecParser.parse(second.specJson(), "b"),
                    node.repository().target("branin-1").orElseThrow().description(), n -> true, "b");
            List<CompletedTrial> priors = starter.priorTrials(second, resolved);
            assertThat(priors).hasSize(16).allMatch(c -> c.id() < 0).allMatch(CompletedTrial::isFeasible);
            // ...but not from a study whose workload was very different.
            StudyRecord far = manager.createStudy(study("far", 4, true), "c.yaml", Map.of("load", 5000.0), false);
            assertThat(starter.mostSimilar(far)).isEmpty();
            manager.start(second.id());
            assertThat(manager.completion(second.id()).get(60, TimeUnit.SECONDS).state())
                    .isEqualTo(StudyState.COMPLETED);
            assertThat(node.repository().trials(second.id())).hasSize(4)
                    .allMatch(t -> t.state() == TrialState.SUCCEEDED);
        }
    }

    @Test
    void theApiNeedsTheToken() throws Exception {
        try (var node = TrainingPlaneNode.open(NodeConfig.embedded(dir, null), null).serve()) {
            var channel = NettyChannelBuilder.forAddress("127.0.0.1", node.port()).usePlaintext().build();
            try {
                var stub = TrainingPlaneGrpc.newBlockingStub(channel).withDeadlineAfter(5, TimeUnit.SECONDS);
                var ref = StudyRef.newBuilder().setName("none").build();
                org.assertj.core.api.Assertions.assertThatThrownBy(() -> stub.getStudy(ref))
                        .isInstanceOf(StatusRuntimeException.class).hasMessageContaining("UNAUTHENTICATED");
                org.assertj.core.api.Assertions.assertThatThrownBy(() -> stub.withCallCredentials(
                        new BearerToken("wrong-token-0123456789")).getStudy(ref)).hasMessageContaining("UNAUTHENTICATED");
                org.assertj.core.api.Assertions.assertThatThrownBy(() -> stub.withCallCredentials(
                        new BearerToken(node.token())).getStudy(ref)).hasMessageContaining("NOT_FOUND");
                assertThat(java.nio.file.Files.getPosixFilePermissions(dir.resolve("token"))).containsExactlyInAnyOrder(
                        java.nio.file.attribute.PosixFilePermission.OWNER_READ,
                        java.nio.file.attribute.PosixFilePermission.OWNER_WRITE);
            } finally {
                channel.shutdownNow();
            }
        }
    }
}
