package io.autosys.trainingplane;

import java.net.InetAddress;
import java.nio.file.Path;
import java.util.Objects;

/**
 * How a training-plane node is set up. The defaults are the one-machine column of
 * ARCHITECTURE.md: an H2 file in the data directory, loopback only, a token required.
 *
 * @param dataDir         where the embedded store (and the generated token) live
 * @param jdbcUrl         a JDBC URL (PostgreSQL in production); null for the H2 file in dataDir
 * @param jdbcUser        user for jdbcUrl
 * @param jdbcPassword    password for jdbcUrl
 * @param rulesDir        the operators' DRL directory (watched); null for built-in rules only
 * @param bindAddress     where the TrainingPlane gRPC API listens (loopback by default)
 * @param grpcPort        its port; 0 picks a free one
 * @param token           the operator token; null to generate one into dataDir/token
 * @param tlsCert         PEM certificate chain for TLS on the API, or null
 * @param tlsKey          PKCS#8 PEM key for tlsCert, or null
 * @param targetCa        PEM CA that targets' TLS certificates chain to (for targets registered with tls), or null
 * @param threads         study scheduling threads
 */
public record NodeConfig(Path dataDir, String jdbcUrl, String jdbcUser, String jdbcPassword, Path rulesDir,
        InetAddress bindAddress, int grpcPort, String token, Path tlsCert, Path tlsKey, Path targetCa, int threads) {

    public NodeConfig {
        Objects.requireNonNull(dataDir, "dataDir");
        bindAddress = bindAddress == null ? InetAddress.getLoopbackAddress() : bindAddress;
        if (grpcPort < 0 || grpcPort > 65535) {
            throw new IllegalArgumentException("grpc port must be in 0..65535, got " + grpcPort);
        }
        if ((tlsCert == null) != (tlsKey == null)) {
            throw new IllegalArgumentException("TLS needs both a certificate and a key");
        }
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1, got " + threads);
        }
    }

    /** The embedded defaults in {@code dataDir}. */
    public static NodeConfig embedded(Path dataDir, Path rulesDir) {
        return new NodeConfig(dataDir, null, null, null, rulesDir, null, 0, null, null, null, null, 4);
    }

    public NodeConfig withGrpcPort(int port) {
        return new NodeConfig(dataDir, jdbcUrl, jdbcUser, jdbcPassword, rulesDir, bindAddress, port, token, tlsCert,
                tlsKey, targetCa, threads);
    }

    public NodeConfig withToken(String newToken) {
        return new NodeConfig(dataDir, jdbcUrl, jdbcUser, jdbcPassword, rulesDir, bindAddress, grpcPort, newToken,
                tlsCert, tlsKey, targetCa, threads);
    }

    public NodeConfig withDatabase(String url, String user, String password) {
        return new NodeConfig(dataDir, url, user, password, rulesDir, bindAddress, grpcPort, token, tlsCert, tlsKey,
                targetCa, threads);
    }

    public NodeConfig withTls(Path cert, Path key) {
        return new NodeConfig(dataDir, jdbcUrl, jdbcUser, jdbcPassword, rulesDir, bindAddress, grpcPort, token, cert,
                key, targetCa, threads);
    }

    public NodeConfig withTargetCa(Path ca) {
        return new NodeConfig(dataDir, jdbcUrl, jdbcUser, jdbcPassword, rulesDir, bindAddress, grpcPort, token,
                tlsCert, tlsKey, ca, threads);
    }
}
