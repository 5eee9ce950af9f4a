package io.autosys.benchmarks.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Writes {@code benchmarks/results/NAME.json}: the headline figures plus the date, the commit and
 * the machine's core count, so results compare across commits (BENCHMARKS.md section 5).
 */
public final class ResultsFile {
    private final Path directory;

    public ResultsFile(Path directory) {
        this.directory = directory;
    }

    /** The results directory of the source tree: {@code -Dautosys.results=DIR}, or benchmarks/results. */
    public static ResultsFile fromSystemProperties() {
        String dir = System.getProperty("autosys.results");
        if (dir != null) {
            return new ResultsFile(Path.of(dir));
        }
        Path here = Path.of("").toAbsolutePath();
        Path root = here.getFileName() != null && here.getFileName().toString().equals("benchmarks") ? here
                : here.resolve("benchmarks");
        return new ResultsFile(root.resolve("results"));
    }

    public Path directory() {
        return directory;
    }

    public Path path(String fileName) {
        return directory.resolve(fileName);
    }

    /** Writes NAME.json with {@code figures} under "results" and the provenance fields beside it. */
    public Path write(String name, Map<String, ?> figures) throws IOException {
        var doc = new LinkedHashMap<String, Object>();
        doc.put("benchmark", name);
        doc.put("date", OffsetDateTime.now(ZoneOffset.UTC).withNano(0).toString());
        doc.put("commit", gitCommit());
        doc.put("cores", Runtime.getRuntime().availableProcessors());
        doc.put("java", System.getProperty("java.version"));
        doc.put("results", figures);
        Files.createDirectories(directory);
        Path file = directory.resolve(name + ".json");
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(file.toFile(), doc);
        return file;
    }

    static String gitCommit() {
        try {
            Process p = new ProcessBuilder("git", "rev-parse", "--short", "HEAD").redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes()).trim();
            if (p.waitFor(5, TimeUnit.SECONDS) && p.exitValue() == 0) {
                Process d = new ProcessBuilder("git", "status", "--porcelain", "--untracked-files=no")
                        .redirectErrorStream(true).start();
                String dirty = new String(d.getInputStream().readAllBytes()).trim();
                d.waitFor(5, TimeUnit.SECONDS);
                return dirty.isEmpty() ? out : out + "-dirty";
            }
        } catch (IOException e) {
            return "unknown";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return "unknown";
    }
}
