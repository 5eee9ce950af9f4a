package io.autosys.candidategenerator.online;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;

/**
 * AutoScope's oblique decision tree (OPPerTune NSDI 2024): internal node i computes
 * {@code z_i = W_i x + b_i} and sends a context left where {@code z_i >= 0}; a tree of height h
 * has 2^h - 1 internal nodes (heap order) and 2^h leaves.
 *
 * <p>Learning, from a leaf's bandit gradient g (ascent direction of the reward) and every leaf's
 * center C_j: the loss gradient on the one-hot leaf vector is {@code -g . C_j}; it flows back
 * through the softmax over leaf scores {@code s = A a} (A: +1 where a leaf is in a node's left
 * subtree, -1 in its right one, 0 elsewhere; {@code a_i = +-mean|z|}) and through sign() as the
 * identity where {@code |z_i| <= 1} (zero elsewhere), then one RMSprop (or SGD) step on W and b.
 */
final class ObliqueTree {
    private static final double ALPHA = 0.99;
    private static final double EPS = 1e-8;

    final int height;
    final int internal;
    final int leaves;
    final int inputs;
    private final double[][] w;
    private final double[] b;
    private final double[][] vw;
    private final double[] vb;
    private final int[][] ancestry;
    private final double eta;
    private final Optimizer optimizer;
    private final boolean biasCorrection;
    private long steps;

    ObliqueTree(int height, int inputs, double eta, Optimizer optimizer, boolean biasCorrection) {
        this.height = height;
        this.leaves = 1 << height;
        this.internal = leaves - 1;
        this.inputs = inputs;
        this.w = new double[internal][inputs];
        this.b = new double[internal];
        this.vw = new double[internal][inputs];
        this.vb = new double[internal];
        this.eta = eta;
        this.optimizer = optimizer;
        this.biasCorrection = biasCorrection;
        this.ancestry = new int[leaves][internal];
        for (int leaf = 0; leaf < leaves; leaf++) {
            int node = 0;
            for (int level = height - 1; level >= 0; level--) {
                boolean left = ((leaf >> level) & 1) == 0;
                ancestry[leaf][node] = left ? 1 : -1;
                node = left ? 2 * node + 1 : 2 * node + 2;
            }
        }
    }

    /** W uniform in +-1/sqrt(inputs) (so |z| starts inside the straight-through window), b = 0. */
    void initialize(RandomSource random) {
        double k = 1 / Math.sqrt(inputs);
        for (int i = 0; i < internal; i++) {
            for (int f = 0; f < inputs; f++) {
                w[i][f] = (2 * random.uniform() - 1) * k;
            }
        }
    }

    double[] z(double[] x) {
        double[] z = new double[internal];
        for (int i = 0; i < internal; i++) {
            double s = b[i];
            for (int f = 0; f < inputs; f++) {
                s += w[i][f] * x[f];
            }
            z[i] = s;
        }
        return z;
    }

    int leaf(double[] x) {
        double[] z = z(x);
        int node = 0;
        for (int level = 0; level < height; level++) {
            node = z[node] >= 0 ? 2 * node + 1 : 2 * node + 2;
        }
        return node - internal;
    }

    /** One learning step for context x from the served leaf's gradient g and the leaves' centers. */
    void learn(double[] x, double[] g, double[][] centers) {
        double[] z = z(x);
        double fac = 0;
        for (double v : z) {
            fac += Math.abs(v);
        }
        fac /= internal;
        double[] scores = new double[leaves];
        for (int j = 0; j < leaves; j++) {
            double s = 0;
            for (int i = 0; i < internal; i++) {
                s += ancestry[j][i] * (z[i] >= 0 ? fac : -fac);
            }
            scores[j] = s;
        }
        double max = Double.NEGATIVE_INFINITY;
        for (double s : scores) {
            max = Math.max(max, s);
        }
        double[] p = new double[leaves];
        double sum = 0;
        for (int j = 0; j < leaves; j++) {
            p[j] = Math.exp(scores[j] - max);
            sum += p[j];
        }
        double[] loss = new double[leaves];
        double mean = 0;
        for (int j = 0; j < leaves; j++) {
            p[j] /= sum;
            double dot = 0;
            for (int k = 0; k < g.length; k++) {
                dot += g[k] * centers[j][k];
            }
            loss[j] = -dot;
            mean += p[j] * loss[j];
        }
        double[] dz = new double[internal];
        for (int i = 0; i < internal; i++) {
            if (Math.abs(z[i]) > 1) {
                continue;
            }
            double s = 0;
            for (int j = 0; j < leaves; j++) {
                if (ancestry[j][i] != 0) {
                    s += ancestry[j][i] * p[j] * (loss[j] - mean);
                }
            }
            dz[i] = s;
        }
        steps++;
        double correction = biasCorrection ? 1 - Math.pow(ALPHA, steps) : 1;
        for (int i = 0; i < internal; i++) {
            for (int f = 0; f < inputs; f++) {
                w[i][f] -= step(dz[i] * x[f], vw[i], f, correction);
            }
            double[] holder = {vb[i]};
            b[i] -= step(dz[i], holder, 0, correction);
            vb[i] = holder[0];
        }
    }

    private double step(double grad, double[] v, int at, double correction) {
        if (optimizer == Optimizer.SGD) {
            return eta * grad;
        }
        v[at] = ALPHA * v[at] + (1 - ALPHA) * grad * grad;
        return eta * grad / (Math.sqrt(v[at] / correction) + EPS);
    }

    double[][] weights() {
        double[][] out = new double[internal][];
        for (int i = 0; i < internal; i++) {
            out[i] = w[i].clone();
        }
        return out;
    }

    double[] bias() {
        return b.clone();
    }

    void write(DataOutputStream out) throws IOException {
        for (int i = 0; i < internal; i++) {
            Snapshots.writeDoubles(out, w[i]);
            Snapshots.writeDoubles(out, vw[i]);
        }
        Snapshots.writeDoubles(out, b);
        Snapshots.writeDoubles(out, vb);
        out.writeLong(steps);
    }

    void read(DataInputStream in) throws IOException {
        for (int i = 0; i < internal; i++) {
            Snapshots.readInto(in, w[i], "tree weights");
            Snapshots.readInto(in, vw[i], "tree weight averages");
        }
        Snapshots.readInto(in, b, "tree biases");
        Snapshots.readInto(in, vb, "tree bias averages");
        steps = in.readLong();
    }
}
