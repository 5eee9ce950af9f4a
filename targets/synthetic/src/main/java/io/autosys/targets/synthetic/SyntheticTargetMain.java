package io.autosys.targets.synthetic;

import io.autosys.sdk.server.ControlInterfaceServer;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Serves a synthetic function as a target on loopback. Prints {@code listening HOST:PORT} once
 * the server is up, then reads commands from standard input, one a line:
 * {@code drift} (move the optimum now; answers {@code phase N}), {@code phase}, {@code quit}.
 * At the end of input it keeps serving until the process is stopped.
 */
@Command(name = "synthetic-target", mixinStandardHelpOptions = true,
        description = "Serves a synthetic benchmark function through the AutoSys control interface.",
        footer = {"", "Commands on standard input: drift | phase | quit"})
public final class SyntheticTargetMain implements Callable<Integer> {

    @Option(names = "--function", required = true, description = "branin, hartmann6, rosenbrock4 or mixed5")
    String function;

    @Option(names = "--port", defaultValue = "0", description = "port on loopback; 0 picks a free one")
    int port;

    @Option(names = "--system-id", description = "system id (default synthetic-<function>)")
    String systemId;

    @Option(names = "--noise-sd", defaultValue = "0", description = "standard deviation of the noise on value")
    double noiseSd;

    @Option(names = "--noise-share", description = "noise sd as a share of the function's range (overrides"
            + " --noise-sd)")
    Double noiseShare;

    @Option(names = "--seed", defaultValue = "1", description = "seed of the noise and the drift")
    long seed;

    @Option(names = "--drift", defaultValue = "never", description = "never, after:N or every:N trials")
    String drift;

    @Option(names = "--trial-duration-ms", defaultValue = "0", description = "how long a trial takes by default")
    long trialDurationMs;

    @Option(names = "--progress-interval-ms", defaultValue = "100", description = "time between progress reports")
    long progressIntervalMs;

    @Option(names = "--max-concurrent-trials", defaultValue = "4")
    int maxConcurrentTrials;

    private final BufferedReader in;
    private final PrintStream out;
    private boolean shutdownHook;

    SyntheticTargetMain(InputStream in, PrintStream out) {
        this.in = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        this.out = out;
    }

    public static void main(String[] args) {
        var main = new SyntheticTargetMain(System.in, System.out);
        main.shutdownHook = true;
        System.exit(commandLine(main, System.out, System.err).execute(args));
    }

    /** Runs the command with the given streams (for tests); returns the exit code. */
    static int run(InputStream in, PrintStream out, PrintStream err, String... args) {
        return commandLine(new SyntheticTargetMain(in, out), out, err).execute(args);
    }

    private static CommandLine commandLine(SyntheticTargetMain main, PrintStream out, PrintStream err) {
        var cmd = new CommandLine(main);
        cmd.setOut(new PrintWriter(out, true));
        cmd.setErr(new PrintWriter(err, true));
        // Bad settings are the operator's mistake: one line naming it, no stack trace.
        cmd.setExecutionExceptionHandler((e, c, parsed) -> {
            c.getErr().println("error: " + e.getMessage());
            return 2;
        });
        return cmd;
    }

    @Override
    public Integer call() throws IOException, InterruptedException {
        var settings = SyntheticTarget.Settings.of(SyntheticFunctions.byName(function))
                .withNoiseSd(noiseSd).withSeed(seed).withDrift(Drift.parse(drift))
                .withTrialDuration(Duration.ofMillis(trialDurationMs))
                .withProgressInterval(Duration.ofMillis(progressIntervalMs))
                .withMaxConcurrentTrials(maxConcurrentTrials);
        if (noiseShare != null) {
            settings = settings.withNoiseShare(noiseShare);
        }
        if (systemId != null) {
            settings = settings.withIds(systemId, "");
        }
        var target = new SyntheticTarget(settings);
        ControlInterfaceServer server = ControlInterfaceServer.builder(target).port(port).start();
        if (shutdownHook) {
            Runtime.getRuntime().addShutdownHook(new Thread(server::stop, "synthetic-target-stop"));
        }
        try {
            out.println("listening " + InetAddress.getLoopbackAddress().getHostAddress() + ":" + server.port());
            out.flush();
            for (String line; (line = in.readLine()) != null;) {
                String cmd = line.trim();
                switch (cmd) {
                    case "" -> {
                    }
                    case "drift" -> out.println("phase " + target.drift());
                    case "phase" -> out.println("phase " + target.phase());
                    case "quit" -> {
                        return 0;
                    }
                    default -> out.println("error: unknown command '" + cmd + "'; known: drift, phase, quit");
                }
                out.flush();
            }
            server.awaitTermination();
            return 0;
        } finally {
            server.stop();
        }
    }
}
