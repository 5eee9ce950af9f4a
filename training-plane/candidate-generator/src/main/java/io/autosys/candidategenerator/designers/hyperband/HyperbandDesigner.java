package io.autosys.candidategenerator.designers.hyperband;

import io.autosys.candidategenerator.api.CompletedTrial;
import io.autosys.candidategenerator.api.Designer;
import io.autosys.candidategenerator.api.Problem;
import io.autosys.candidategenerator.api.Suggestion;
import io.autosys.candidategenerator.designers.BaseDesigner;
import io.autosys.candidategenerator.designers.Designers;
import io.autosys.candidategenerator.designers.Settings;
import io.autosys.candidategenerator.designers.SnapshotIO;
import io.autosys.sdk.api.Configuration;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Hyperband (Li et al., JMLR 2018): brackets of successive halving over the trial budget
 * (fidelity in (0, 1], the share of a full benchmark run or request count). Bracket s starts
 * ⌈(s_max+1)/(s+1) η^s⌉ configurations at fidelity η^−s and promotes the best 1/η of each rung to
 * η times the fidelity until fidelity 1. New configurations come from any designer (the
 * {@code sampler} setting: random by default, tpe gives BOHB-like behaviour), which sees every
 * completed trial. When every open bracket waits for results, the next bracket opens, so
 * parallel workers stay busy. Infeasible trials are never promoted.
 */
public final class HyperbandDesigner extends BaseDesigner {
    public static final String NAME = "hyperband";
    static final Set<String> KNOWN = Set.of("sampler", "sampler_settings", "eta", "min_fidelity");

    private final double eta;
    private final int sMax;
    private Designer sampler;
    private int nextBracket;
    private final List<Bracket> brackets = new ArrayList<>();

    private static final int WAITING = 0;
    private static final int RUNNING = 1;
    private static final int DONE = 2;

    private static final class Job {
        Configuration config;
        double fidelity;
        int state;
        double loss = Double.NaN;
    }

    private static final class Bracket {
        int s;
        int rung;
        int unsampled;
        final List<Job> jobs = new ArrayList<>();
    }

    public HyperbandDesigner(Problem problem, Map<String, Object> settings, long seed) {
        super(NAME, problem, Settings.of(NAME, settings, KNOWN), seed);
        Settings s = Settings.of(NAME, settings, KNOWN);
        var names = new ArrayList<>(Designers.names());
        names.remove(NAME);
        String samplerName = s.choice("sampler", "random", names);
        eta = s.real("eta", 3, 2, 100, false);
        double minFidelity = s.real("min_fidelity", 1.0 / 27, 0, 1, true);
        sMax = (int) Math.floor(Math.log(1 / minFidelity) / Math.log(eta) + 1e-9);
        try {
            sampler = Designers.create(samplerName, problem, s.map("sampler_settings"), rng.nextLong());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("designer 'hyperband': setting 'sampler_settings': " + e.getMessage(), e);
        }
        nextBracket = sMax;
    }

    /** The largest bracket index: log_η(1 / min_fidelity), rounded down. */
    public int maxBracket() {
        return sMax;
    }

    @Override
    protected List<Suggestion> propose(int count) {
        var out = new ArrayList<Suggestion>();
        while (out.size() < count) {
            Suggestion s = null;
            for (Bracket b : brackets) {
                s = handOut(b, out);
                if (s != null) {
                    break;
                }
            }
            if (s == null) {
                Bracket b = open();
                s = handOut(b, out);
            }
            out.add(s);
        }
        return out;
    }

    private Bracket open() {
        var b = new Bracket();
        b.s = nextBracket;
        b.rung = 0;
        b.unsampled = (int) Math.ceil((sMax + 1.0) / (b.s + 1) * Math.pow(eta, b.s));
        nextBracket = nextBracket == 0 ? sMax : nextBracket - 1;
        brackets.add(b);
        return b;
    }

    private double fidelity(Bracket b) {
        return Math.min(1.0, Math.pow(eta, b.rung - b.s));
    }

    private Suggestion handOut(Bracket b, List<Suggestion> batch) {
        for (Job j : b.jobs) {
            if (j.state == WAITING) {
                j.state = RUNNING;
                return suggestion(b, j);
            }
        }
        if (b.rung == 0 && b.unsampled > 0) {
            b.unsampled--;
            var j = new Job();
            j.config = sampler.suggest(1).get(0).configuration();
            j.fidelity = fidelity(b);
            j.state = RUNNING;
            b.jobs.add(j);
            return suggestion(b, j);
        }
        return null;
    }

    private static Suggestion suggestion(Bracket b, Job j) {
        var meta = new LinkedHashMap<String, String>();
        meta.put("bracket", Integer.toString(b.s));
        meta.put("rung", Integer.toString(b.rung));
        return new Suggestion(j.config, j.fidelity, meta);
    }

    @Override
    protected void onUpdate(List<CompletedTrial> fresh) {
        for (CompletedTrial t : fresh) {
            match:
            for (Bracket b : brackets) {
                for (Job j : b.jobs) {
                    if (j.state == RUNNING && Math.abs(j.fidelity - t.fidelity()) < 1e-9
                            && j.config.equals(t.configuration())) {
                        j.state = DONE;
                        double l = loss(t);
                        j.loss = Double.isNaN(l) ? Double.POSITIVE_INFINITY : l;
                        break match;
                    }
                }
            }
        }
        sampler.update(fresh, activeTrials());
        var finished = new ArrayList<Bracket>();
        for (Bracket b : brackets) {
            boolean rungDone = b.unsampled == 0 && b.jobs.stream().allMatch(j -> j.state == DONE);
            if (!rungDone) {
                continue;
            }
            if (b.rung >= b.s) {
                finished.add(b);
                continue;
            }
            var done = new ArrayList<>(b.jobs);
            done.sort((x, y) -> Double.compare(x.loss, y.loss));
            int keep = Math.max(1, (int) Math.floor(done.size() / eta));
            b.jobs.clear();
            b.rung++;
            for (int i = 0; i < keep && i < done.size(); i++) {
                if (Double.isInfinite(done.get(i).loss)) {
                    break;
                }
                var j = new Job();
                j.config = done.get(i).config;
                j.fidelity = fidelity(b);
                j.state = WAITING;
                b.jobs.add(j);
            }
            if (b.jobs.isEmpty()) {
                finished.add(b);
            }
        }
        brackets.removeAll(finished);
    }

    @Override
    public java.util.Optional<Configuration> recommendation() {
        // the best at the highest fidelity reached
        CompletedTrial best = null;
        for (CompletedTrial t : completed()) {
            if (!t.isFeasible()) {
                continue;
            }
            if (best == null || t.fidelity() > best.fidelity() + 1e-9
                    || (Math.abs(t.fidelity() - best.fidelity()) < 1e-9 && loss(t) < loss(best))) {
                best = t;
            }
        }
        return best == null ? java.util.Optional.empty() : java.util.Optional.of(best.configuration());
    }

    @Override
    protected void writeState(DataOutputStream out) throws IOException {
        out.writeInt(nextBracket);
        out.writeInt(brackets.size());
        for (Bracket b : brackets) {
            out.writeInt(b.s);
            out.writeInt(b.rung);
            out.writeInt(b.unsampled);
            out.writeInt(b.jobs.size());
            for (Job j : b.jobs) {
                SnapshotIO.writeConfiguration(out, j.config);
                out.writeDouble(j.fidelity);
                out.writeInt(j.state);
                out.writeDouble(j.loss);
            }
        }
        byte[] inner = sampler.snapshot();
        out.writeInt(inner.length);
        out.write(inner);
    }

    @Override
    protected void readState(DataInputStream in) throws IOException {
        nextBracket = in.readInt();
        brackets.clear();
        int nb = in.readInt();
        for (int i = 0; i < nb; i++) {
            var b = new Bracket();
            b.s = in.readInt();
            b.rung = in.readInt();
            b.unsampled = in.readInt();
            int nj = in.readInt();
            for (int k = 0; k < nj; k++) {
                var j = new Job();
                j.config = SnapshotIO.readConfiguration(in);
                j.fidelity = in.readDouble();
                j.state = in.readInt();
                j.loss = in.readDouble();
                b.jobs.add(j);
            }
            brackets.add(b);
        }
        byte[] inner = new byte[in.readInt()];
        in.readFully(inner);
        sampler = Designers.restore(problem, inner);
    }
}
