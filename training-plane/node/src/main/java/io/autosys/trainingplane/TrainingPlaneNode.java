package io.autosys.trainingplane;

import io.autosys.modelrepository.api.ModelRepository;
import io.autosys.modelrepository.api.StudyRecord;
import io.autosys.modelrepository.api.TrialRecord;
import io.autosys.modelrepository.jdbc.JdbcModelRepository;
import io.autosys.modeltrainer.ModelTrainer;
import io.autosys.modeltrainer.SimilarStudyWarmStarter;
import io.autosys.ruleengine.DroolsRuleEngine;
import io.autosys.ruleengine.api.ActuationGate;
import io.autosys.ruleengine.api.ReloadReport;
import io.autosys.sdk.api.TargetControl;
import io.autosys.sdk.client.ControlInterfaceClient;
import io.autosys.sdk.server.TokenAuthInterceptor;
import io.autosys.trialmanager.PersistentKnownBadStore;
import io.autosys.trialmanager.StudyListener;
import io.autosys.trialmanager.StudyProgress;
import io.autosys.trialmanager.TargetConnector;
import io.autosys.trialmanager.TrialManager;
import io.autosys.trialmanager.grpc.TrainingPlaneGrpcService;
import io.grpc.InsecureServerCredentials;
import io.grpc.Server;
import io.grpc.ServerCredentials;
import io.grpc.ServerInterceptors;
import io.grpc.TlsServerCredentials;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.protobuf.services.HealthStatusManager;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The training plane assembled from its parts — repository, rule engine with the persistent
 * known-bad set, trial manager reaching targets only through the gate, model trainer, warm start —
 * and, when asked, serving the TrainingPlane gRPC API behind the operator token. Framework-free:
 * the standalone launcher runs it as is; the Quarkus service builds the same parts with its own
 * datasource and gRPC server.
 */
public final class TrainingPlaneNode implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(TrainingPlaneNode.class.getName());

    private final NodeConfig config;
    private final ModelRepository repository;
    private final PersistentKnownBadStore knownBad;
    private final DroolsRuleEngine rules;
    private final TrialManager trialManager;
    private final ModelTrainer trainer;
    private final TrainingPlaneGrpcService api;
    private final TargetConnector connector;
    private final String token;
    private final MeterRegistry meters;
    private Server server;
    private HealthStatusManager health;

    private TrainingPlaneNode(NodeConfig config, ModelRepository repository, MeterRegistry meters) {
        this.config = config;
        this.repository = repository;
        this.meters = meters;
        this.token = config.token() != null ? config.token() : tokenIn(config.dataDir());
        this.knownBad = new PersistentKnownBadStore(repository);
        var rb = DroolsRuleEngine.builder().knownBad(knownBad).meterRegistry(meters)
                .onReload(TrainingPlaneNode::logReload);
        if (config.rulesDir() != null) {
            rb.rulesDirectory(config.rulesDir()).watch(Duration.ofMillis(300));
        }
        this.rules = rb.build();
        this.connector = this::connect;
        this.trialManager = new TrialManager(repository, target -> new ActuationGate(connect(target.address(),
                target.tls()), rules, target.description(), true), TrialManager.DesignerCatalog.registry(), knownBad,
                new SimilarStudyWarmStarter(repository, 200, 0.5), Clock.systemUTC(), config.threads());
        this.trainer = new ModelTrainer(repository);
        trialManager.addListener(trainer);
        trialManager.addListener(new Metrics(meters));
        Gauge.builder("autosys.studies.running", trialManager, TrialManager::runningStudies)
                .description("studies being scheduled").register(meters);
        Gauge.builder("autosys.study.queue.depth", trialManager, TrialManager::queueDepth)
                .description("events waiting in the study actors").register(meters);
        this.api = new TrainingPlaneGrpcService(repository, trialManager, connector);
    }

    /** Assembles a node over its configured store (H2 file by default); see {@link #resumeRunning()}. */
    public static TrainingPlaneNode open(NodeConfig config, MeterRegistry meters) {
        ModelRepository repo = config.jdbcUrl() == null ? JdbcModelRepository.h2File(config.dataDir())
                : JdbcModelRepository.connect(config.jdbcUrl(), config.jdbcUser(), config.jdbcPassword());
        return open(config, repo, meters);
    }

    /**
     * Assembles a node over a repository the caller made (the Quarkus service's datasource).
     * Running studies are not resumed yet: register (or refresh) targets first, then call
     * {@link #resumeRunning()}, so resumed studies reach their targets at their current addresses.
     */
    public static TrainingPlaneNode open(NodeConfig config, ModelRepository repository, MeterRegistry meters) {
        return new TrainingPlaneNode(config, repository, meters == null ? new SimpleMeterRegistry() : meters);
    }

    /** Resumes every study the store says was running when the previous process ended. */
    public List<StudyRecord> resumeRunning() {
        var resumed = trialManager.resumeRunning();
        if (!resumed.isEmpty()) {
            LOG.log(System.Logger.Level.INFO, "resumed {0} running studies: {1}", resumed.size(),
                    resumed.stream().map(StudyRecord::name).toList());
        }
        return resumed;
    }

    /** Serves the TrainingPlane gRPC API (and gRPC health) on the configured address and port. */
    public TrainingPlaneNode serve() {
        ServerCredentials creds = InsecureServerCredentials.create();
        if (config.tlsCert() != null) {
            try {
                creds = TlsServerCredentials.create(config.tlsCert().toFile(), config.tlsKey().toFile());
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the API's TLS certificate or key", e);
            }
        }
        health = new HealthStatusManager();
        server = NettyServerBuilder.forAddress(new InetSocketAddress(config.bindAddress(), config.grpcPort()), creds)
                .addService(ServerInterceptors.intercept(api, TokenAuthInterceptor.of(token)))
                .addService(health.getHealthService())
                .build();
        try {
            server.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on " + config.bindAddress().getHostAddress() + ":"
                    + config.grpcPort() + ": " + e.getMessage(), e);
        }
        health.setStatus("", io.grpc.health.v1.HealthCheckResponse.ServingStatus.SERVING);
        health.setStatus("autosys.v1.TrainingPlane", io.grpc.health.v1.HealthCheckResponse.ServingStatus.SERVING);
        LOG.log(System.Logger.Level.INFO, "training plane API on {0}:{1} ({2})", config.bindAddress().getHostAddress(),
                String.valueOf(server.getPort()), config.tlsCert() == null ? "plaintext" : "TLS");
        return this;
    }

    /** The API's port once served. */
    public int port() {
        if (server == null) {
            throw new IllegalStateException("the node is not serving; call serve()");
        }
        return server.getPort();
    }

    public String token() {
        return token;
    }

    public ModelRepository repository() {
        return repository;
    }

    public DroolsRuleEngine rules() {
        return rules;
    }

    public TrialManager trialManager() {
        return trialManager;
    }

    public ModelTrainer trainer() {
        return trainer;
    }

    public TrainingPlaneGrpcService api() {
        return api;
    }

    public TargetConnector connector() {
        return connector;
    }

    public MeterRegistry meters() {
        return meters;
    }

    /** A rule-checked way to a registered target (for callers outside the trial manager, e.g. re-measuring). */
    public ActuationGate gate(String systemId) {
        var t = repository.target(systemId).orElseThrow(() -> new IllegalArgumentException("no registered target '"
                + systemId + "'"));
        return new ActuationGate(connect(t.address(), t.tls()), rules, t.description(), true);
    }

    private TargetControl connect(String address, boolean tls) {
        int colon = address.lastIndexOf(':');
        if (colon < 1) {
            throw new IllegalArgumentException("target address '" + address + "' is not host:port");
        }
        var b = ControlInterfaceClient.builder(address.substring(0, colon), Integer.parseInt(address.substring(colon
                + 1))).callTimeout(Duration.ofSeconds(30));
        if (tls) {
            if (config.targetCa() == null) {
                throw new IllegalStateException("target " + address + " uses TLS but no target CA is configured");
            }
            b.tls(config.targetCa());
        }
        return b.build();
    }

    /** The operator token kept in {@code dataDir/token} (created, readable by the owner only, on first use). */
    static String tokenIn(Path dataDir) {
        Path file = dataDir.resolve("token");
        try {
            if (Files.exists(file)) {
                return Files.readString(file).trim();
            }
            Files.createDirectories(dataDir);
            byte[] b = new byte[24];
            new SecureRandom().nextBytes(b);
            String t = HexFormat.of().formatHex(b);
            Files.writeString(file, t + "\n");
            try {
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException e) {
                // not a POSIX file system
            }
            return t;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create the operator token in " + file, e);
        }
    }

    private static void logReload(ReloadReport r) {
        LOG.log(System.Logger.Level.INFO, "rules: {0}", r);
    }

    @Override
    public void close() {
        if (health != null) {
            health.enterTerminalState();
        }
        if (server != null) {
            server.shutdown();
            try {
                if (!server.awaitTermination(5, TimeUnit.SECONDS)) {
                    server.shutdownNow();
                }
            } catch (InterruptedException e) {
                server.shutdownNow();
                Thread.currentThread().interrupt();
            }
        }
        trialManager.close();
        trainer.close();
        rules.close();
        repository.close();
    }

    /** Micrometer meters for studies and trials (the rule engine has its own). */
    private static final class Metrics implements StudyListener {
        private final MeterRegistry registry;
        private final Map<String, Counter> byState = new ConcurrentHashMap<>();

        Metrics(MeterRegistry registry) {
            this.registry = registry;
        }

        @Override
        public void onTrial(StudyRecord study, TrialRecord trial) {
            if (trial.state().isTerminal()) {
                byState.computeIfAbsent(trial.state().name(), s -> Counter.builder("autosys.trials.ended")
                        .tag("state", s).description("trials that ended, by final state").register(registry))
                        .increment();
            }
        }

        @Override
        public void onStudy(StudyRecord study, StudyProgress progress) {
            // Study gauges are registered once by the node; nothing per event.
        }
    }
}
