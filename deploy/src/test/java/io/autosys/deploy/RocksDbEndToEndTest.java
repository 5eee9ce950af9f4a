package io.autosys.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.autosys.modelrepository.api.StudyRecord;
import io.autosys.modelrepository.api.StudyState;
import io.autosys.modelrepository.api.TrialRecord;
import io.autosys.ruleengine.api.Proposal;
import io.autosys.sdk.api.ApplyResult;
import io.autosys.sdk.api.Configuration;
import io.autosys.sdk.api.ControlledSystem;
import io.autosys.sdk.api.Metrics;
import io.autosys.sdk.api.Observation;
import io.autosys.sdk.api.SystemDescription;
import io.autosys.sdk.api.TrialBudget;
import io.autosys.sdk.api.TrialContext;
import io.autosys.sdk.api.TrialRequest;
import io.autosys.sdk.server.ControlInterfaceServer;
import io.autosys.targets.rocksdb.RocksDbTarget;
import io.autosys.targets.rocksdb.Workload;
import io.autosys.trainingplane.NodeConfig;
import io.autosys.trainingplane.TrainingPlaneNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A study on the real RocksDB target over loopback gRPC with the example operator rules
 * (deploy/rules): it completes, every trial is stored, nothing the rules reject reaches the
 * target, and the best configuration beats RocksDB's defaults when both are measured again.
 */
class RocksDbEndToEndTest {
    @TempDir
    Path dir;

    @Test
    void aStudyBeatsTheDefaultsAndNoRejectedConfigurationReachesTheTarget() throws Exception {
        var seen = new CopyOnWriteArrayList<Configuration>();
        var settings = RocksDbTarget.Settings.of(dir.resolve("live")).withTrialRoot(dir.resolve("trials"))
                .withWorkload(new Workload(300_000, 256, 0.5));
        try (var rocks = new RocksDbTarget(settings);
                var server = ControlInterfaceServer.builder(new Recording(rocks, seen)).port(0).start();
                var node = TrainingPlaneNode.open(NodeConfig.embedded(dir.resolve("data"), Path.of("rules")
                        .toAbsolutePath()), null)) {
            assertThat(node.rules().lastReload().toString()).contains("rocksdb-checks.drl");
            node.api().registerTarget("127.0.0.1:" + server.port(), false);
            StudyRecord s = node.trialManager().createStudy("""
                    name: e2e
                    target: rocksdb
                    objective: {metric: throughput}
                    parameters:
                      write_buffer_size: {}
                      max_write_buffer_number: {}
                      max_background_jobs: {}
                      compression_type: {}
                      block_cache_size: {}
                      bloom_bits_per_key: {}
                      block_size: {}
                    designer: gp-bo
                    budget: {trials: 12, trial_deadline: 60s, trial: {duration_ms: 1500}}
                    seed: 2
                    """, "e2e.yaml", Map.of(), true);
            StudyRecord done = node.trialManager().completion(s.id()).get(10, TimeUnit.MINUTES);
            assertThat(done.state()).as(done.stateReason()).isEqualTo(StudyState.COMPLETED);

            List<TrialRecord> trials = node.repository().trials(s.id());
            long ran = trials.stream().filter(t -> !t.reason().startsWith("rejected by rules")).count();
            assertThat(ran).isEqualTo(12);
            assertThat(trials).allMatch(t -> t.state().isTerminal());
            // Everything that reached the target is accepted by the current rules, and the rules did reject some.
            SystemDescription d = rocks.describe();
            assertThat(seen).hasSize(12);
            for (Configuration c : seen) {
                assertThat(node.rules().check(Proposal.of(c, d)).accepted()).as(c.toString()).isTrue();
            }
            // Re-measured side by side, the best beats the defaults.
            var best = node.repository().best("study:" + s.id()).orElseThrow().configuration();
            var r = SideBySide.measure(node.gate("rocksdb"), d.space().defaults(), best, TrialBudget.ofDuration(1500),
                    Duration.ofSeconds(60), d.metric("throughput").orElseThrow(), 3);
            assertThat(r.candidateMedian()).as("best %s vs defaults %s; trials %s", r.candidate(), r.baseline(),
                    trials.stream().map(t -> t.number() + ":" + t.objective() + " " + t.configuration()).toList())
                    .isGreaterThan(r.baselineMedian());
        }
    }

    /** Records every configuration a trial runs with. */
    private record Recording(ControlledSystem inner, List<Configuration> seen) implements ControlledSystem {
        @Override
        public SystemDescription describe() {
            return inner.describe();
        }

        @Override
        public Configuration currentConfiguration() {
            return inner.currentConfiguration();
        }

        @Override
        public ApplyResult apply(Configuration c) throws Exception {
            seen.add(c);
            return inner.apply(c);
        }

        @Override
        public Metrics runTrial(TrialRequest request, TrialContext context) throws Exception {
            if (!request.trialId().startsWith("side-by-side")) {
                seen.add(request.configuration());
            }
            return inner.runTrial(request, context);
        }

        @Override
        public Observation observe() {
            return inner.observe();
        }
    }
}
