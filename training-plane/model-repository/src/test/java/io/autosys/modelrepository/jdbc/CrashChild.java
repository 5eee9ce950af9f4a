package io.autosys.modelrepository.jdbc;

import io.autosys.modelrepository.api.StudyRecord;
import io.autosys.modelrepository.api.TrialRecord;
import io.autosys.modelrepository.api.TrialResult;
import io.autosys.sdk.api.Configuration;
import io.autosys.sdk.api.Metrics;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Map;

/**
 * The process {@link CrashTest} kills: several threads create, start and complete trials as fast
 * as they can, printing {@code done <number>} once a completion has returned (that is,
 * committed). It never stops on its own. Arguments: an H2 data directory or a
 * {@code jdbc:postgresql:} URL (user postgres), and the number of threads.
 */
public final class CrashChild {
    private CrashChild() {
    }

    public static void main(String[] args) throws Exception {
        int threads = Integer.parseInt(args[1]);
        JdbcModelRepository repo = args[0].startsWith("jdbc:")
                ? JdbcModelRepository.connect(args[0], "postgres", "")
                : JdbcModelRepository.h2File(Path.of(args[0]));
        long study = repo.studyByName("crash").map(StudyRecord::id)
                .orElseGet(() -> repo.createStudy("crash", "sys", "kv", "{}", Map.of()).id());
        var workers = new ArrayList<Thread>();
        for (int i = 0; i < threads; i++) {
            int worker = i;
            Thread t = new Thread(() -> {
                for (long k = 0; ; k++) {
                    Configuration c = Configuration.builder().set("worker", worker).set("k", k).build();
                    TrialRecord trial = repo.createTrial(study, c, 1, Map.of("worker", Integer.toString(worker)));
                    long n = trial.number();
                    repo.markTrialRunning(study, n, Instant.now());
                    repo.addIntermediate(study, n, 0, Metrics.of("throughput", n / 2.0));
                    if (repo.completeTrial(study, n, TrialResult.succeeded(n, Metrics.of("throughput", n)),
                            Instant.now())) {
                        synchronized (System.out) {
                            System.out.println("done " + n);
                            System.out.flush();
                        }
                    }
                }
            }, "crash-worker-" + i);
            workers.add(t);
            t.start();
        }
        for (Thread t : workers) {
            t.join();
        }
    }
}
