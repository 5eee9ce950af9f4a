package io.autosys.candidategenerator.online;

import io.autosys.candidategenerator.api.Prediction;
import io.autosys.sdk.api.Configuration;
import io.autosys.sdk.api.Context;
import io.autosys.sdk.api.Parameter;
import io.autosys.sdk.api.ParameterSpace;
import io.autosys.sdk.api.Value;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The request bookkeeping every online tuner shares: scopes (one per context-free learner),
 * pending probes and their request ids, the maximum-change clamp, pause/resume and the snapshot
 * frame. Subclasses route a context to a scope and learn from a reward.
 */
abstract class AbstractLiveTuner implements LiveTuner {
    /** At most this many unanswered request ids are kept; the oldest are forgotten beyond it. */
    static final int MAX_OPEN_REQUESTS = 4096;

    /** One context-free learner and what it served last. */
    static final class Scope {
        final Learner learner;
        Configuration lastServed;
        Configuration pending;
        final List<String> pendingIds = new ArrayList<>();
        /** Whether the scope has served a probe yet (AutoScope's free leaves have not). */
        boolean used;

        Scope(Learner learner, Configuration lastServed) {
            this.learner = learner;
            this.lastServed = lastServed;
        }
    }

    /** The scope a context is served by, and the features to remember for learning. */
    record Route(int scope, double[] features) {
    }

    final ParameterSpace space;
    TunerConfig config;
    final RandomSource random;
    final List<Scope> scopes;
    private final LinkedHashMap<String, Request> requests = new LinkedHashMap<>(16, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Request> eldest) {
            return size() > MAX_OPEN_REQUESTS;
        }
    };
    private long counter;
    private boolean paused;

    AbstractLiveTuner(ParameterSpace space, TunerConfig config, RandomSource random, List<Learner> learners) {
        this.space = Objects.requireNonNull(space, "space");
        this.config = Objects.requireNonNull(config, "config");
        this.random = Objects.requireNonNull(random, "random source");
        var list = new ArrayList<Scope>();
        for (Learner l : learners) {
            list.add(new Scope(l, space.defaults()));
        }
        this.scopes = List.copyOf(list);
        config.maxChange().forEach((name, m) -> learners.forEach(l -> l.setLimit(name, m)));
    }

    /** Which scope serves {@code context}. */
    abstract Route route(Context context);

    /** Called by predict (not by bestConfiguration) once a context is routed, before the scope serves it. */
    void routed(Route route) {
    }

    /** Learns from a reward for a request of {@code scope}; the scope's pending probe is already retired. */
    abstract void learn(Request request, Scope scope, double reward);

    @Override
    public ParameterSpace space() {
        return space;
    }

    @Override
    public TunerConfig config() {
        return config;
    }

    @Override
    public String algorithm() {
        return config.algorithm();
    }

    @Override
    public Prediction predict(Context context) {
        Objects.requireNonNull(context, "context");
        Route route = route(context);
        routed(route);
        Scope s = scopes.get(route.scope());
        String id = "r" + (++counter);
        if (paused) {
            Configuration c = limit(s, s.learner.exploit());
            s.lastServed = c;
            requests.put(id, new Request(id, route.scope(), false, route.features()));
            return new Prediction(c, id);
        }
        if (s.pending != null && config.improvements().repeatPending()) {
            // Improvement 6: the probe awaiting its reward is served again, under a new id.
            s.pendingIds.add(id);
            requests.put(id, new Request(id, route.scope(), true, route.features()));
            return new Prediction(s.pending, id);
        }
        Configuration c = limit(s, s.learner.probe(random));
        s.lastServed = c;
        s.pending = c;
        s.used = true;
        s.pendingIds.add(id);
        requests.put(id, new Request(id, route.scope(), true, route.features()));
        return new Prediction(c, id);
    }

    @Override
    public void setReward(String requestId, double reward) {
        Objects.requireNonNull(requestId, "requestId");
        if (!Double.isFinite(reward)) {
            throw new IllegalArgumentException("reward for request '" + requestId + "' must be a finite number, got "
                    + reward);
        }
        Request q = requests.remove(requestId);
        if (q == null) {
            throw new IllegalArgumentException("unknown request id '" + requestId + "': never issued by this tuner, "
                    + "or its probe already got a reward (under this id or another one for the same probe)");
        }
        if (!q.learn || paused) {
            return;
        }
        Scope s = scopes.get(q.scope);
        for (String other : s.pendingIds) {
            requests.remove(other);
        }
        s.pendingIds.clear();
        s.pending = null;
        learn(q, s, reward);
    }

    @Override
    public void pause() {
        paused = true;
        for (Request q : requests.values()) {
            q.learn = false;
        }
        for (Scope s : scopes) {
            s.pending = null;
            s.pendingIds.clear();
            s.learner.restartPair();
        }
    }

    @Override
    public void resume() {
        paused = false;
    }

    @Override
    public boolean isPaused() {
        return paused;
    }

    @Override
    public void setMaxChange(String parameter, double maxChange) {
        var m = new LinkedHashMap<>(config.maxChange());
        m.put(parameter, maxChange);
        config = config.withMaxChange(space, m);
        for (Scope s : scopes) {
            s.learner.setLimit(parameter, maxChange);
        }
    }

    @Override
    public void clearMaxChange(String parameter) {
        if (!config.maxChange().containsKey(parameter)) {
            return;
        }
        var m = new LinkedHashMap<>(config.maxChange());
        m.remove(parameter);
        config = config.withMaxChange(space, m);
        for (Scope s : scopes) {
            s.learner.setLimit(parameter, Double.POSITIVE_INFINITY);
        }
    }

    @Override
    public Map<String, Double> maxChanges() {
        return config.maxChange();
    }

    @Override
    public Configuration bestConfiguration(Context context) {
        return scopes.get(route(context).scope()).learner.exploit();
    }

    /** The operator's maximum change per step, relative to what this scope served last. */
    private Configuration limit(Scope s, Configuration proposed) {
        if (config.maxChange().isEmpty()) {
            return proposed;
        }
        Configuration c = proposed;
        for (var e : config.maxChange().entrySet()) {
            NumericCoordinate coord = s.learner.coordinate(e.getKey());
            Value last = s.lastServed == null ? null : s.lastServed.find(e.getKey()).orElse(null);
            Value now = c.find(e.getKey()).orElse(null);
            if (coord != null && last != null && now != null) {
                c = c.with(e.getKey(), coord.limit(now, last, e.getValue()));
            }
        }
        return c;
    }

    // ---- snapshots ----

    @Override
    public byte[] snapshot() {
        var bytes = new ByteArrayOutputStream();
        try (var out = new DataOutputStream(bytes)) {
            out.writeInt(Snapshots.MAGIC);
            out.writeInt(Snapshots.VERSION);
            config.write(out);
            out.writeUTF(fingerprint(space));
            writeHeader(out);
            if (random instanceof RngRandomSource r) {
                out.writeBoolean(true);
                out.writeLong(r.rng().state());
                out.writeDouble(r.rng().spare());
            } else {
                out.writeBoolean(false);
            }
            out.writeLong(counter);
            out.writeBoolean(paused);
            out.writeInt(requests.size());
            for (Request q : requests.values()) {
                out.writeUTF(q.id);
                out.writeInt(q.scope);
                out.writeBoolean(q.learn);
                Snapshots.writeDoubles(out, q.features);
            }
            out.writeInt(scopes.size());
            for (Scope s : scopes) {
                Snapshots.writeConfiguration(out, s.lastServed);
                Snapshots.writeConfiguration(out, s.pending);
                out.writeBoolean(s.used);
                out.writeInt(s.pendingIds.size());
                for (String id : s.pendingIds) {
                    out.writeUTF(id);
                }
                s.learner.write(out);
            }
            writeState(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** Subclass data needed before construction on restore (AutoScope's features). */
    void writeHeader(DataOutputStream out) throws IOException {
    }

    /** Subclass state after the scopes (AutoScope's tree). */
    void writeState(DataOutputStream out) throws IOException {
    }

    void readState(DataInputStream in) throws IOException {
    }

    /** Reads everything after the random-source state written by {@link #snapshot()}. */
    final void restoreBody(DataInputStream in) throws IOException {
        counter = in.readLong();
        paused = in.readBoolean();
        int n = in.readInt();
        requests.clear();
        for (int i = 0; i < n; i++) {
            String id = in.readUTF();
            int scope = in.readInt();
            boolean learn = in.readBoolean();
            double[] features = Snapshots.readDoubles(in);
            if (scope < 0 || scope >= scopes.size()) {
                throw new IOException("corrupt snapshot: request '" + id + "' names scope " + scope);
            }
            requests.put(id, new Request(id, scope, learn, features));
        }
        int m = in.readInt();
        if (m != scopes.size()) {
            throw new IOException("corrupt snapshot: " + m + " scopes, the settings make " + scopes.size());
        }
        for (Scope s : scopes) {
            s.lastServed = Snapshots.readConfiguration(in);
            s.pending = Snapshots.readConfiguration(in);
            s.used = in.readBoolean();
            int k = in.readInt();
            s.pendingIds.clear();
            for (int i = 0; i < k; i++) {
                s.pendingIds.add(in.readUTF());
            }
            s.learner.read(in);
        }
        readState(in);
    }

    /** What a snapshot must agree on with the space it is restored into. */
    static String fingerprint(ParameterSpace space) {
        var sb = new StringBuilder();
        for (Parameter p : space.parameters()) {
            sb.append(p.name()).append(':').append(p.kind()).append(':').append(p.domain()).append(":default=")
                    .append(p.defaultValue().asString());
            if (p.condition() != null) {
                sb.append(":if ").append(p.condition().parent()).append(" in ").append(p.condition().values());
            }
            sb.append(';');
        }
        return sb.toString();
    }

    /** Test access: the number of unanswered request ids. */
    int openRequests() {
        return requests.size();
    }
}
