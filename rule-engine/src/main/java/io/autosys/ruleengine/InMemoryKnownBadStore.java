package io.autosys.ruleengine;

import io.autosys.ruleengine.api.KnownBad;
import io.autosys.ruleengine.api.KnownBadPattern;
import io.autosys.ruleengine.api.KnownBadStore;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** Known-bad entries in memory (tests, the CLI's rule test, a plane without a repository). */
public final class InMemoryKnownBadStore implements KnownBadStore {
    private final Clock clock;
    private final Object lock = new Object();
    private volatile List<KnownBad> entries = List.of();
    private volatile long revision;
    private long nextId = 1;

    public InMemoryKnownBadStore() {
        this(Clock.systemUTC());
    }

    public InMemoryKnownBadStore(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public KnownBad add(String scope, KnownBadPattern pattern, String reason, KnownBad.Origin origin) {
        Objects.requireNonNull(pattern, "pattern");
        synchronized (lock) {
            for (KnownBad e : entries) {
                if (e.scope().equals(scope) && e.pattern().equals(pattern)) {
                    return e;
                }
            }
            KnownBad e = new KnownBad("kb-" + nextId++, scope, pattern, reason, origin, clock.instant());
            var copy = new ArrayList<>(entries);
            copy.add(e);
            entries = List.copyOf(copy);
            revision++;
            return e;
        }
    }

    @Override
    public boolean remove(String id) {
        synchronized (lock) {
            var copy = new ArrayList<>(entries);
            boolean removed = copy.removeIf(e -> e.id().equals(id));
            if (removed) {
                entries = List.copyOf(copy);
                revision++;
            }
            return removed;
        }
    }

    @Override
    public List<KnownBad> list() {
        return entries;
    }

    @Override
    public long revision() {
        return revision;
    }
}
