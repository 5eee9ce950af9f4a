package io.autosys.modelrepository.jdbc;

import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Flyway logs every migration at INFO, and warns on each run that H2 2.4.240 is newer than the
 * H2 it was verified with (2.3.232): dozens of lines per test class. Tests raise its level; the
 * logger is held here because java.util.logging keeps loggers only weakly.
 */
final class QuietFlyway {
    private static final Logger FLYWAY = Logger.getLogger("org.flywaydb");

    static {
        FLYWAY.setLevel(Level.SEVERE);
    }

    private QuietFlyway() {
    }

    static void install() {
        // the static initialiser did the work
    }
}
