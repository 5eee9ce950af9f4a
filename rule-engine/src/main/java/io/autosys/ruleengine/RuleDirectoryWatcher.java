package io.autosys.ruleengine;

import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Watches a rules directory and calls {@code onChange} once the *.drl files have been quiet for
 * the debounce interval (an editor's save is often several events: truncate, write, rename).
 * One daemon thread; {@link #close()} stops it.
 */
final class RuleDirectoryWatcher implements AutoCloseable {
    private final WatchService watchService;
    private final Thread thread;
    private final long debounceNanos;
    private final Runnable onChange;
    private final Consumer<Throwable> onError;
    private volatile boolean closed;

    RuleDirectoryWatcher(Path directory, Duration debounce, Runnable onChange, Consumer<Throwable> onError)
            throws IOException {
        this.watchService = FileSystems.getDefault().newWatchService();
        this.debounceNanos = debounce.toNanos();
        this.onChange = onChange;
        this.onError = onError;
        directory.register(watchService, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_MODIFY,
                StandardWatchEventKinds.ENTRY_DELETE);
        this.thread = new Thread(this::run, "autosys-rules-watcher[" + directory.getFileName() + "]");
        thread.setDaemon(true);
        thread.start();
    }

    private void run() {
        long due = -1;
        try {
            while (!closed) {
                long wait = due < 0 ? 500_000_000L : Math.max(1_000_000L, due - System.nanoTime());
                WatchKey key = watchService.poll(wait, TimeUnit.NANOSECONDS);
                if (key != null) {
                    boolean relevant = false;
                    for (WatchEvent<?> ev : key.pollEvents()) {
                        if (ev.kind() == StandardWatchEventKinds.OVERFLOW
                                || ev.context() instanceof Path p && p.getFileName().toString().endsWith(".drl")) {
                            relevant = true;
                        }
                    }
                    key.reset();
                    if (relevant) {
                        due = System.nanoTime() + debounceNanos;
                    }
                } else if (due >= 0 && System.nanoTime() >= due) {
                    due = -1;
                    try {
                        onChange.run();
                    } catch (RuntimeException e) {
                        onError.accept(e);
                    }
                }
            }
        } catch (ClosedWatchServiceException e) {
            // closed
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    boolean isRunning() {
        return thread.isAlive();
    }

    @Override
    public void close() {
        closed = true;
        try {
            watchService.close();
        } catch (IOException e) {
            // nothing more to release
        }
        try {
            thread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
