package io.autosys.trialmanager;

import io.autosys.modelrepository.api.KnownBadRecord;
import io.autosys.modelrepository.api.ModelRepository;
import io.autosys.ruleengine.api.KnownBad;
import io.autosys.ruleengine.api.KnownBadPattern;
import io.autosys.ruleengine.api.KnownBadStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The rule engine's known-bad set, kept in the model repository so it survives restarts and is
 * shared by every process on the same store. Reads come from a cached copy (the engine reads the
 * list on every check); writes go to the repository first, then refresh the cache. The
 * repository's {@code source} column carries the origin ({@code operator}, {@code trial_crash},
 * {@code feedback}).
 */
public final class PersistentKnownBadStore implements KnownBadStore {
    private static final String ID_PREFIX = "kb-";
    private final ModelRepository repo;
    private volatile List<KnownBad> cache;
    private volatile long revision;

    public PersistentKnownBadStore(ModelRepository repo) {
        this.repo = repo;
        refresh();
    }

    /** Re-reads the repository (another process may have added entries). */
    public synchronized void refresh() {
        var out = new ArrayList<KnownBad>();
        for (KnownBadRecord r : repo.knownBad(null)) {
            KnownBadPattern p = r.exact() != null ? KnownBadPattern.exact(r.exact()) : KnownBadPattern.parse(r.region());
            out.add(new KnownBad(ID_PREFIX + r.id(), r.serviceKind(), p, r.reason(), origin(r.source()),
                    r.createdAt()));
        }
        if (!out.equals(cache)) {
            cache = List.copyOf(out);
            revision++;
        }
    }

    private static KnownBad.Origin origin(String source) {
        try {
            return KnownBad.Origin.valueOf(source.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return KnownBad.Origin.OPERATOR;
        }
    }

    @Override
    public synchronized KnownBad add(String scope, KnownBadPattern pattern, String reason, KnownBad.Origin origin) {
        for (KnownBad k : cache) {
            if (k.scope().equals(scope) && k.pattern().equals(pattern)) {
                return k;
            }
        }
        if (pattern instanceof KnownBadPattern.Exact e) {
            repo.addKnownBad(scope, e.configuration(), null, reason, origin.name().toLowerCase(Locale.ROOT));
        } else {
            repo.addKnownBad(scope, null, pattern.toText(), reason, origin.name().toLowerCase(Locale.ROOT));
        }
        refresh();
        return cache.get(cache.size() - 1);
    }

    @Override
    public synchronized boolean remove(String id) {
        if (!id.startsWith(ID_PREFIX)) {
            return false;
        }
        long n;
        try {
            n = Long.parseLong(id.substring(ID_PREFIX.length()));
        } catch (NumberFormatException e) {
            return false;
        }
        boolean removed = repo.removeKnownBad(n);
        refresh();
        return removed;
    }

    @Override
    public List<KnownBad> list() {
        return cache;
    }

    @Override
    public long revision() {
        return revision;
    }
}
