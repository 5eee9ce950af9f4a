package io.autosys.targets.synthetic;

import io.autosys.sdk.local.LocalTrialContext;
import static org.assertj.core.api.Assertions.assertThat;

import io.autosys.sdk.api.Configuration;
import io.autosys.sdk.api.TrialBudget;
import io.autosys.sdk.api.TrialRequest;
import io.autosys.sdk.server.ControlInterfaceServer;
import io.autosys.sdk.testing.Services;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A client in another language: Debian's python3 with python3-grpcio and python3-grpc-tools
 * generates stubs from the .proto files and calls Describe and RunTrial on a Java-served
 * synthetic target. Skips without those packages, unless CI requires them.
 */
class PythonClientTest {
    private static final Path SCRIPT = Path.of("src/test/python/describe_and_trial.py");
    private static final Path PROTOS = Path.of("../../proto/src/main/proto");

    @TempDir
    Path tmp;

    @Test
    void aPythonClientDescribesAndRunsATrial() throws Exception {
        String python = python();
        Services.assumeAvailable(python != null, "python3 with grpcio and grpc_tools (Debian: python3-grpcio,"
                + " python3-grpc-tools)");
        assertThat(SCRIPT).exists();
        assertThat(PROTOS.resolve("autosys/v1/control_interface.proto")).exists();

        var settings = SyntheticTarget.Settings.of(new Branin()).withNoiseSd(0.25).withSeed(8)
                .withProgressInterval(Duration.ofMillis(50));
        var target = new SyntheticTarget(settings);
        var server = ControlInterfaceServer.builder(target).port(0).start();
        try {
            var cmd = new ArrayList<>(List.of(python, SCRIPT.toString(), "--port", String.valueOf(server.port()),
                    "--host", java.net.InetAddress.getLoopbackAddress().getHostAddress(),
                    "--proto-dir", PROTOS.toString(), "--stubs-dir", tmp.resolve("stubs").toString(),
                    "--set", "x1=3.14159", "--set", "x2=2.275", "--seed", "7", "--duration-ms", "300"));
            var result = exec(cmd, 120);
            assertThat(result.exit()).as("python exit; stderr: " + result.err()).isZero();
            String json = result.out().strip();

            assertThat(json).contains("\"service_kind\": \"synthetic.branin\"")
                    .contains("\"system_id\": \"synthetic-branin\"")
                    .contains("\"parameters\": [\"x1\", \"x2\"]")
                    .contains("{\"goal\": \"MINIMIZE\", \"name\": \"value\"}")
                    .contains("\"progress\": [{")
                    .contains("\"step\": 1}").contains("\"step\": 2}");
            // Exactly one outcome, and it carries the value the same request gives in process.
            double expected = new SyntheticTarget(settings).runTrial(new TrialRequest("python-1",
                    Configuration.builder().set("x1", 3.14159).set("x2", 2.275).build(), TrialBudget.DEFAULT, 7),
                    new LocalTrialContext()).get("value");
            assertThat(json).containsOnlyOnce("\"kind\": \"succeeded\"");
            String metrics = json.substring(json.indexOf("\"outcomes\""), json.indexOf("\"parameters\""));
            double reported = Double.parseDouble(metrics.replaceAll("(?s).*\"value\": ([-0-9.eE+]+).*", "$1"));
            assertThat(reported).isEqualTo(expected);
        } finally {
            server.stop();
        }
    }

    /** Debian's python3 (which sees Debian's packages) when it can import grpc and grpc_tools, else null. */
    static String python() throws IOException, InterruptedException {
        for (String candidate : List.of("/usr/bin/python3", "python3")) {
            try {
                if (exec(List.of(candidate, "-c", "import grpc, grpc_tools.protoc"), 30).exit() == 0) {
                    return candidate;
                }
            } catch (IOException e) {
                // not installed under that name
            }
        }
        return null;
    }

    record Result(int exit, String out, String err) {
    }

    static Result exec(List<String> cmd, int timeoutSeconds) throws IOException, InterruptedException {
        Path out = Files.createTempFile("py-out", ".txt");
        Path err = Files.createTempFile("py-err", ".txt");
        try {
            Process p = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
            if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                p.destroyForcibly().waitFor();
                throw new AssertionError(cmd + " did not finish within " + timeoutSeconds + " s");
            }
            return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }
}
