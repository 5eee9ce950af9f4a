package io.autosys.candidategenerator.online;

import io.autosys.sdk.api.Context;
import io.autosys.sdk.api.ContextFeatureSpec;
import io.autosys.sdk.api.ContextValue;
import io.autosys.sdk.api.FeatureKind;
import io.autosys.sdk.api.ParameterSpace;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * AutoScope (OPPerTune NSDI 2024): an oblique decision tree routes each context (numeric
 * features raw, categorical ones one-hot) to one of 2^height leaves, each leaf its own learner
 * (BlueFin, plus exponential weights when the space has categoricals), so each scope (job type,
 * VM size, region) converges to its own configuration. The tree learns from the leaves' gradients
 * ({@link ObliqueTree}); a reward for a request whose context now routes to another leaf is
 * skipped.
 */
public final class AutoScopeTuner extends AbstractLiveTuner {
    private final List<ContextFeatureSpec> features;
    private final int inputs;
    private final ObliqueTree tree;
    private final boolean freeLeaves;
    /** Per context (its feature vector): the running mean of its leaves' gradients. */
    private final LinkedHashMap<List<Double>, double[]> meanGradient = bounded();
    /** Per context: the leaf that served it last. */
    private final LinkedHashMap<List<Double>, Integer> lastLeaf = bounded();

    AutoScopeTuner(ParameterSpace space, List<ContextFeatureSpec> features, TunerConfig config, RandomSource random,
            boolean initialize) {
        super(space, config, random, leaves(space, config));
        this.features = List.copyOf(checkFeatures(features));
        int n = 0;
        for (ContextFeatureSpec f : this.features) {
            n += f.kind() == FeatureKind.NUMERIC ? 1 : f.categories().size();
        }
        this.inputs = n;
        if (scopes.get(0).learner.numeric == null) {
            throw new IllegalArgumentException("autoscope needs at least one non-constant integer or real parameter:"
                    + " its tree learns from BlueFin's gradients");
        }
        this.tree = new ObliqueTree(config.height(), inputs, config.treeEta(), config.treeOptimizer(),
                config.improvements().rmspropBiasCorrection());
        this.freeLeaves = config.improvements().freeLeaves();
        if (initialize) {
            tree.initialize(random);
        }
    }

    private static List<Learner> leaves(ParameterSpace space, TunerConfig config) {
        var out = new ArrayList<Learner>();
        for (int i = 0; i < (1 << config.height()); i++) {
            out.add(new Learner(space, config, config.categorical().equals("joint")));
        }
        return out;
    }

    private static List<ContextFeatureSpec> checkFeatures(List<ContextFeatureSpec> features) {
        if (features == null || features.isEmpty()) {
            throw new IllegalArgumentException("autoscope needs at least one context feature (job type, VM size, ...)"
                    + " to route on");
        }
        var names = new HashSet<String>();
        for (ContextFeatureSpec f : features) {
            if (!names.add(f.name())) {
                throw new IllegalArgumentException("context feature '" + f.name() + "' is listed twice");
            }
            if (f.kind() == FeatureKind.CATEGORICAL && f.categories().size() < 2) {
                throw new IllegalArgumentException("categorical context feature '" + f.name()
                        + "' needs at least 2 categories, got " + f.categories());
            }
        }
        return features;
    }

    public List<ContextFeatureSpec> features() {
        return features;
    }

    /** The feature vector of a context: numeric features raw, categorical ones one-hot. */
    double[] encode(Context context) {
        double[] x = new double[inputs];
        int at = 0;
        for (ContextFeatureSpec f : features) {
            ContextValue v = context.find(f.name()).orElseThrow(() -> new IllegalArgumentException(
                    "context has no value for feature '" + f.name() + "'; autoscope routes on " + features.stream()
                            .map(ContextFeatureSpec::name).toList()));
            if (f.kind() == FeatureKind.NUMERIC) {
                if (!(v instanceof ContextValue.Number num)) {
                    throw new IllegalArgumentException("context feature '" + f.name() + "' is numeric but got label '"
                            + ((ContextValue.Label) v).value() + "'");
                }
                x[at++] = num.value();
            } else {
                if (!(v instanceof ContextValue.Label label)) {
                    throw new IllegalArgumentException("context feature '" + f.name() + "' is categorical but got number "
                            + ((ContextValue.Number) v).value());
                }
                int k = f.categories().indexOf(label.value());
                if (k < 0) {
                    throw new IllegalArgumentException("context feature '" + f.name() + "' value '" + label.value()
                            + "' is not one of " + f.categories());
                }
                x[at + k] = 1;
                at += f.categories().size();
            }
        }
        return x;
    }

    @Override
    Route route(Context context) {
        double[] x = encode(context);
        return new Route(tree.leaf(x), x);
    }

    /** Weight of a new gradient in a context's running mean gradient. */
    private static final double GRADIENT_RATE = 0.1;

    private static <V> LinkedHashMap<List<Double>, V> bounded() {
        return new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<List<Double>, V> eldest) {
                return size() > MAX_CONTEXTS;
            }
        };
    }

    /** Contexts remembered for free leaves (least recently seen forgotten first). */
    static final int MAX_CONTEXTS = 4096;

    private static List<Double> key(double[] x) {
        var k = new ArrayList<Double>(x.length);
        for (double v : x) {
            k.add(v);
        }
        return List.copyOf(k);
    }

    @Override
    void routed(Route route) {
        Integer previous = lastLeaf.put(key(route.features()), route.scope());
        Scope target = scopes.get(route.scope());
        if (freeLeaves && previous != null && previous != route.scope() && !target.used
                && scopes.get(previous).used) {
            // A context entering a leaf that never served anyone continues from its old leaf's state.
            target.learner.copyStateFrom(scopes.get(previous).learner);
        }
    }

    @Override
    void learn(Request request, Scope scope, double reward) {
        if (request.features == null || tree.leaf(request.features) != request.scope) {
            return; // the tree moved this context to another leaf since the prediction
        }
        double[][] centers = new double[scopes.size()][];
        for (int j = 0; j < centers.length; j++) {
            centers[j] = scopes.get(j).learner.numeric.center();
        }
        if (!scope.learner.reward(reward)) {
            return;
        }
        double[] g = scope.learner.numeric.lastGradient();
        List<Double> k = key(request.features);
        double[] mean = meanGradient.get(k);
        if (mean == null) {
            mean = new double[g.length];
            meanGradient.put(k, mean);
        }
        if (freeLeaves) {
            // A free leaf could become anything; value it as this leaf moved along the context's
            // running mean gradient (about where the context wants to go). Contexts near their
            // optimum have a mean near 0 and stay; two contexts pulling one leaf apart do not.
            for (int j = 0; j < centers.length; j++) {
                if (!scopes.get(j).used) {
                    for (int c = 0; c < g.length; c++) {
                        centers[j][c] = centers[request.scope][c] + mean[c];
                    }
                }
            }
        }
        tree.learn(request.features, g, centers);
        for (int c = 0; c < g.length; c++) {
            mean[c] += GRADIENT_RATE * (g[c] - mean[c]);
        }
    }

    /** The leaf a context is routed to now. */
    public int leafOf(Context context) {
        return tree.leaf(encode(context));
    }

    /** Every leaf's BlueFin center in internal coordinates. */
    public double[][] leafCenters() {
        double[][] out = new double[scopes.size()][];
        for (int j = 0; j < out.length; j++) {
            out[j] = scopes.get(j).learner.numeric.center();
        }
        return out;
    }

    double[][] treeWeights() {
        return tree.weights();
    }

    double[] treeBias() {
        return tree.bias();
    }

    @Override
    void writeHeader(DataOutputStream out) throws IOException {
        writeFeatures(out, features);
    }

    static void writeFeatures(DataOutputStream out, List<ContextFeatureSpec> features) throws IOException {
        out.writeInt(features.size());
        for (ContextFeatureSpec f : features) {
            out.writeUTF(f.name());
            out.writeUTF(f.kind().name());
            out.writeInt(f.categories().size());
            for (String c : f.categories()) {
                out.writeUTF(c);
            }
            out.writeUTF(f.description());
        }
    }

    static List<ContextFeatureSpec> readFeatures(DataInputStream in) throws IOException {
        int n = in.readInt();
        var out = new ArrayList<ContextFeatureSpec>();
        for (int i = 0; i < n; i++) {
            String name = in.readUTF();
            FeatureKind kind = FeatureKind.valueOf(in.readUTF());
            int k = in.readInt();
            var cats = new ArrayList<String>();
            for (int c = 0; c < k; c++) {
                cats.add(in.readUTF());
            }
            out.add(new ContextFeatureSpec(name, kind, cats, in.readUTF()));
        }
        return out;
    }

    @Override
    void writeState(DataOutputStream out) throws IOException {
        tree.write(out);
        out.writeInt(lastLeaf.size());
        for (var e : lastLeaf.entrySet()) {
            writeKey(out, e.getKey());
            out.writeInt(e.getValue());
        }
        out.writeInt(meanGradient.size());
        for (var e : meanGradient.entrySet()) {
            writeKey(out, e.getKey());
            Snapshots.writeDoubles(out, e.getValue());
        }
    }

    @Override
    void readState(DataInputStream in) throws IOException {
        tree.read(in);
        lastLeaf.clear();
        int n = in.readInt();
        for (int i = 0; i < n; i++) {
            List<Double> k = readKey(in);
            int leaf = in.readInt();
            if (leaf < 0 || leaf >= scopes.size()) {
                throw new IOException("corrupt snapshot: context routed to leaf " + leaf);
            }
            lastLeaf.put(k, leaf);
        }
        meanGradient.clear();
        int m = in.readInt();
        for (int i = 0; i < m; i++) {
            List<Double> k = readKey(in);
            meanGradient.put(k, Snapshots.readDoubles(in));
        }
    }

    private static void writeKey(DataOutputStream out, List<Double> key) throws IOException {
        out.writeInt(key.size());
        for (double v : key) {
            out.writeDouble(v);
        }
    }

    private List<Double> readKey(DataInputStream in) throws IOException {
        int n = in.readInt();
        if (n != inputs) {
            throw new IOException("corrupt snapshot: a context of " + n + " features, expected " + inputs);
        }
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = in.readDouble();
        }
        return key(x);
    }
}
