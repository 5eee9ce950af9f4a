package io.autosys.deploy;

import io.autosys.trainingplane.NodeConfig;
import io.autosys.trainingplane.TrainingPlaneNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Serves the training plane (and optionally embedded targets) until stopped; the CLI talks to it. */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = "Serve the training plane API on loopback until stopped (Ctrl-C); resumes running studies.")
final class ServeCommand implements Callable<Integer> {
    @Option(names = "--port", defaultValue = "7700", description = "the API's port (0: a free one)")
    int port;

    @Option(names = "--data-dir", description = "default: $AUTOSYS_DATA or ~/.local/share/autosys")
    Path dataDir;

    @Option(names = "--rules-dir", description = "operator DRL rules (default: deploy/rules when present)")
    Path rulesDir;

    @Option(names = "--jdbc-url", description = "a PostgreSQL JDBC URL instead of the embedded H2 file")
    String jdbcUrl;

    @Option(names = "--jdbc-user", defaultValue = "postgres")
    String jdbcUser;

    @Option(names = "--jdbc-password", defaultValue = "", description = "or $AUTOSYS_JDBC_PASSWORD")
    String jdbcPassword;

    @Option(names = "--with-target", description = "also start and register a target: rocksdb or synthetic:<function>")
    List<String> targets = new ArrayList<>();

    @Option(names = "--synthetic-trial-ms", defaultValue = "0", description = "how long a synthetic target's trial takes")
    long syntheticTrialMs;

    @Override
    public Integer call() throws Exception {
        Path data = dataDir != null ? dataDir : Standalone.defaultDataDir();
        Path rules = rulesDir != null ? rulesDir : Standalone.defaultRulesDir();
        NodeConfig config = NodeConfig.embedded(data, rules).withGrpcPort(port);
        if (jdbcUrl != null) {
            String pw = System.getenv("AUTOSYS_JDBC_PASSWORD");
            config = config.withDatabase(jdbcUrl, jdbcUser, pw != null ? pw : jdbcPassword);
        }
        var served = new ArrayList<EmbeddedTargets.Served>();
        var node = TrainingPlaneNode.open(config, null);
        for (String t : targets) {
            var s = EmbeddedTargets.start(t, data, EmbeddedTargets.ROCKSDB_WORKLOAD,
                    java.time.Duration.ofMillis(syntheticTrialMs));
            served.add(s);
            node.api().registerTarget(s.address(), false);
            System.out.println("target " + s.system().describe().systemId() + " on " + s.address());
        }
        node.resumeRunning();
        node.serve();
        // Written last: whoever waits for this file can call the API at once.
        Path endpoint = data.resolve("endpoint");
        Path tmp = data.resolve("endpoint.tmp");
        Files.writeString(tmp, "127.0.0.1:" + node.port() + "\n");
        Files.move(tmp, endpoint, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        System.out.println("training plane on 127.0.0.1:" + node.port() + "; token in " + data.resolve("token"));
        var stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            node.close();
            for (var s : served) {
                try {
                    s.close();
                } catch (Exception e) {
                    // shutting down
                }
            }
            stopped.countDown();
        }));
        stopped.await();
        return 0;
    }
}
