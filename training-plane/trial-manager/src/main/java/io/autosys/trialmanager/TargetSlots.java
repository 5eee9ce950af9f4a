package io.autosys.trialmanager;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Per-target trial slots, shared by every study on a target, so together they never run more
 * trials than the target allows. Event-driven: a study that finds no free slot leaves a callback
 * that runs when one is released.
 */
final class TargetSlots {
    private final Map<String, Integer> inUse = new HashMap<>();
    private final Map<String, List<Runnable>> waiting = new HashMap<>();

    synchronized boolean tryAcquire(String target, int limit) {
        int used = inUse.getOrDefault(target, 0);
        if (used >= limit) {
            return false;
        }
        inUse.put(target, used + 1);
        return true;
    }

    /** Runs {@code callback} once, the next time a slot of {@code target} is released. */
    synchronized void whenReleased(String target, Runnable callback) {
        waiting.computeIfAbsent(target, k -> new ArrayList<>()).add(callback);
    }

    void release(String target) {
        List<Runnable> wake;
        synchronized (this) {
            inUse.merge(target, -1, Integer::sum);
            if (inUse.get(target) <= 0) {
                inUse.remove(target);
            }
            wake = waiting.remove(target);
        }
        if (wake != null) {
            wake.forEach(Runnable::run);
        }
    }

    synchronized int inUse(String target) {
        return inUse.getOrDefault(target, 0);
    }
}
