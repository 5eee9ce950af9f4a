package io.autosys.candidategenerator.designers;

import io.autosys.candidategenerator.api.CompletedTrial;
import io.autosys.candidategenerator.api.Designer;
import io.autosys.candidategenerator.api.PendingTrial;
import io.autosys.candidategenerator.api.Problem;
import io.autosys.candidategenerator.api.Rng;
import io.autosys.candidategenerator.api.Suggestion;
import io.autosys.sdk.api.Configuration;
import io.autosys.sdk.api.Goal;
import io.autosys.sdk.api.InvalidConfigurationException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What every designer shares: the problem, its settings and seed, the one {@link Rng}, the
 * trials seen so far (each id once), the running trials, and the versioned binary snapshot
 * (header, settings, random state, trials, then the designer's own state). Objectives are kept
 * as losses (lower is better) whatever the study's goal.
 */
public abstract class BaseDesigner implements Designer {
    static final int MAGIC = 0x41534453; // "ASDS"
    static final int VERSION = 1;

    protected final String name;
    protected final Problem problem;
    protected final Encoding encoding;
    protected final Map<String, Object> rawSettings;
    protected final long seed;
    protected Rng rng;
    private final List<CompletedTrial> completed = new ArrayList<>();
    private final Set<Long> seen = new HashSet<>();
    private List<PendingTrial> active = List.of();
    /** Suggested since the last update; treated as running until the next update says otherwise. */
    private final List<Configuration> outstanding = new ArrayList<>();

    protected BaseDesigner(String name, Problem problem, Settings settings, long seed) {
        this.name = name;
        this.problem = problem;
        this.encoding = new Encoding(problem.space());
        this.rawSettings = settings.raw();
        this.seed = seed;
        this.rng = new Rng(seed);
    }

    public String name() {
        return name;
    }

    public Problem problem() {
        return problem;
    }

    @Override
    public final List<Suggestion> suggest(int count) {
        if (count < 1) {
            throw new IllegalArgumentException("designer '" + name + "': suggest needs count >= 1, got " + count);
        }
        List<Suggestion> out = propose(count);
        for (Suggestion s : out) {
            try {
                problem.space().validate(s.configuration());
            } catch (InvalidConfigurationException e) {
                throw new IllegalStateException("designer '" + name + "' produced an invalid configuration "
                        + s.configuration() + ": " + e.getMessage(), e);
            }
            outstanding.add(s.configuration());
        }
        return out;
    }

    /** Up to {@code count} valid suggestions. */
    protected abstract List<Suggestion> propose(int count);

    @Override
    public final void update(List<CompletedTrial> newlyCompleted, List<PendingTrial> running) {
        var fresh = new ArrayList<CompletedTrial>();
        for (CompletedTrial t : newlyCompleted) {
            if (seen.contains(t.id())) {
                continue;
            }
            var violations = problem.space().violations(t.configuration());
            if (!violations.isEmpty()) {
                throw new IllegalArgumentException("designer '" + name + "': trial " + t.id()
                        + " has a configuration that is not valid in the study's space: "
                        + new InvalidConfigurationException(violations).getMessage());
            }
            seen.add(t.id());
            completed.add(t);
            fresh.add(t);
        }
        active = running == null ? List.of() : List.copyOf(running);
        outstanding.clear();
        onUpdate(fresh);
    }

    /** Called after new trials were recorded (possibly none). */
    protected void onUpdate(List<CompletedTrial> fresh) {
    }

    /** Every completed trial, in arrival order. */
    protected final List<CompletedTrial> completed() {
        return Collections.unmodifiableList(completed);
    }

    /** Configurations running now or suggested since the last update. */
    protected final List<Configuration> pending() {
        var out = new ArrayList<Configuration>();
        for (PendingTrial p : active) {
            out.add(p.configuration());
        }
        out.addAll(outstanding);
        return out;
    }

    protected final List<PendingTrial> activeTrials() {
        return active;
    }

    /** The trial's objective as a loss (lower is better); NaN when infeasible. */
    protected final double loss(CompletedTrial t) {
        if (!t.isFeasible()) {
            return Double.NaN;
        }
        return problem.goal() == Goal.MINIMIZE ? t.objective() : -t.objective();
    }

    /** True when {@code c} was already tried, is running, or was suggested. */
    protected final boolean known(Configuration c) {
        for (CompletedTrial t : completed) {
            if (t.configuration().equals(c)) {
                return true;
            }
        }
        return pending().contains(c);
    }

    /** The best feasible configuration seen, by objective. */
    @Override
    public Optional<Configuration> recommendation() {
        CompletedTrial best = null;
        for (CompletedTrial t : completed) {
            if (t.isFeasible() && (best == null || loss(t) < loss(best))) {
                best = t;
            }
        }
        return best == null ? Optional.empty() : Optional.of(best.configuration());
    }

    /** A random configuration not known yet (falls back to a known one after many tries). */
    protected final Configuration freshRandom(List<Configuration> alsoAvoid) {
        Configuration c = encoding.random(rng);
        for (int i = 0; i < 50 && (known(c) || alsoAvoid.contains(c)); i++) {
            c = encoding.random(rng);
        }
        return c;
    }

    @Override
    public final byte[] snapshot() {
        var bytes = new ByteArrayOutputStream();
        try (var out = new DataOutputStream(bytes)) {
            out.writeInt(MAGIC);
            out.writeInt(VERSION);
            out.writeUTF(name);
            SnapshotIO.writeObject(out, rawSettings);
            out.writeLong(seed);
            out.writeLong(rng.state());
            out.writeDouble(rng.spare());
            out.writeInt(completed.size());
            for (CompletedTrial t : completed) {
                SnapshotIO.writeCompleted(out, t);
            }
            out.writeInt(active.size());
            for (PendingTrial p : active) {
                SnapshotIO.writePending(out, p);
            }
            out.writeInt(outstanding.size());
            for (Configuration c : outstanding) {
                SnapshotIO.writeConfiguration(out, c);
            }
            writeState(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** The designer's own state after the common part. */
    protected void writeState(DataOutputStream out) throws IOException {
    }

    /** Reads what {@link #writeState} wrote. */
    protected void readState(DataInputStream in) throws IOException {
    }

    /** The common header of a snapshot. */
    public record Header(String designer, Map<String, Object> settings, long seed) {
    }

    /** Reads the header of a snapshot; a clear error when the bytes are not a designer snapshot. */
    @SuppressWarnings("unchecked")
    public static Header header(byte[] snapshot) {
        try (var in = new DataInputStream(new ByteArrayInputStream(snapshot))) {
            if (in.readInt() != MAGIC) {
                throw new IllegalArgumentException("not a designer snapshot (bad magic number)");
            }
            int version = in.readInt();
            if (version != VERSION) {
                throw new IllegalArgumentException("designer snapshot version " + version + " is not supported (this"
                        + " build reads version " + VERSION + ")");
            }
            String designer = in.readUTF();
            Object settings = SnapshotIO.readObject(in);
            return new Header(designer, (Map<String, Object>) settings, in.readLong());
        } catch (IOException e) {
            throw new IllegalArgumentException("designer snapshot is truncated or corrupt: " + e.getMessage(), e);
        }
    }

    /** Loads a snapshot into a designer freshly created from the snapshot's header. */
    final void load(byte[] snapshot) {
        try (var in = new DataInputStream(new ByteArrayInputStream(snapshot))) {
            in.readInt();
            in.readInt();
            String designer = in.readUTF();
            if (!designer.equals(name)) {
                throw new IllegalArgumentException("snapshot is of designer '" + designer + "', not '" + name + "'");
            }
            SnapshotIO.readObject(in);
            in.readLong();
            rng = Rng.restore(in.readLong(), in.readDouble());
            completed.clear();
            seen.clear();
            int n = in.readInt();
            for (int i = 0; i < n; i++) {
                CompletedTrial t = SnapshotIO.readCompleted(in);
                completed.add(t);
                seen.add(t.id());
            }
            int a = in.readInt();
            var act = new ArrayList<PendingTrial>();
            for (int i = 0; i < a; i++) {
                act.add(SnapshotIO.readPending(in));
            }
            active = List.copyOf(act);
            outstanding.clear();
            int o = in.readInt();
            for (int i = 0; i < o; i++) {
                outstanding.add(SnapshotIO.readConfiguration(in));
            }
            readState(in);
        } catch (IOException e) {
            throw new IllegalArgumentException("designer snapshot is truncated or corrupt: " + e.getMessage(), e);
        }
    }
}
