package io.autosys.modelrepository.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.autosys.modelrepository.api.StudyRecord;
import io.autosys.modelrepository.api.TrialRecord;
import io.autosys.modelrepository.api.TrialResult;
import io.autosys.modelrepository.api.TrialState;
import io.autosys.sdk.api.Metrics;
import io.autosys.sdk.testing.Services;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * No completed trial is lost or counted twice when the process writing to the repository is
 * killed: a child JVM ({@link CrashChild}) completes trials from several threads and is killed
 * with SIGKILL mid-write, three times over the same store. After each kill the store must hold
 * every trial the child reported as completed, as SUCCEEDED with its objective, with numbers
 * 1..N without gaps or duplicates, and refuse to record any of them again. On H2 the killed
 * process is the database too; on PostgreSQL it is the client.
 */
class CrashTest {
    static final int THREADS = 4;

    static {
        QuietFlyway.install();
    }

    @TempDir
    Path dir;

    @Test
    void h2KeepsEveryCommittedTrialWhenKilled() throws Exception {
        Path store = dir.resolve("store");
        killRepeatedly(store.toString(), () -> JdbcModelRepository.h2File(store));
    }

    @Test
    void postgresKeepsEveryCommittedTrialWhenTheClientIsKilled() throws Exception {
        Services.assumeAvailable(PostgresModelRepositoryTest.reachable(), "PostgreSQL at 127.0.0.1:5432");
        String schema = "autosys_test_crash_" + Long.toHexString(new Random().nextLong() & Long.MAX_VALUE);
        try (Connection c = PostgresModelRepositoryTest.admin(); Statement st = c.createStatement()) {
            st.execute("CREATE SCHEMA " + schema);
        }
        try {
            String url = PostgresModelRepositoryTest.SERVER + "?currentSchema=" + schema;
            killRepeatedly(url, () -> JdbcModelRepository.connect(url, "postgres", ""));
        } finally {
            try (Connection c = PostgresModelRepositoryTest.admin(); Statement st = c.createStatement()) {
                st.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
            }
        }
    }

    private void killRepeatedly(String childTarget, Supplier<JdbcModelRepository> open) throws Exception {
        var reported = new TreeSet<Long>();
        var random = new Random(42);
        long previousMax = 0;
        for (int round = 1; round <= 3; round++) {
            int killAfter = 20 + random.nextInt(30);
            List<Long> done = runAndKill(childTarget, round, killAfter);
            reported.addAll(done);

            try (JdbcModelRepository repo = open.get()) {
                StudyRecord study = repo.studyByName("crash").orElseThrow();
                List<TrialRecord> trials = repo.trials(study.id());
                long max = trials.get(trials.size() - 1).number();
                assertThat(trials).extracting(TrialRecord::number)
                        .as("round %d: numbers 1..N without gaps or duplicates", round)
                        .containsExactlyElementsOf(LongStream.rangeClosed(1, max).boxed().toList());
                assertThat(max).isGreaterThan(previousMax);
                previousMax = max;
                for (long n : reported) {
                    TrialRecord t = trials.get((int) n - 1);
                    assertThat(t.state()).as("round %d: reported trial %d", round, n).isEqualTo(TrialState.SUCCEEDED);
                    assertThat(t.objective()).isEqualTo(n);
                    assertThat(repo.completeTrial(study.id(), n, TrialResult.succeeded(-1, Metrics.empty()),
                            Instant.now())).as("trial %d is recorded once", n).isFalse();
                }
                long succeeded = repo.trialCounts(study.id()).get(TrialState.SUCCEEDED);
                // a completion can commit and the kill land before its line is printed, never the reverse
                assertThat(succeeded).isGreaterThanOrEqualTo(reported.size()).isLessThanOrEqualTo(max);
            }
        }
    }

    /** Runs the child until it has reported {@code killAfter} completions, SIGKILLs it, returns all it reported. */
    private List<Long> runAndKill(String childTarget, int round, int killAfter) throws Exception {
        Path out = dir.resolve("child-" + round + ".out");
        Path err = dir.resolve("child-" + round + ".err");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        // stdout goes to a file the test polls: reading a pipe while its process is killed races
        // with the JDK draining it
        Process p = new ProcessBuilder(java, "-Xmx256m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
                "-Djava.io.tmpdir=" + System.getProperty("java.io.tmpdir"),
                "-cp", System.getProperty("java.class.path"), CrashChild.class.getName(),
                childTarget, Integer.toString(THREADS))
                .redirectOutput(out.toFile())
                .redirectError(err.toFile())
                .start();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (p.isAlive() && doneLines(out).size() < killAfter && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            p.destroyForcibly(); // SIGKILL on Unix: no shutdown hooks, no H2 close
            assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        } finally {
            p.destroyForcibly();
        }
        List<Long> done = doneLines(out);
        assertThat(done).as("child stderr:%n%s", Files.readString(err)).hasSizeGreaterThanOrEqualTo(killAfter);
        assertThat(p.exitValue()).as("killed, not exited").isEqualTo(137);
        return done;
    }

    /** The numbers of the complete {@code done} lines written so far. */
    private static List<Long> doneLines(Path out) throws IOException {
        String text = Files.readString(out, StandardCharsets.UTF_8);
        int end = text.lastIndexOf('\n');
        if (end < 0) {
            return List.of();
        }
        return text.substring(0, end).lines().filter(l -> l.startsWith("done "))
                .map(l -> Long.parseLong(l.substring(5))).toList();
    }
}
