package io.autosys.candidategenerator.designers;

import io.autosys.candidategenerator.api.Problem;
import io.autosys.candidategenerator.api.Suggestion;
import io.autosys.sdk.api.Configuration;
import io.autosys.sdk.api.NumericParameter;
import io.autosys.sdk.api.Parameter;
import io.autosys.sdk.api.Value;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The full grid: every category, every grid value of a stepped numeric with at most
 * {@code resolution} values, and {@code resolution} evenly spaced values (on the parameter's
 * scale) of anything else. Points are enumerated in mixed radix, in order or shuffled by a
 * seeded bijection; a conditional parameter's values are enumerated only where it is active.
 * When the grid is exhausted, {@link #suggest} returns fewer suggestions (none at the end).
 */
public final class GridDesigner extends BaseDesigner {
    public static final String NAME = "grid";
    private static final Set<String> KNOWN = Set.of("resolution", "shuffle");
    private final List<List<Value>> values = new ArrayList<>();
    private final long total;
    private final long multiplier;
    private final long offset;
    private long position;

    public GridDesigner(Problem problem, Map<String, Object> settings, long seed) {
        super(NAME, problem, Settings.of(NAME, settings, KNOWN), seed);
        Settings s = Settings.of(NAME, settings, KNOWN);
        int resolution = s.integer("resolution", 5, 2, 10_000);
        boolean shuffle = s.bool("shuffle", false);
        BigInteger size = BigInteger.ONE;
        for (Parameter p : encoding.parameters()) {
            List<Value> vs = valuesOf(p, resolution);
            values.add(vs);
            size = size.multiply(BigInteger.valueOf(vs.size()));
        }
        if (size.bitLength() > 62) {
            throw new IllegalArgumentException("designer 'grid': the grid has " + size + " points, too many to"
                    + " enumerate; lower setting 'resolution' or use another designer");
        }
        total = size.longValue();
        if (shuffle && total > 1) {
            long a;
            do {
                a = 1 + Math.floorMod(rng.nextLong(), total - 1);
            } while (BigInteger.valueOf(a).gcd(BigInteger.valueOf(total)).intValue() != 1);
            multiplier = a;
            offset = Math.floorMod(rng.nextLong(), total);
        } else {
            multiplier = 1;
            offset = 0;
        }
    }

    private static List<Value> valuesOf(Parameter p, int resolution) {
        if (p.isConstant()) {
            return List.of(p instanceof NumericParameter n ? n.valueOf(n.lower()) : Encoding.category(p, 0));
        }
        if (p instanceof NumericParameter n) {
            var set = new LinkedHashSet<Value>();
            if (n.isStepped() && n.indexCount() + 1 <= resolution) {
                for (long k = 0; k <= n.indexCount(); k++) {
                    set.add(n.valueAtIndex(k));
                }
            } else {
                for (int i = 0; i < resolution; i++) {
                    set.add(n.fromUnit(i / (double) (resolution - 1)));
                }
            }
            return List.copyOf(set);
        }
        var out = new ArrayList<Value>();
        for (int i = 0; i < Encoding.categoryCount(p); i++) {
            out.add(Encoding.category(p, i));
        }
        return out;
    }

    /** The number of points of the full grid (conditional duplicates included). */
    public long gridSize() {
        return total;
    }

    @Override
    protected List<Suggestion> propose(int count) {
        var out = new ArrayList<Suggestion>();
        while (out.size() < count && position < total) {
            long index = (mulMod(multiplier, position, total) + offset) % total;
            position++;
            Configuration c = at(index);
            if (c != null && !known(c) && out.stream().noneMatch(s -> s.configuration().equals(c))) {
                out.add(Suggestion.of(c));
            }
        }
        return out;
    }

    private static long mulMod(long a, long b, long m) {
        return BigInteger.valueOf(a).multiply(BigInteger.valueOf(b)).mod(BigInteger.valueOf(m)).longValue();
    }

    /** The grid point at a mixed-radix index, or null when an inactive parameter's digit is not 0 (a duplicate). */
    private Configuration at(long index) {
        var b = new LinkedHashMap<String, Value>();
        long rest = index;
        List<Parameter> ps = encoding.parameters();
        for (int i = ps.size() - 1; i >= 0; i--) {
            // the last parameter is the least significant digit
            long radix = values.get(i).size();
            long digit = rest % radix;
            rest /= radix;
            b.put(ps.get(i).name(), values.get(i).get((int) digit));
        }
        var cfg = new LinkedHashMap<String, Value>();
        for (Parameter p : ps) {
            boolean active = problem.space().isActive(p, Configuration.of(cfg));
            Value v = b.get(p.name());
            if (active) {
                cfg.put(p.name(), v);
            } else if (!v.equals(values.get(ps.indexOf(p)).get(0))) {
                return null;
            }
        }
        return Configuration.of(cfg);
    }

    @Override
    protected void writeState(DataOutputStream out) throws IOException {
        out.writeLong(position);
    }

    @Override
    protected void readState(DataInputStream in) throws IOException {
        position = in.readLong();
    }
}
