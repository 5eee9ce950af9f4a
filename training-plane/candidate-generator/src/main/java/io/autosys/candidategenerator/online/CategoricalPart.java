package io.autosys.candidategenerator.online;

import io.autosys.sdk.api.BooleanParameter;
import io.autosys.sdk.api.CategoricalParameter;
import io.autosys.sdk.api.Parameter;
import io.autosys.sdk.api.Value;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.List;

/**
 * The categorical and boolean parameters of a tuner, learnt by exponential weights: one bandit
 * over every joint combination (ExponentialWeights; the arm index is mixed radix with the last
 * parameter least significant) or one bandit per parameter (ExponentialWeightsSlates), all
 * rewarded with the same reward.
 */
final class CategoricalPart {
    final List<Parameter> parameters;
    private final int[] sizes;
    private final boolean joint;
    private final Bandit[] bandits;
    private final RewardNormalizer normalizer;
    private final int[] chosen;
    private boolean drawn;

    CategoricalPart(List<Parameter> parameters, boolean joint, TunerConfig config) {
        this.parameters = List.copyOf(parameters);
        this.sizes = new int[parameters.size()];
        for (int i = 0; i < sizes.length; i++) {
            sizes[i] = size(parameters.get(i));
        }
        this.joint = joint;
        if (joint) {
            long k = 1;
            for (int s : sizes) {
                k *= s;
                if (k > 1_000_000) {
                    throw new IllegalArgumentException("exponential-weights over " + parameters.stream()
                            .map(Parameter::name).toList() + " would need more than 1,000,000 arms;"
                            + " use exponential-weights-slates (or categorical: slates)");
                }
            }
            int defaultArm = 0;
            for (int i = 0; i < sizes.length; i++) {
                defaultArm = defaultArm * sizes[i] + defaultIndex(parameters.get(i));
            }
            this.bandits = new Bandit[] {new Bandit((int) k, defaultArm, config)};
        } else {
            this.bandits = new Bandit[sizes.length];
            for (int i = 0; i < sizes.length; i++) {
                bandits[i] = new Bandit(sizes[i], defaultIndex(parameters.get(i)), config);
            }
        }
        this.normalizer = config.improvements().normalizeRewards() ? new RewardNormalizer(config.rewardRange(),
                config.baselineRate()) : null;
        this.chosen = new int[sizes.length];
    }

    static int size(Parameter p) {
        if (p instanceof CategoricalParameter c) {
            return c.categories().size();
        }
        if (p instanceof BooleanParameter) {
            return 2;
        }
        throw new IllegalArgumentException("parameter '" + p.name() + "' is not categorical");
    }

    static int defaultIndex(Parameter p) {
        if (p instanceof CategoricalParameter c) {
            return c.indexOf(c.defaultCategory());
        }
        return BooleanParameter.VALUES.indexOf(p.defaultValue().asString());
    }

    static Value valueAt(Parameter p, int index) {
        if (p instanceof CategoricalParameter c) {
            return Value.of(c.categories().get(index));
        }
        return Value.of(BooleanParameter.VALUES.get(index).equals("true"));
    }

    /** Draws new arms. */
    void draw(RandomSource random) {
        if (joint) {
            split(bandits[0].draw(random), chosen);
        } else {
            for (int i = 0; i < bandits.length; i++) {
                chosen[i] = bandits[i].draw(random);
            }
        }
        drawn = true;
    }

    private void split(int armIndex, int[] out) {
        int rest = armIndex;
        for (int i = sizes.length - 1; i >= 0; i--) {
            out[i] = rest % sizes[i];
            rest /= sizes[i];
        }
    }

    /** The category index of every parameter in the current draw. */
    int[] chosen() {
        if (!drawn) {
            throw new IllegalStateException("no categorical draw yet");
        }
        return chosen.clone();
    }

    /** The most likely category index of every parameter. */
    int[] best() {
        int[] out = new int[sizes.length];
        if (joint) {
            split(bandits[0].best(), out);
        } else {
            for (int i = 0; i < bandits.length; i++) {
                out[i] = bandits[i].best();
            }
        }
        return out;
    }

    void update(double reward) {
        double r = normalizer == null ? reward : normalizer.normalize(reward);
        for (Bandit b : bandits) {
            b.update(r);
        }
    }

    Bandit[] bandits() {
        return bandits;
    }

    void write(DataOutputStream out) throws IOException {
        for (Bandit b : bandits) {
            b.write(out);
        }
        out.writeBoolean(normalizer != null);
        if (normalizer != null) {
            normalizer.write(out);
        }
        out.writeBoolean(drawn);
        for (int c : chosen) {
            out.writeInt(c);
        }
    }

    void read(DataInputStream in) throws IOException {
        for (Bandit b : bandits) {
            b.read(in);
        }
        boolean hasNormalizer = in.readBoolean();
        if (hasNormalizer != (normalizer != null)) {
            throw new IOException("corrupt snapshot: reward normaliser presence differs from the settings");
        }
        if (normalizer != null) {
            normalizer.read(in);
        }
        drawn = in.readBoolean();
        for (int i = 0; i < chosen.length; i++) {
            chosen[i] = in.readInt();
        }
    }
}
