package io.autosys.candidategenerator.online;

import io.autosys.candidategenerator.api.Rng;
import io.autosys.sdk.api.BooleanParameter;
import io.autosys.sdk.api.CategoricalParameter;
import io.autosys.sdk.api.ContextFeatureSpec;
import io.autosys.sdk.api.NumericParameter;
import io.autosys.sdk.api.Parameter;
import io.autosys.sdk.api.ParameterSpace;
import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The registry of online tuners: creates one by name from a parameter space, operator settings
 * and a seed, and restores one from a snapshot. Names: {@code bluefin} (integer and real
 * parameters), {@code exponential-weights} and {@code exponential-weights-slates} (categorical
 * and boolean parameters), {@code hybrid} (both), {@code autoscope} (both, per context scope).
 * Settings are listed in {@link TunerConfig}; an unknown setting or a bad value is an
 * {@link IllegalArgumentException} naming the setting and what is allowed.
 */
public final class OnlineTuners {
    private OnlineTuners() {
    }

    /** The algorithm names, in a stable order. */
    public static Set<String> names() {
        return TunerConfig.algorithms();
    }

    /** A context-free tuner (every algorithm but autoscope, which needs context features). */
    public static LiveTuner create(String algorithm, ParameterSpace space, Map<String, ?> settings, long seed) {
        return create(algorithm, space, List.of(), settings, seed);
    }

    /** A tuner whose randomness is one {@link Rng} seeded with {@code seed}. */
    public static LiveTuner create(String algorithm, ParameterSpace space, List<ContextFeatureSpec> features,
            Map<String, ?> settings, long seed) {
        return create(algorithm, space, features, settings, new RngRandomSource(new Rng(seed)));
    }

    /**
     * A tuner drawing from {@code random} (tests inject recorded probe directions and arms).
     * {@code features} are the context features autoscope routes on; the other algorithms ignore
     * them.
     */
    public static LiveTuner create(String algorithm, ParameterSpace space, List<ContextFeatureSpec> features,
            Map<String, ?> settings, RandomSource random) {
        Objects.requireNonNull(algorithm, "algorithm");
        Objects.requireNonNull(space, "space");
        Objects.requireNonNull(random, "random source");
        TunerConfig config = TunerConfig.parse(algorithm, space, settings);
        checkSpace(algorithm, space);
        return build(space, features, config, random, true);
    }

    private static LiveTuner build(ParameterSpace space, List<ContextFeatureSpec> features, TunerConfig config,
            RandomSource random, boolean initialize) {
        if (config.algorithm().equals(TunerConfig.AUTOSCOPE)) {
            return new AutoScopeTuner(space, features, config, random, initialize);
        }
        return new ContextFreeTuner(space, config, random);
    }

    private static void checkSpace(String algorithm, ParameterSpace space) {
        boolean anyNumeric = false;
        boolean anyCategorical = false;
        for (Parameter p : space.parameters()) {
            if (p.isConstant()) {
                continue;
            }
            boolean numeric = p instanceof NumericParameter;
            boolean categorical = p instanceof CategoricalParameter || p instanceof BooleanParameter;
            anyNumeric |= numeric;
            anyCategorical |= categorical;
            if (algorithm.equals(TunerConfig.BLUEFIN) && categorical) {
                throw new IllegalArgumentException("bluefin tunes integer and real parameters only; parameter '"
                        + p.name() + "' is " + p.kind() + " (use hybrid)");
            }
            if ((algorithm.equals(TunerConfig.EXPONENTIAL_WEIGHTS)
                    || algorithm.equals(TunerConfig.EXPONENTIAL_WEIGHTS_SLATES)) && numeric) {
                throw new IllegalArgumentException(algorithm + " tunes categorical and boolean parameters only;"
                        + " parameter '" + p.name() + "' is " + p.kind() + " (use hybrid)");
            }
        }
        if (!anyNumeric && !anyCategorical) {
            throw new IllegalArgumentException("online tuner '" + algorithm + "': the space " + space
                    + " has no parameter that can take more than one value");
        }
    }

    /** Continues exactly where the snapshotted tuner stopped, with the seeded generator it had. */
    public static LiveTuner restore(ParameterSpace space, byte[] snapshot) {
        return restore(space, snapshot, null);
    }

    /**
     * Continues from a snapshot drawing from {@code random} (required when the snapshotted tuner
     * used an injected source; overrides the stored generator otherwise).
     */
    public static LiveTuner restore(ParameterSpace space, byte[] snapshot, RandomSource random) {
        Objects.requireNonNull(space, "space");
        Objects.requireNonNull(snapshot, "snapshot");
        try (var in = new DataInputStream(new ByteArrayInputStream(snapshot))) {
            if (in.readInt() != Snapshots.MAGIC) {
                throw new IllegalArgumentException("not an online-tuner snapshot (bad magic number)");
            }
            int version = in.readInt();
            if (version != Snapshots.VERSION) {
                throw new IllegalArgumentException("online-tuner snapshot version " + version
                        + " is not supported (this build reads version " + Snapshots.VERSION + ")");
            }
            TunerConfig config = TunerConfig.read(in);
            String fingerprint = in.readUTF();
            if (!fingerprint.equals(AbstractLiveTuner.fingerprint(space))) {
                throw new IllegalArgumentException("snapshot of '" + config.algorithm()
                        + "' was taken for a different parameter space: snapshot has [" + fingerprint + "], given ["
                        + AbstractLiveTuner.fingerprint(space) + "]");
            }
            config.checkMaxChanges(space);
            List<ContextFeatureSpec> features = config.algorithm().equals(TunerConfig.AUTOSCOPE)
                    ? AutoScopeTuner.readFeatures(in) : List.of();
            boolean seeded = in.readBoolean();
            RandomSource source = random;
            if (seeded) {
                long state = in.readLong();
                double spare = in.readDouble();
                if (source == null) {
                    source = new RngRandomSource(Rng.restore(state, spare));
                }
            } else if (source == null) {
                throw new IllegalArgumentException("snapshot of '" + config.algorithm() + "' was taken with an injected"
                        + " random source; restore it with restore(space, snapshot, randomSource)");
            }
            AbstractLiveTuner tuner = (AbstractLiveTuner) build(space, features, config, source, false);
            tuner.restoreBody(in);
            if (in.read() != -1) {
                throw new IllegalArgumentException("corrupt online-tuner snapshot: trailing bytes");
            }
            return tuner;
        } catch (IOException e) {
            throw new IllegalArgumentException("corrupt online-tuner snapshot: " + e.getMessage(), e);
        }
    }
}
