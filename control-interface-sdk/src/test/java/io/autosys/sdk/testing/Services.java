package io.autosys.sdk.testing;

import org.junit.jupiter.api.Assumptions;

/**
 * For tests that need something outside the JVM (PostgreSQL, python3-grpcio, Optuna): on a
 * laptop without it they skip; under CI ({@code CI=true}, or {@code -Dautosys.requireServices=true})
 * a missing service fails the test instead, so nothing that should run quietly skips.
 */
public final class Services {
    private Services() {
    }

    public static boolean required() {
        return Boolean.getBoolean("autosys.requireServices") || "true".equalsIgnoreCase(System.getenv("CI"));
    }

    /** Skips (or, when required, fails) the calling test unless {@code available}. */
    public static void assumeAvailable(boolean available, String what) {
        if (available) {
            return;
        }
        String message = what + " is not available";
        if (required()) {
            throw new AssertionError(message + ", and CI requires it (.ci/run installs it)");
        }
        Assumptions.abort(message + "; skipping (set CI=true to make this a failure)");
    }
}
