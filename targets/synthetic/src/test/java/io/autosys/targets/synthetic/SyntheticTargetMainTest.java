package io.autosys.targets.synthetic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.autosys.sdk.client.ControlInterfaceClient;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.InputStreamReader;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class SyntheticTargetMainTest {

    @Test
    void servesPrintsItsPortAndTakesCommands() throws Exception {
        var stdin = new PipedOutputStream();
        var in = new PipedInputStream(stdin);
        var stdoutSink = new PipedInputStream(1 << 16);
        var out = new PrintStream(new PipedOutputStream(stdoutSink), true, StandardCharsets.UTF_8);
        var lines = new BufferedReader(new InputStreamReader(stdoutSink, StandardCharsets.UTF_8));
        var err = new ByteArrayOutputStream();
        var run = CompletableFuture.supplyAsync(() -> SyntheticTargetMain.run(in, out,
                new PrintStream(err, true, StandardCharsets.UTF_8), "--function", "hartmann6", "--port", "0",
                "--noise-share", "0.01", "--drift", "every:10"));
        String first = lines.readLine();
        assertThat(first).matches("listening [0-9a-f.:]+:\\d+");
        String hostPort = first.substring("listening ".length());
        int colon = hostPort.lastIndexOf(':');
        try (var client = ControlInterfaceClient.builder(hostPort.substring(0, colon),
                Integer.parseInt(hostPort.substring(colon + 1))).retries(1, Duration.ofMillis(10),
                        Duration.ofMillis(10)).build()) {
            assertThat(client.describe().serviceKind()).isEqualTo("synthetic.hartmann6");
            stdin.write("drift\nphase\nfly\n".getBytes(StandardCharsets.UTF_8));
            stdin.flush();
            assertThat(lines.readLine()).isEqualTo("phase 1");
            assertThat(lines.readLine()).isEqualTo("phase 1");
            assertThat(lines.readLine()).contains("unknown command 'fly'");
            stdin.write("quit\n".getBytes(StandardCharsets.UTF_8));
            stdin.flush();
            assertThat(run.get(10, TimeUnit.SECONDS)).isZero();
            assertThatThrownBy(client::describe).hasMessageContaining("UNAVAILABLE");
        }
    }

    @Test
    void badSettingsExitWithAMessageNamingThem() {
        var err = new ByteArrayOutputStream();
        var errStream = new PrintStream(err, true, StandardCharsets.UTF_8);
        var nothing = new java.io.ByteArrayInputStream(new byte[0]);
        var out = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        assertThat(SyntheticTargetMain.run(nothing, out, errStream, "--function", "ackley")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("'ackley'");
        err.reset();
        assertThat(SyntheticTargetMain.run(nothing, out, errStream, "--function", "branin", "--drift", "often"))
                .isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("'often'");
        err.reset();
        assertThat(SyntheticTargetMain.run(nothing, out, errStream, "--function", "branin", "--colour", "red"))
                .isNotZero();
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("--colour");
    }
}
