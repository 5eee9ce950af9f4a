package io.autosys.candidategenerator.designers;

import io.autosys.candidategenerator.api.Problem;
import io.autosys.candidategenerator.api.Suggestion;
import io.autosys.sdk.api.Configuration;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.hipparchus.random.SobolSequenceGenerator;

/**
 * A Sobol sequence (Hipparchus's generator, Joe-Kuo direction numbers) over one coordinate per
 * parameter, with a random shift modulo 1 drawn from the seed (Cranley-Patterson rotation) so
 * seeds give different but equally even designs. Also the initial design of the model-based
 * designers.
 */
public final class SobolDesigner extends BaseDesigner {
    public static final String NAME = "sobol";
    private final QuasiRandom sequence;

    public SobolDesigner(Problem problem, Map<String, Object> settings, long seed) {
        super(NAME, problem, Settings.of(NAME, settings, Set.of("scramble")), seed);
        boolean scramble = Settings.of(NAME, settings, Set.of("scramble")).bool("scramble", true);
        sequence = new QuasiRandom(encoding.parameters().size(), scramble ? rng : null);
    }

    @Override
    protected List<Suggestion> propose(int count) {
        var out = new ArrayList<Configuration>();
        var suggestions = new ArrayList<Suggestion>();
        for (int i = 0; i < count; i++) {
            Configuration c = null;
            for (int tries = 0; tries < 64; tries++) {
                c = encoding.fromCoordinates(sequence.next());
                if (!known(c) && !out.contains(c)) {
                    break;
                }
            }
            out.add(c);
            suggestions.add(Suggestion.of(c));
        }
        return suggestions;
    }

    @Override
    protected void writeState(DataOutputStream out) throws IOException {
        sequence.write(out);
    }

    @Override
    protected void readState(DataInputStream in) throws IOException {
        sequence.read(in);
    }

    /** A shifted Sobol sequence in [0, 1)^d whose position is part of the snapshot. */
    public static final class QuasiRandom {
        private final int dims;
        private final double[] shift;
        private SobolSequenceGenerator generator;
        private int drawn;

        /** {@code shiftSource} null means no shift; the first (all-zero) point is skipped. */
        public QuasiRandom(int dims, io.autosys.candidategenerator.api.Rng shiftSource) {
            this.dims = Math.max(1, dims);
            this.shift = new double[this.dims];
            if (shiftSource != null) {
                for (int i = 0; i < this.dims; i++) {
                    shift[i] = shiftSource.nextDouble();
                }
            }
            reset(0);
        }

        private void reset(int position) {
            generator = new SobolSequenceGenerator(dims);
            generator.skipTo(position + 1);
            drawn = position;
        }

        public double[] next() {
            double[] v = generator.nextVector();
            drawn++;
            for (int i = 0; i < dims; i++) {
                v[i] = (v[i] + shift[i]) % 1.0;
            }
            return v;
        }

        public void write(DataOutputStream out) throws IOException {
            out.writeInt(drawn);
        }

        public void read(DataInputStream in) throws IOException {
            reset(in.readInt());
        }
    }
}
