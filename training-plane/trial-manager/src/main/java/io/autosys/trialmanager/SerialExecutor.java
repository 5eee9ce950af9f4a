package io.autosys.trialmanager;

import java.util.ArrayDeque;
import java.util.concurrent.Executor;

/**
 * Runs tasks one at a time, in submission order, on a shared pool: a study's actor. Everything
 * that touches a study's designer and bookkeeping runs here, so designers (single-threaded by
 * contract) never see two threads and no lock guards the study state.
 */
final class SerialExecutor implements Executor {
    private static final System.Logger LOG = System.getLogger(SerialExecutor.class.getName());
    private final ArrayDeque<Runnable> queue = new ArrayDeque<>();
    private final Executor pool;
    private boolean running;

    SerialExecutor(Executor pool) {
        this.pool = pool;
    }

    @Override
    public void execute(Runnable task) {
        synchronized (queue) {
            queue.add(task);
            if (running) {
                return;
            }
            running = true;
        }
        try {
            pool.execute(this::drain);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            // The trial manager is closing: late events (a trial's outcome) are dropped, and the
            // repository still holds the trial as running, so the next process runs it again.
            synchronized (queue) {
                queue.clear();
                running = false;
            }
        }
    }

    private void drain() {
        while (true) {
            Runnable next;
            synchronized (queue) {
                next = queue.poll();
                if (next == null) {
                    running = false;
                    return;
                }
            }
            try {
                next.run();
            } catch (RuntimeException | Error e) {
                LOG.log(System.Logger.Level.ERROR, "study task failed", e);
            }
        }
    }

    /** Tasks waiting (a queue depth for metrics). */
    int depth() {
        synchronized (queue) {
            return queue.size();
        }
    }
}
