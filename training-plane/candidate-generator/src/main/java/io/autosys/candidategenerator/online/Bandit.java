package io.autosys.candidategenerator.online;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;

/**
 * One exponential-weights bandit over K arms (EXP3 in OPPerTune's form):
 * <pre>
 * draw:   p_hat = (1 - delta) p + delta / K ; a ~ p_hat
 * reward: minR = min(minR, r) ; p_a *= exp(eta r / p_hat_a) ; p /= sum(p) ; t += 1
 *         eta = sqrt(ln K / (K (t+1))) / max(1, |minR|) ; delta = min(1, sqrt(K / (t+1)))
 * </pre>
 * With drift tracking on, past evidence is discounted ({@code p_i <- p_i^forgetting} before each
 * update) and eta and delta stop decaying at floors, so the bandit can leave a former winner.
 */
final class Bandit {
    /** Keeps a discounted weight from reaching 0, from which no evidence could bring it back. */
    private static final double WEIGHT_FLOOR = 1e-300;

    final int k;
    private final double forgetting;
    private final double etaFloor;
    private final double explorationFloor;
    private final double[] p;
    private final double[] pHat;
    private int arm = -1;
    private long t;
    private double eta;
    private double delta;
    private double minReward = Double.POSITIVE_INFINITY;

    /** The arm of the system's current (default) value: the best guess while weights are tied. */
    private final int defaultArm;

    Bandit(int k, int defaultArm, TunerConfig config) {
        if (k < 2) {
            throw new IllegalArgumentException("a bandit needs at least 2 arms, got " + k);
        }
        this.k = k;
        this.defaultArm = defaultArm;
        this.forgetting = config.forgetting();
        this.etaFloor = config.etaFloor();
        this.explorationFloor = config.explorationFloor();
        this.p = new double[k];
        java.util.Arrays.fill(p, 1.0 / k);
        this.pHat = new double[k];
        schedule();
    }

    private void schedule() {
        double scale = Double.isFinite(minReward) ? Math.max(1.0, Math.abs(minReward)) : 1.0;
        eta = Math.max(etaFloor, Math.sqrt(Math.log(k) / (k * (t + 1.0))) / scale);
        delta = Math.max(explorationFloor, Math.min(1.0, Math.sqrt(k / (t + 1.0))));
    }

    /** Draws an arm; remembers it and the probabilities it was drawn with. */
    int draw(RandomSource random) {
        for (int i = 0; i < k; i++) {
            pHat[i] = (1 - delta) * p[i] + delta / k;
        }
        int a = random.arm(pHat.clone());
        if (a < 0 || a >= k) {
            throw new IllegalStateException("random source drew arm " + a + " of " + k);
        }
        arm = a;
        return a;
    }

    int arm() {
        return arm;
    }

    /** The arm with the largest weight, the default arm among ties (what a paused tuner serves). */
    int best() {
        int b = defaultArm;
        for (int i = 0; i < k; i++) {
            if (p[i] > p[b]) {
                b = i;
            }
        }
        return b;
    }

    double[] probabilities() {
        return p.clone();
    }

    double[] drawProbabilities() {
        return pHat.clone();
    }

    double eta() {
        return eta;
    }

    double delta() {
        return delta;
    }

    long updates() {
        return t;
    }

    /** Learns from the reward of the drawn arm (already normalised when that improvement is on). */
    void update(double r) {
        if (arm < 0) {
            throw new IllegalStateException("bandit got a reward before any draw");
        }
        if (r < minReward) {
            minReward = r;
        }
        if (forgetting < 1) {
            for (int i = 0; i < k; i++) {
                p[i] = Math.max(WEIGHT_FLOOR, Math.pow(p[i], forgetting));
            }
        }
        double before = p[arm];
        p[arm] *= Math.exp(eta * r / pHat[arm]);
        double sum = 0;
        for (double v : p) {
            sum += v;
        }
        if (!Double.isFinite(p[arm]) || !Double.isFinite(sum) || !(sum > 0)) {
            p[arm] = before;
            throw new IllegalStateException("exponential weights overflowed on reward " + r + " (eta*r/p_hat = "
                    + eta * r / pHat[arm] + "); rewards this large need normalize_rewards (or a reward_range)");
        }
        for (int i = 0; i < k; i++) {
            p[i] /= sum;
            if (forgetting < 1) {
                p[i] = Math.max(WEIGHT_FLOOR, p[i]);
            }
        }
        t++;
        schedule();
    }

    void write(DataOutputStream out) throws IOException {
        Snapshots.writeDoubles(out, p);
        Snapshots.writeDoubles(out, pHat);
        out.writeInt(arm);
        out.writeLong(t);
        out.writeDouble(eta);
        out.writeDouble(delta);
        out.writeDouble(minReward);
    }

    void read(DataInputStream in) throws IOException {
        Snapshots.readInto(in, p, "bandit weights");
        Snapshots.readInto(in, pHat, "bandit draw probabilities");
        arm = in.readInt();
        t = in.readLong();
        eta = in.readDouble();
        delta = in.readDouble();
        minReward = in.readDouble();
    }
}
