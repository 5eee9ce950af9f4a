package io.autosys.candidategenerator.online;

import io.autosys.sdk.api.Context;
import io.autosys.sdk.api.ParameterSpace;
import java.util.List;

/**
 * BlueFin, ExponentialWeights, ExponentialWeightsSlates and the hybrid of BlueFin with either:
 * one learner over the whole space, whatever the context.
 */
public final class ContextFreeTuner extends AbstractLiveTuner {

    ContextFreeTuner(ParameterSpace space, TunerConfig config, RandomSource random) {
        super(space, config, random, List.of(new Learner(space, config, jointCategoricals(config))));
    }

    private static boolean jointCategoricals(TunerConfig config) {
        return switch (config.algorithm()) {
            case TunerConfig.EXPONENTIAL_WEIGHTS -> true;
            case TunerConfig.EXPONENTIAL_WEIGHTS_SLATES, TunerConfig.BLUEFIN -> false;
            default -> config.categorical().equals("joint");
        };
    }

    @Override
    Route route(Context context) {
        return new Route(0, null);
    }

    @Override
    void learn(Request request, Scope scope, double reward) {
        scope.learner.reward(reward);
    }

    private Learner learner() {
        return scopes.get(0).learner;
    }

    // ---- read-only views of the learner's state (replay tests, dashboards) ----

    /** BlueFin's center in its internal [0, 1] coordinates, in space order; empty without numeric parameters. */
    public double[] numericCenter() {
        return learner().numeric == null ? new double[0] : learner().numeric.center();
    }

    /** BlueFin's current learning rate (NaN without numeric parameters). */
    public double numericEta() {
        return learner().numeric == null ? Double.NaN : learner().numeric.eta();
    }

    /** BlueFin's current probe radius (NaN without numeric parameters). */
    public double numericDelta() {
        return learner().numeric == null ? Double.NaN : learner().numeric.delta();
    }

    /** BlueFin's completed gradient steps. */
    public long numericSteps() {
        return learner().numeric == null ? 0 : learner().numeric.steps();
    }

    /** The weights of each bandit (one for joint exponential weights, one per parameter for slates). */
    public double[][] banditProbabilities() {
        return bandits(0);
    }

    /** The probabilities each bandit's last arm was drawn with. */
    public double[][] banditDrawProbabilities() {
        return bandits(1);
    }

    /** Each bandit's current learning rate. */
    public double[] banditEta() {
        Bandit[] b = bandits();
        double[] out = new double[b.length];
        for (int i = 0; i < b.length; i++) {
            out[i] = b[i].eta();
        }
        return out;
    }

    /** Each bandit's current exploration share. */
    public double[] banditDelta() {
        Bandit[] b = bandits();
        double[] out = new double[b.length];
        for (int i = 0; i < b.length; i++) {
            out[i] = b[i].delta();
        }
        return out;
    }

    private Bandit[] bandits() {
        return learner().categorical == null ? new Bandit[0] : learner().categorical.bandits();
    }

    private double[][] bandits(int what) {
        Bandit[] b = bandits();
        double[][] out = new double[b.length][];
        for (int i = 0; i < b.length; i++) {
            out[i] = what == 0 ? b[i].probabilities() : b[i].drawProbabilities();
        }
        return out;
    }
}
