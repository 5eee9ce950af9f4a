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
import java.util.List;

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

    @Override
    void learn(Request request, Scope scope, double reward) {
        if (request.features == null || tree.leaf(request.features) != request.scope) {
            return; // the tree moved this context to another leaf since the prediction
        }
        double[][] centers = new double[scopes.size()][];
        for (int j = 0; j < centers.length; j++) {
            centers[j] = scopes.get(j).learner.numeric.center();
        }
        if (scope.learner.reward(reward)) {
            tree.learn(request.features, scope.learner.numeric.lastGradient(), centers);
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
    }

    @Override
    void readState(DataInputStream in) throws IOException {
        tree.read(in);
    }
}
