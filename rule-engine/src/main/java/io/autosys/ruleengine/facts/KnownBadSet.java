package io.autosys.ruleengine.facts;

import io.autosys.ruleengine.api.KnownBad;
import io.autosys.ruleengine.api.KnownBadPattern;
import io.autosys.sdk.api.Configuration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A snapshot of the known-bad entries, indexed: exact configurations by hash, regions scanned.
 * The built-in rule {@code known-bad} rejects every proposal it matches; operator rules may use
 * it too, e.g. {@code $e : KnownBad() from $kb.matching($t.getServiceKind(), $p)}.
 */
public final class KnownBadSet {
    private static final KnownBadSet EMPTY = new KnownBadSet(List.of());

    private final List<KnownBad> entries;
    private final Map<Configuration, List<KnownBad>> exact = new HashMap<>();
    private final List<KnownBad> regions = new ArrayList<>();

    private KnownBadSet(List<KnownBad> entries) {
        this.entries = List.copyOf(entries);
        for (KnownBad e : this.entries) {
            if (e.pattern() instanceof KnownBadPattern.Exact x) {
                exact.computeIfAbsent(x.configuration(), k -> new ArrayList<>(1)).add(e);
            } else {
                regions.add(e);
            }
        }
    }

    public static KnownBadSet of(List<KnownBad> entries) {
        return entries.isEmpty() ? EMPTY : new KnownBadSet(entries);
    }

    public static KnownBadSet empty() {
        return EMPTY;
    }

    /** The entries for {@code serviceKind} that cover the configuration. */
    public List<KnownBad> matching(String serviceKind, ConfigFact c) {
        return matching(serviceKind, c.getConfiguration());
    }

    public List<KnownBad> matching(String serviceKind, Configuration c) {
        if (entries.isEmpty()) {
            return List.of();
        }
        List<KnownBad> out = null;
        List<KnownBad> hits = exact.get(c);
        if (hits != null) {
            for (KnownBad e : hits) {
                if (e.appliesTo(serviceKind)) {
                    out = out == null ? new ArrayList<>(2) : out;
                    out.add(e);
                }
            }
        }
        for (KnownBad e : regions) {
            if (e.appliesTo(serviceKind) && e.pattern().matches(c)) {
                out = out == null ? new ArrayList<>(2) : out;
                out.add(e);
            }
        }
        return out == null ? List.of() : out;
    }

    public boolean matches(String serviceKind, ConfigFact c) {
        return !matching(serviceKind, c).isEmpty();
    }

    public List<KnownBad> entries() {
        return entries;
    }

    public int getSize() {
        return entries.size();
    }
}
