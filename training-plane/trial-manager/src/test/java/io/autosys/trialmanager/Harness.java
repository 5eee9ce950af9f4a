package io.autosys.trialmanager;

import io.autosys.modelrepository.api.ModelRepository;
import io.autosys.modelrepository.api.StudyRecord;
import io.autosys.modelrepository.jdbc.JdbcModelRepository;
import io.autosys.ruleengine.DroolsRuleEngine;
import io.autosys.ruleengine.api.ActuationGate;
import io.autosys.sdk.api.ControlledSystem;
import io.autosys.sdk.client.ControlInterfaceClient;
import io.autosys.sdk.server.ControlInterfaceServer;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The training plane's real parts for a test: an H2 repository in a directory, the Drools rule
 * engine (with operator rules when given), real targets over loopback gRPC, and a trial manager
 * that reaches them only through the gate.
 */
final class Harness implements AutoCloseable {
    final Path dir;
    final ModelRepository repo;
    final DroolsRuleEngine rules;
    final PersistentKnownBadStore knownBad;
    TrialManager manager;
    private final List<AutoCloseable> closeables = new ArrayList<>();

    Harness(Path dir, Map<String, String> drl) {
        this.dir = dir;
        this.repo = JdbcModelRepository.h2File(dir.resolve("store"));
        this.knownBad = new PersistentKnownBadStore(repo);
        var b = DroolsRuleEngine.builder().knownBad(knownBad);
        drl.forEach(b::drl);
        this.rules = b.build();
        this.manager = newManager();
    }

    TrialManager newManager() {
        return new TrialManager(repo, target -> new ActuationGate(client(target.address()), rules,
                target.description(), true),
                TrialManager.DesignerCatalog.registry(), knownBad, WarmStarter.NONE, Clock.systemUTC(), 4);
    }

    /** Simulates a process restart: a new trial manager over the same store. */
    void restartManager() {
        manager.close();
        manager = newManager();
    }

    static ControlInterfaceClient client(String address) {
        String[] hp = address.split(":");
        return ControlInterfaceClient.builder(hp[0], Integer.parseInt(hp[1])).callTimeout(Duration.ofSeconds(5))
                .retries(2, Duration.ofMillis(20), Duration.ofMillis(50)).build();
    }

    /** Serves a system on loopback and registers it. */
    ControlInterfaceServer serve(ControlledSystem system) {
        var server = ControlInterfaceServer.builder(system).gracePeriod(Duration.ofMillis(100)).start();
        closeables.add(server);
        repo.registerTarget("127.0.0.1:" + server.port(), false, system.describe());
        return server;
    }

    StudyRecord run(String yaml) throws Exception {
        StudyRecord s = manager.createStudy(yaml, "test.yaml", Map.of(), true);
        return manager.completion(s.id()).get(120, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws Exception {
        manager.close();
        for (int i = closeables.size() - 1; i >= 0; i--) {
            closeables.get(i).close();
        }
        rules.close();
        repo.close();
    }
}
