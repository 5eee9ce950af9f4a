package io.autosys.ruleengine.api;

import java.util.List;

/**
 * Where known-bad configurations live. The in-memory store is here; the model repository keeps
 * them over JDBC. Implementations are thread-safe, and {@link #list()} and {@link #revision()}
 * are cheap (the engine reads the revision on every check and rebuilds its index only when it
 * changed), so a persistent store keeps a cached copy.
 */
public interface KnownBadStore {

    /**
     * Adds an entry and returns it; adding a pattern already stored for the same scope returns the
     * stored entry unchanged.
     */
    KnownBad add(String scope, KnownBadPattern pattern, String reason, KnownBad.Origin origin);

    /** Removes the entry with this id; false when there was none. */
    boolean remove(String id);

    /** Every entry, oldest first. */
    List<KnownBad> list();

    /** A number that changes whenever the entries change. */
    long revision();
}
