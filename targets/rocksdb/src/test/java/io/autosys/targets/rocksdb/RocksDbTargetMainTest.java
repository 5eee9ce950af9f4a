package io.autosys.targets.rocksdb;

import static org.assertj.core.api.Assertions.assertThat;

import io.autosys.sdk.api.Configuration;
import io.autosys.sdk.client.ControlInterfaceClient;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.InputStreamReader;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RocksDbTargetMainTest {
    @TempDir
    Path tmp;

    @Test
    void servesPrintsItsPortAndTakesWorkloadAndReopenCommands() throws Exception {
        var stdin = new PipedOutputStream();
        var in = new PipedInputStream(stdin);
        var stdoutSink = new PipedInputStream(1 << 16);
        var out = new PrintStream(new PipedOutputStream(stdoutSink), true, StandardCharsets.UTF_8);
        var lines = new BufferedReader(new InputStreamReader(stdoutSink, StandardCharsets.UTF_8));
        var err = new ByteArrayOutputStream();
        var run = CompletableFuture.supplyAsync(() -> RocksDbTargetMain.run(in, out,
                new PrintStream(err, true, StandardCharsets.UTF_8), "--data-dir", tmp.resolve("live").toString(),
                "--trial-root", tmp.resolve("trials").toString(), "--port", "0", "--key-count", "5000",
                "--observe-window-ms", "50"));
        String first = lines.readLine();
        assertThat(first).as("stderr: %s", err).matches("listening [0-9a-f.:]+:\\d+");
        String hostPort = first.substring("listening ".length());
        int colon = hostPort.lastIndexOf(':');
        try (var client = ControlInterfaceClient.connect(hostPort.substring(0, colon),
                Integer.parseInt(hostPort.substring(colon + 1)))) {
            assertThat(client.describe().serviceKind()).isEqualTo("rocksdb");
            send(stdin, "workload read_fraction=0.9 key_count=6000");
            assertThat(lines.readLine()).isEqualTo("workload read_fraction=0.9 value_size=256 key_count=6000");
            assertThat(client.observe().context().features().get("read_fraction"))
                    .isEqualTo(io.autosys.sdk.api.ContextValue.of(0.9));
            send(stdin, "workload read_fraction=2");
            assertThat(lines.readLine()).startsWith("error: ").contains("read_fraction");
            client.apply(Configuration.builder().set("block_size", 8192L).build(), "test");
            send(stdin, "pending");
            assertThat(lines.readLine()).isEqualTo("pending [block_size]");
            send(stdin, "reopen");
            assertThat(lines.readLine()).isEqualTo("reopened; pending []");
            send(stdin, "quit");
            assertThat(run.get(20, TimeUnit.SECONDS)).isZero();
        }
    }

    private static void send(PipedOutputStream stdin, String line) throws java.io.IOException {
        stdin.write((line + "\n").getBytes(StandardCharsets.UTF_8));
        stdin.flush();
    }
}
