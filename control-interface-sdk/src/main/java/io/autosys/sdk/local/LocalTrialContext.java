package io.autosys.sdk.local;

import io.autosys.sdk.api.TrialContext;
import io.autosys.sdk.api.TrialProgress;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A trial context for running a {@code ControlledSystem} in-process (tests, benchmarks, embedded
 * use): records progress, cancels on request and then runs the registered cancel actions.
 */
public final class LocalTrialContext implements TrialContext {
    private final List<TrialProgress> progress = new CopyOnWriteArrayList<>();
    private final List<Runnable> onCancel = new CopyOnWriteArrayList<>();
    private final AtomicBoolean cancelled = new AtomicBoolean();

    @Override
    public void progress(TrialProgress p) {
        if (!progress.isEmpty() && p.step() <= progress.get(progress.size() - 1).step()) {
            throw new IllegalArgumentException("progress steps must increase: " + p.step());
        }
        progress.add(p);
    }

    @Override
    public boolean isCancelled() {
        return cancelled.get();
    }

    @Override
    public OptionalLong remainingMillis() {
        return OptionalLong.empty();
    }

    @Override
    public void onCancel(Runnable action) {
        onCancel.add(action);
    }

    public void cancel() {
        if (cancelled.compareAndSet(false, true)) {
            onCancel.forEach(Runnable::run);
        }
    }

    public List<TrialProgress> progress() {
        return progress;
    }
}
