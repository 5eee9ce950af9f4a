package io.autosys.deploy;

import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The one-JVM launcher behind the README's main command: both planes on the embedded defaults
 * (an H2 file in the user's data directory, loopback only, an operator token) and the targets.
 */
@Command(name = "autosys-standalone", mixinStandardHelpOptions = true,
        subcommands = {TuneCommand.class, ServeCommand.class},
        description = "AutoSys in one JVM on the embedded defaults.")
public final class Standalone implements Runnable {

    @Override
    public void run() {
        new CommandLine(this).usage(System.out);
    }

    public static void main(String[] args) {
        quietLogging();
        System.exit(new CommandLine(new Standalone()).execute(args));
    }

    /**
     * Warnings and errors on the console; the full INFO log (studies, rule reloads, migrations)
     * in the data directory's autosys.log. AUTOSYS_LOG=info puts everything on the console too.
     */
    static void quietLogging() {
        var root = java.util.logging.Logger.getLogger("");
        boolean verbose = "info".equalsIgnoreCase(System.getenv("AUTOSYS_LOG"));
        for (var h : root.getHandlers()) {
            h.setLevel(verbose ? java.util.logging.Level.INFO : java.util.logging.Level.WARNING);
        }
        try {
            Path dir = defaultDataDir();
            Files.createDirectories(dir);
            var file = new java.util.logging.FileHandler(dir.resolve("autosys.log").toString(), 10_000_000, 2, true);
            file.setFormatter(new java.util.logging.SimpleFormatter());
            file.setLevel(java.util.logging.Level.INFO);
            root.addHandler(file);
        } catch (java.io.IOException e) {
            // no log file: the console still has warnings and errors
        }
    }

    /** The user's AutoSys data directory: $AUTOSYS_DATA, else $XDG_DATA_HOME/autosys, else ~/.local/share/autosys. */
    static Path defaultDataDir() {
        String env = System.getenv("AUTOSYS_DATA");
        if (env != null && !env.isBlank()) {
            return Path.of(env);
        }
        String xdg = System.getenv("XDG_DATA_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".local",
                "share");
        return base.resolve("autosys");
    }

    /** deploy/rules beside the working directory, when it exists (the example operator rules). */
    static Path defaultRulesDir() {
        for (Path p : new Path[] {Path.of("deploy", "rules"), Path.of("rules"), Path.of("..", "deploy", "rules")}) {
            if (Files.isDirectory(p)) {
                return p.toAbsolutePath().normalize();
            }
        }
        return null;
    }
}
