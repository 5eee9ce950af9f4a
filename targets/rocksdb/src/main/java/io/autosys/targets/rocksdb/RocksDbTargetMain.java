package io.autosys.targets.rocksdb;

import io.autosys.sdk.server.ControlInterfaceServer;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Serves RocksDB as a target on loopback. Prints {@code listening HOST:PORT} once the server is
 * up, then reads commands from standard input, one a line:
 * <ul>
 * <li>{@code workload read_fraction=0.9 value_size=512 key_count=200000} changes the workload of
 *     later trials and observations (any subset); answers with the whole workload;</li>
 * <li>{@code workload} prints it; {@code pending} lists knobs waiting for a reopen;</li>
 * <li>{@code reopen} reopens the live database so they take effect;</li>
 * <li>{@code quit} stops the server.</li>
 * </ul>
 * At the end of input it keeps serving until the process is stopped.
 */
@Command(name = "rocksdb-target", mixinStandardHelpOptions = true,
        description = "Serves RocksDB (rocksdbjni) through the AutoSys control interface.",
        footer = {"", "Commands on standard input: workload [name=value ...] | pending | reopen | quit"})
public final class RocksDbTargetMain implements Callable<Integer> {

    @Option(names = "--data-dir", required = true, description = "directory of the live database")
    Path dataDir;

    @Option(names = "--trial-root", description = "where trial databases are created and deleted (default"
            + " <java.io.tmpdir>/autosys-rocksdb-trials)")
    Path trialRoot;

    @Option(names = "--port", defaultValue = "0", description = "port on loopback; 0 picks a free one")
    int port;

    @Option(names = "--system-id", defaultValue = "rocksdb")
    String systemId;

    @Option(names = "--instance-id", defaultValue = "")
    String instanceId;

    @Option(names = "--trial-duration-ms", defaultValue = "3000", description = "mix length when a budget names"
            + " none")
    long trialDurationMs;

    @Option(names = "--observe-window-ms", defaultValue = "250", description = "how long Observe measures")
    long observeWindowMs;

    @Option(names = "--key-count", description = "keys of the workload (default 100000)")
    Long keyCount;

    @Option(names = "--value-size", description = "bytes per value (default 256)")
    Integer valueSize;

    @Option(names = "--read-fraction", description = "share of reads in the mix (default 0.5)")
    Double readFraction;

    private final BufferedReader in;
    private final PrintStream out;
    private boolean shutdownHook;

    RocksDbTargetMain(InputStream in, PrintStream out) {
        this.in = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        this.out = out;
    }

    public static void main(String[] args) {
        var main = new RocksDbTargetMain(System.in, System.out);
        main.shutdownHook = true;
        System.exit(commandLine(main, System.out, System.err).execute(args));
    }

    /** Runs the command with the given streams (for tests); returns the exit code. */
    static int run(InputStream in, PrintStream out, PrintStream err, String... args) {
        return commandLine(new RocksDbTargetMain(in, out), out, err).execute(args);
    }

    private static CommandLine commandLine(RocksDbTargetMain main, PrintStream out, PrintStream err) {
        var cmd = new CommandLine(main);
        cmd.setOut(new PrintWriter(out, true));
        cmd.setErr(new PrintWriter(err, true));
        cmd.setExecutionExceptionHandler((e, c, parsed) -> {
            c.getErr().println("error: " + e.getMessage());
            return 2;
        });
        return cmd;
    }

    @Override
    public Integer call() throws Exception {
        var workload = Workload.DEFAULT;
        var changes = new LinkedHashMap<String, String>();
        if (keyCount != null) {
            changes.put(Workload.KEY_COUNT, keyCount.toString());
        }
        if (valueSize != null) {
            changes.put(Workload.VALUE_SIZE, valueSize.toString());
        }
        if (readFraction != null) {
            changes.put(Workload.READ_FRACTION, readFraction.toString());
        }
        var settings = RocksDbTarget.Settings.of(dataDir).withIds(systemId, instanceId)
                .withWorkload(workload.with(changes)).withTrialDuration(Duration.ofMillis(trialDurationMs))
                .withObserveWindow(Duration.ofMillis(observeWindowMs));
        if (trialRoot != null) {
            settings = settings.withTrialRoot(trialRoot);
        }
        try (var target = new RocksDbTarget(settings)) {
            ControlInterfaceServer server = ControlInterfaceServer.builder(target).port(port).start();
            if (shutdownHook) {
                Runtime.getRuntime().addShutdownHook(new Thread(server::stop, "rocksdb-target-stop"));
            }
            try {
                out.println("listening " + InetAddress.getLoopbackAddress().getHostAddress() + ":" + server.port());
                out.flush();
                for (String line; (line = in.readLine()) != null;) {
                    if (!command(target, line.trim())) {
                        return 0;
                    }
                    out.flush();
                }
                server.awaitTermination();
                return 0;
            } finally {
                // Stops serving before the target (and its live database) closes.
                server.stop();
            }
        }
    }

    /** Handles one command line; false means quit. */
    private boolean command(RocksDbTarget target, String line) {
        String[] words = line.isEmpty() ? new String[0] : line.split("\\s+");
        if (words.length == 0) {
            return true;
        }
        try {
            switch (words[0]) {
                case "workload" -> {
                    if (words.length > 1) {
                        var changes = new LinkedHashMap<String, String>();
                        for (int i = 1; i < words.length; i++) {
                            int eq = words[i].indexOf('=');
                            if (eq <= 0) {
                                throw new IllegalArgumentException("'" + words[i] + "' is not name=value");
                            }
                            changes.put(words[i].substring(0, eq), words[i].substring(eq + 1));
                        }
                        target.setWorkload(target.workload().with(changes));
                    }
                    Workload w = target.workload();
                    out.println("workload read_fraction=" + w.readFraction() + " value_size=" + w.valueSize()
                            + " key_count=" + w.keyCount());
                }
                case "pending" -> out.println("pending " + target.pendingRestart());
                case "reopen" -> {
                    target.reopenLive();
                    out.println("reopened; pending " + target.pendingRestart());
                }
                case "quit" -> {
                    return false;
                }
                default -> out.println("error: unknown command '" + words[0]
                        + "'; known: workload, pending, reopen, quit");
            }
        } catch (Exception e) {
            out.println("error: " + e.getMessage());
        }
        return true;
    }
}
