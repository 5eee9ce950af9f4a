package io.autosys.candidategenerator.online;

import io.autosys.sdk.api.NumericParameter;
import io.autosys.sdk.api.Parameter;
import io.autosys.sdk.api.ParameterSpace;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The parsed, validated settings of one online tuner (what an operator wrote in YAML, with
 * defaults filled in). Immutable; written into every snapshot.
 *
 * @param algorithm        bluefin, exponential-weights, exponential-weights-slates, hybrid, autoscope
 * @param eta              BlueFin's learning rate (default 0.01)
 * @param delta            BlueFin's probe radius in the internal [0, 1] space, in (0, 0.5) (default 0.1)
 * @param feedback         1 (one-point) or 2 (two-point) (default 2)
 * @param optimizer        rmsprop (default) or sgd
 * @param rmspropAlpha     RMSprop's decay of the squared-gradient average (default 0.99)
 * @param rmspropEps       RMSprop's epsilon (default 1e-8)
 * @param etaDecayRate     eta = eta0 / (1 + rate t), delta = sqrt(eta) when > 0 (default 0)
 * @param baselineRate     weight of a new reward in the running mean reward (default 0.1) that
 *                         one-point BlueFin and the bandits' normalisation subtract
 * @param categorical      how a hybrid or an AutoScope leaf tunes categoricals: slates (one bandit
 *                         per parameter, default) or joint (one bandit over all combinations)
 * @param rewardRange      a declared [low, high] reward range for normalisation, or null (running min/max)
 * @param forgetting       the bandits' discount of past evidence per update, in (0, 1]; 1 = never forget
 * @param etaFloor         the bandits' learning rate never decays below this
 * @param explorationFloor the bandits' uniform exploration share never decays below this
 * @param height           AutoScope's tree height (2^height leaves, default 3)
 * @param treeEta          AutoScope's learning rate for the tree (default 0.01)
 * @param treeOptimizer    AutoScope's optimizer for the tree (default rmsprop)
 * @param improvements     which fixes to the reference are on
 * @param maxChange        per numeric parameter, the largest change between two consecutive
 *                         configurations served, in the parameter's own unit
 */
public record TunerConfig(String algorithm, double eta, double delta, int feedback, Optimizer optimizer,
        double rmspropAlpha, double rmspropEps, double etaDecayRate, double baselineRate, String categorical,
        double[] rewardRange, double forgetting, double etaFloor, double explorationFloor, int height, double treeEta,
        Optimizer treeOptimizer, Improvements improvements, Map<String, Double> maxChange) {

    public static final String BLUEFIN = "bluefin";
    public static final String EXPONENTIAL_WEIGHTS = "exponential-weights";
    public static final String EXPONENTIAL_WEIGHTS_SLATES = "exponential-weights-slates";
    public static final String HYBRID = "hybrid";
    public static final String AUTOSCOPE = "autoscope";

    /** Our defaults for drift tracking (used when the improvement is on and nothing is set). */
    static final double TRACKING_FORGETTING = 0.985;
    static final double TRACKING_ETA_FLOOR = 0.15;
    static final double TRACKING_EXPLORATION_FLOOR = 0.05;

    private static final Set<String> COMMON = Set.of("improvements", "repeat_pending");
    private static final Set<String> NUMERIC = Set.of("eta", "delta", "feedback", "optimizer", "rmsprop_alpha",
            "rmsprop_eps", "eta_decay_rate", "baseline_rate", "max_change", "min_probe_step",
            "rmsprop_bias_correction", "reward_baseline");
    private static final Set<String> BANDIT = Set.of("reward_range", "normalize_rewards", "track_drift",
            "forgetting", "eta_floor", "exploration_floor", "baseline_rate");
    private static final Set<String> HYBRID_ONLY = Set.of("categorical", "hold_categoricals");
    private static final Set<String> TREE = Set.of("height", "tree_eta", "tree_optimizer", "free_leaves");

    public TunerConfig {
        maxChange = Collections.unmodifiableMap(new LinkedHashMap<>(maxChange));
        rewardRange = rewardRange == null ? null : rewardRange.clone();
    }

    /** The algorithm names the registry knows. */
    public static Set<String> algorithms() {
        return new java.util.LinkedHashSet<>(java.util.List.of(BLUEFIN, EXPONENTIAL_WEIGHTS,
                EXPONENTIAL_WEIGHTS_SLATES, HYBRID, AUTOSCOPE));
    }

    /** The setting names an algorithm accepts. */
    public static Set<String> allowedSettings(String algorithm) {
        var s = new TreeSet<String>(COMMON);
        switch (algorithm) {
            case BLUEFIN -> s.addAll(NUMERIC);
            case EXPONENTIAL_WEIGHTS, EXPONENTIAL_WEIGHTS_SLATES -> s.addAll(BANDIT);
            case HYBRID -> {
                s.addAll(NUMERIC);
                s.addAll(BANDIT);
                s.addAll(HYBRID_ONLY);
            }
            case AUTOSCOPE -> {
                s.addAll(NUMERIC);
                s.addAll(BANDIT);
                s.addAll(HYBRID_ONLY);
                s.addAll(TREE);
            }
            default -> throw unknownAlgorithm(algorithm);
        }
        return s;
    }

    static IllegalArgumentException unknownAlgorithm(String algorithm) {
        return new IllegalArgumentException("unknown online tuner '" + algorithm + "'; known: "
                + String.join(", ", algorithms()));
    }

    /** Parses and validates {@code settings} for {@code algorithm} over {@code space}. */
    public static TunerConfig parse(String algorithm, ParameterSpace space, Map<String, ?> settings) {
        var r = new SettingsReader(algorithm, settings, allowedSettings(algorithm));
        boolean all = r.bool("improvements", true);
        var imp = new Improvements(r.bool("min_probe_step", all), r.bool("rmsprop_bias_correction", all),
                r.bool("reward_baseline", all), r.bool("normalize_rewards", all), r.bool("hold_categoricals", all),
                r.bool("repeat_pending", all), r.bool("track_drift", all), r.bool("free_leaves", all));

        double eta = r.number("eta", 0.01);
        if (!(eta > 0)) {
            throw r.bad("eta", "must be > 0, got " + eta);
        }
        double delta = r.number("delta", 0.1);
        if (!(delta > 0 && delta < 0.5)) {
            throw r.bad("delta", "must be in (0, 0.5), got " + delta);
        }
        int feedback = r.integer("feedback", 2);
        if (feedback != 1 && feedback != 2) {
            throw r.bad("feedback", "must be 1 (one-point) or 2 (two-point), got " + feedback);
        }
        Optimizer optimizer = Optimizer.parse("optimizer", r.string("optimizer", "rmsprop"));
        double alpha = r.number("rmsprop_alpha", 0.99);
        if (!(alpha > 0 && alpha < 1)) {
            throw r.bad("rmsprop_alpha", "must be in (0, 1), got " + alpha);
        }
        double eps = r.number("rmsprop_eps", 1e-8);
        if (!(eps > 0)) {
            throw r.bad("rmsprop_eps", "must be > 0, got " + eps);
        }
        double decay = r.number("eta_decay_rate", 0);
        if (!(decay >= 0)) {
            throw r.bad("eta_decay_rate", "must be >= 0, got " + decay);
        }
        double baselineRate = r.number("baseline_rate", 0.1);
        if (!(baselineRate > 0 && baselineRate <= 1)) {
            throw r.bad("baseline_rate", "must be in (0, 1], got " + baselineRate);
        }
        String categorical = r.string("categorical", "slates");
        if (!categorical.equals("slates") && !categorical.equals("joint")) {
            throw r.bad("categorical", "must be slates or joint, got '" + categorical + "'");
        }
        double[] range = r.numbers("reward_range");
        if (range != null && (range.length != 2 || !(range[0] < range[1]))) {
            throw r.bad("reward_range", "must be two numbers [low, high] with low < high");
        }
        double forgetting = r.number("forgetting", imp.trackDrift() ? TRACKING_FORGETTING : 1.0);
        if (!(forgetting > 0 && forgetting <= 1)) {
            throw r.bad("forgetting", "must be in (0, 1], got " + forgetting);
        }
        double etaFloor = r.number("eta_floor", imp.trackDrift() ? TRACKING_ETA_FLOOR : 0.0);
        if (!(etaFloor >= 0)) {
            throw r.bad("eta_floor", "must be >= 0, got " + etaFloor);
        }
        double explorationFloor = r.number("exploration_floor", imp.trackDrift() ? TRACKING_EXPLORATION_FLOOR : 0.0);
        if (!(explorationFloor >= 0 && explorationFloor <= 1)) {
            throw r.bad("exploration_floor", "must be in [0, 1], got " + explorationFloor);
        }
        int height = r.integer("height", 3);
        if (height < 1 || height > 10) {
            throw r.bad("height", "must be between 1 and 10, got " + height);
        }
        double treeEta = r.number("tree_eta", 0.01);
        if (!(treeEta > 0)) {
            throw r.bad("tree_eta", "must be > 0, got " + treeEta);
        }
        Optimizer treeOptimizer = Optimizer.parse("tree_optimizer", r.string("tree_optimizer", "rmsprop"));
        Map<String, Double> maxChange = r.numberMap("max_change");
        var config = new TunerConfig(algorithm, eta, delta, feedback, optimizer, alpha, eps, decay, baselineRate,
                categorical, range, forgetting, etaFloor, explorationFloor, height, treeEta, treeOptimizer, imp,
                maxChange);
        config.checkMaxChanges(space);
        return config;
    }

    /** The same settings with another max-change map (validated against {@code space}). */
    public TunerConfig withMaxChange(ParameterSpace space, Map<String, Double> newMaxChange) {
        var c = new TunerConfig(algorithm, eta, delta, feedback, optimizer, rmspropAlpha, rmspropEps, etaDecayRate,
                baselineRate, categorical, rewardRange, forgetting, etaFloor, explorationFloor, height, treeEta,
                treeOptimizer, improvements, newMaxChange);
        c.checkMaxChanges(space);
        return c;
    }

    void checkMaxChanges(ParameterSpace space) {
        maxChange.forEach((name, limit) -> checkMaxChange(space, name, limit));
    }

    static void checkMaxChange(ParameterSpace space, String name, double limit) {
        Parameter p = space.find(name).orElseThrow(() -> new IllegalArgumentException("max_change: unknown parameter '"
                + name + "'; the space has " + space.parameters().stream().map(Parameter::name).toList()));
        if (!(p instanceof NumericParameter n)) {
            throw new IllegalArgumentException("max_change: parameter '" + name + "' is " + p.kind()
                    + "; a maximum change applies to integer and real parameters only");
        }
        if (!(limit > 0) || !Double.isFinite(limit)) {
            throw new IllegalArgumentException("max_change: the limit for '" + name + "' must be a finite number > 0, got "
                    + limit);
        }
        if (n.isStepped() && limit < n.gridStep() * (1 - 1e-9)) {
            throw new IllegalArgumentException("max_change: the limit " + limit + " for '" + name
                    + "' is smaller than its step " + n.gridStep() + ", so it could never move");
        }
    }

    void write(DataOutputStream out) throws IOException {
        out.writeUTF(algorithm);
        out.writeDouble(eta);
        out.writeDouble(delta);
        out.writeInt(feedback);
        out.writeUTF(optimizer.settingValue());
        out.writeDouble(rmspropAlpha);
        out.writeDouble(rmspropEps);
        out.writeDouble(etaDecayRate);
        out.writeDouble(baselineRate);
        out.writeUTF(categorical);
        out.writeBoolean(rewardRange != null);
        if (rewardRange != null) {
            out.writeDouble(rewardRange[0]);
            out.writeDouble(rewardRange[1]);
        }
        out.writeDouble(forgetting);
        out.writeDouble(etaFloor);
        out.writeDouble(explorationFloor);
        out.writeInt(height);
        out.writeDouble(treeEta);
        out.writeUTF(treeOptimizer.settingValue());
        Improvements i = improvements;
        for (boolean b : new boolean[] {i.minProbeStep(), i.rmspropBiasCorrection(), i.rewardBaseline(),
            i.normalizeRewards(), i.holdCategoricals(), i.repeatPending(), i.trackDrift(), i.freeLeaves()}) {
            out.writeBoolean(b);
        }
        out.writeInt(maxChange.size());
        for (var e : maxChange.entrySet()) {
            out.writeUTF(e.getKey());
            out.writeDouble(e.getValue());
        }
    }

    static TunerConfig read(DataInputStream in) throws IOException {
        String algorithm = in.readUTF();
        double eta = in.readDouble();
        double delta = in.readDouble();
        int feedback = in.readInt();
        Optimizer optimizer = Optimizer.parse("optimizer", in.readUTF());
        double alpha = in.readDouble();
        double eps = in.readDouble();
        double decay = in.readDouble();
        double baselineRate = in.readDouble();
        String categorical = in.readUTF();
        double[] range = in.readBoolean() ? new double[] {in.readDouble(), in.readDouble()} : null;
        double forgetting = in.readDouble();
        double etaFloor = in.readDouble();
        double explorationFloor = in.readDouble();
        int height = in.readInt();
        double treeEta = in.readDouble();
        Optimizer treeOptimizer = Optimizer.parse("tree_optimizer", in.readUTF());
        var imp = new Improvements(in.readBoolean(), in.readBoolean(), in.readBoolean(), in.readBoolean(),
                in.readBoolean(), in.readBoolean(), in.readBoolean(), in.readBoolean());
        int n = in.readInt();
        var maxChange = new LinkedHashMap<String, Double>();
        for (int k = 0; k < n; k++) {
            maxChange.put(in.readUTF(), in.readDouble());
        }
        return new TunerConfig(algorithm, eta, delta, feedback, optimizer, alpha, eps, decay, baselineRate,
                categorical, range, forgetting, etaFloor, explorationFloor, height, treeEta, treeOptimizer, imp,
                maxChange);
    }

    @Override
    public double[] rewardRange() {
        return rewardRange == null ? null : rewardRange.clone();
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof TunerConfig c)) {
            return false;
        }
        return algorithm.equals(c.algorithm) && eta == c.eta && delta == c.delta && feedback == c.feedback
                && optimizer == c.optimizer && rmspropAlpha == c.rmspropAlpha && rmspropEps == c.rmspropEps
                && etaDecayRate == c.etaDecayRate && baselineRate == c.baselineRate
                && categorical.equals(c.categorical) && java.util.Arrays.equals(rewardRange, c.rewardRange)
                && forgetting == c.forgetting && etaFloor == c.etaFloor && explorationFloor == c.explorationFloor
                && height == c.height && treeEta == c.treeEta && treeOptimizer == c.treeOptimizer
                && improvements.equals(c.improvements) && maxChange.equals(c.maxChange);
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(algorithm, eta, delta, feedback, optimizer, categorical, improvements, maxChange,
                java.util.Arrays.hashCode(rewardRange));
    }
}
