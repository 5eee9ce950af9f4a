package io.autosys.candidategenerator.online;

import io.autosys.sdk.api.BooleanParameter;
import io.autosys.sdk.api.CategoricalParameter;
import io.autosys.sdk.api.Configuration;
import io.autosys.sdk.api.NumericParameter;
import io.autosys.sdk.api.Parameter;
import io.autosys.sdk.api.ParameterSpace;
import io.autosys.sdk.api.Value;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One context-free learner over a whole space: BlueFin for the numeric parameters, exponential
 * weights for the categorical and boolean ones (either part may be absent), the same reward to
 * both (OPPerTune's hybrid). Constant parameters pass through; parameters inactive under the
 * chosen categories are left out of the configuration.
 */
final class Learner {
    private final ParameterSpace space;
    final BlueFin numeric;
    final CategoricalPart categorical;
    private final boolean hold;
    private final Map<String, Integer> numericIndex = new HashMap<>();
    private final Map<String, Integer> categoricalIndex = new HashMap<>();

    Learner(ParameterSpace space, TunerConfig config, boolean jointCategoricals) {
        this.space = space;
        var coords = new ArrayList<NumericCoordinate>();
        var cats = new ArrayList<Parameter>();
        for (Parameter p : space.parameters()) {
            if (p.isConstant()) {
                continue;
            }
            if (p instanceof NumericParameter n) {
                numericIndex.put(p.name(), coords.size());
                coords.add(new NumericCoordinate(n));
            } else if (p instanceof CategoricalParameter || p instanceof BooleanParameter) {
                categoricalIndex.put(p.name(), cats.size());
                cats.add(p);
            }
        }
        if (coords.isEmpty()) {
            this.numeric = null;
        } else {
            double[] c0 = new double[coords.size()];
            for (int j = 0; j < c0.length; j++) {
                c0[j] = coords.get(j).encode(coords.get(j).parameter.defaultValue());
            }
            this.numeric = new BlueFin(coords, c0, config);
        }
        this.categorical = cats.isEmpty() ? null : new CategoricalPart(cats, jointCategoricals, config);
        // Improvement 5: a two-point pair differences two rewards; a categorical re-drawn between
        // them would put its own effect into the difference.
        this.hold = config.improvements().holdCategoricals() && numeric != null && numeric.feedback() == 2;
    }

    /** The configuration to serve now (draws what the probe needs). */
    Configuration probe(RandomSource random) {
        if (categorical != null && !(hold && numeric.phase() == 1)) {
            categorical.draw(random);
        }
        double[] w = numeric == null ? null : numeric.probe(random);
        return assemble(w, categorical == null ? null : categorical.chosen());
    }

    /** The current best guess without exploration: BlueFin's center and each bandit's likeliest arm. */
    Configuration exploit() {
        return assemble(numeric == null ? null : numeric.center(), categorical == null ? null : categorical.best());
    }

    /** Learns from the reward of the current probe; true when BlueFin took a gradient step. */
    boolean reward(double r) {
        if (categorical != null) {
            categorical.update(r);
        }
        return numeric != null && numeric.reward(r);
    }

    /** Becomes a copy of {@code other}'s learnt state (same space and settings), with no pair under way. */
    void copyStateFrom(Learner other) {
        try {
            var bytes = new java.io.ByteArrayOutputStream();
            try (var out = new DataOutputStream(bytes)) {
                other.write(out);
            }
            try (var in = new DataInputStream(new java.io.ByteArrayInputStream(bytes.toByteArray()))) {
                read(in);
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        restartPair();
    }

    void restartPair() {
        if (numeric != null) {
            numeric.restartPair();
        }
    }

    /** Applies an operator's per-step limit (in the parameter's unit; +infinity removes it). */
    void setLimit(String parameter, double maxChange) {
        Integer j = numericIndex.get(parameter);
        if (j != null) {
            numeric.setLimit(j, Double.isFinite(maxChange) ? numeric.coords[j].internalLimit(maxChange)
                    : Double.POSITIVE_INFINITY);
        }
    }

    NumericCoordinate coordinate(String parameter) {
        Integer j = numericIndex.get(parameter);
        return j == null ? null : numeric.coords[j];
    }

    private Configuration assemble(double[] w, int[] cats) {
        var all = new LinkedHashMap<String, Value>();
        for (Parameter p : space.parameters()) {
            Integer j = numericIndex.get(p.name());
            Integer c = categoricalIndex.get(p.name());
            if (j != null) {
                all.put(p.name(), numeric.coords[j].decode(w[j]));
            } else if (c != null) {
                all.put(p.name(), CategoricalPart.valueAt(p, cats[c]));
            } else {
                all.put(p.name(), p.defaultValue());
            }
        }
        if (!space.isConditional()) {
            return Configuration.of(all);
        }
        var active = new LinkedHashMap<String, Value>();
        for (Parameter p : space.parameters()) {
            if (space.isActive(p, Configuration.of(active))) {
                active.put(p.name(), all.get(p.name()));
            }
        }
        return Configuration.of(active);
    }

    List<String> numericNames() {
        return numeric == null ? List.of() : java.util.Arrays.stream(numeric.coords).map(NumericCoordinate::name)
                .toList();
    }

    void write(DataOutputStream out) throws IOException {
        out.writeBoolean(numeric != null);
        if (numeric != null) {
            numeric.write(out);
        }
        out.writeBoolean(categorical != null);
        if (categorical != null) {
            categorical.write(out);
        }
    }

    void read(DataInputStream in) throws IOException {
        if (in.readBoolean() != (numeric != null)) {
            throw new IOException("corrupt snapshot: numeric part presence differs from the space");
        }
        if (numeric != null) {
            numeric.read(in);
        }
        if (in.readBoolean() != (categorical != null)) {
            throw new IOException("corrupt snapshot: categorical part presence differs from the space");
        }
        if (categorical != null) {
            categorical.read(in);
        }
    }
}
