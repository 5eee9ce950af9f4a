package io.autosys.candidategenerator.online;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Loads ../shared/data/oppertune-golden-traces.json (relative to the repository root), or the
 * file named by {@code -Dautosys.goldenTraces=PATH}. A missing file fails the test: the replays
 * are the ground truth of the update rules and must not silently skip.
 */
final class GoldenTraces {
    static final String PROPERTY = "autosys.goldenTraces";

    private GoldenTraces() {
    }

    static Path path() {
        String override = System.getProperty(PROPERTY);
        if (override != null && !override.isBlank()) {
            return Path.of(override);
        }
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.exists(dir.resolve("mvnw"))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException("cannot find the repository root (a directory with mvnw) above "
                    + Path.of("").toAbsolutePath() + "; set -D" + PROPERTY + "=PATH");
        }
        return dir.resolve("../shared/data/oppertune-golden-traces.json").normalize();
    }

    static JsonNode load() {
        Path p = path();
        if (!Files.isRegularFile(p)) {
            throw new AssertionError("golden traces not found at " + p + " (expected ../shared/data beside the"
                    + " repository, or -D" + PROPERTY + "=PATH)");
        }
        try {
            return new ObjectMapper().readTree(p.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read golden traces " + p, e);
        }
    }
}
