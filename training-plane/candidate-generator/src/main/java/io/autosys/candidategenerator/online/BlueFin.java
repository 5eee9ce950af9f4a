package io.autosys.candidategenerator.online;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.List;

/**
 * BlueFin (SelfTune NSDI 2023, OPPerTune NSDI 2024): zeroth-order gradient ascent with random
 * probe directions, one- or two-point feedback, SGD or RMSprop, optional eta decay. This is the
 * learner only: which configuration is served and which request is rewarded is the tuner's job.
 *
 * <p>With every improvement off, every number follows the reference update rules exactly (the
 * golden-trace replays check it to 1e-9):
 * <pre>
 * probe  w = c + delta u (one-point, first of a pair), c - delta u (second of a pair)
 * reward one-point s = r; two-point s = (r+ - r-) / max(|r+|, |r-|)
 *        grad = d s u / (feedback delta); c = clip(c + step(grad), delta, 1 - delta); new u
 * </pre>
 */
final class BlueFin {
    final NumericCoordinate[] coords;
    private final int d;
    private final double eta0;
    private final int feedback;
    private final Optimizer optimizer;
    private final double alpha;
    private final double eps;
    private final double decayRate;
    private final double baselineRate;
    private final boolean minProbeStep;
    private final boolean biasCorrection;
    private final boolean useBaseline;

    private final double[] center;
    private double[] u;
    /** The per-coordinate probe radius used with u (delta unless an improvement or a limit changed it). */
    private double[] radius;
    private final double[] squareAverage;
    /** Internal per-step limits from the operator's max_change; +infinity where none. */
    private final double[] limit;
    private double eta;
    private double delta;
    private long steps;
    private int phase;
    private double rewardPlus;
    private double baseline = Double.NaN;
    private double[] lastGradient;

    BlueFin(List<NumericCoordinate> coords, double[] initialCenter, TunerConfig config) {
        this.coords = coords.toArray(NumericCoordinate[]::new);
        this.d = this.coords.length;
        this.eta0 = config.eta();
        this.feedback = config.feedback();
        this.optimizer = config.optimizer();
        this.alpha = config.rmspropAlpha();
        this.eps = config.rmspropEps();
        this.decayRate = config.etaDecayRate();
        this.baselineRate = config.baselineRate();
        this.minProbeStep = config.improvements().minProbeStep();
        this.biasCorrection = config.improvements().rmspropBiasCorrection();
        this.useBaseline = config.improvements().rewardBaseline();
        this.eta = config.eta();
        this.delta = config.delta();
        this.center = new double[d];
        for (int j = 0; j < d; j++) {
            center[j] = Math.max(delta, Math.min(1 - delta, initialCenter[j]));
        }
        this.squareAverage = new double[d];
        this.limit = new double[d];
        java.util.Arrays.fill(limit, Double.POSITIVE_INFINITY);
    }

    int dimension() {
        return d;
    }

    int feedback() {
        return feedback;
    }

    /** 0 before the first probe of a pair (always 0 with one-point feedback), 1 before the second. */
    int phase() {
        return phase;
    }

    double eta() {
        return eta;
    }

    double delta() {
        return delta;
    }

    long steps() {
        return steps;
    }

    double[] center() {
        return center.clone();
    }

    /** The direction of the current pair, or null before it is drawn. */
    double[] direction() {
        return u == null ? null : u.clone();
    }

    /** The raw gradient estimate of the last completed step (AutoScope trains its tree with it). */
    double[] lastGradient() {
        return lastGradient == null ? null : lastGradient.clone();
    }

    void setLimit(int j, double internalLimit) {
        limit[j] = internalLimit;
    }

    /** Forgets a half-finished pair (after a pause): the next probe is a new first probe, same direction. */
    void restartPair() {
        phase = 0;
    }

    /** The point to serve now, in internal coordinates; draws a direction when the pair needs one. */
    double[] probe(RandomSource random) {
        if (u == null) {
            double[] drawn = random.direction(d);
            if (drawn.length != d) {
                throw new IllegalStateException("random source gave a direction of " + drawn.length
                        + " coordinates, BlueFin needs " + d);
            }
            u = drawn.clone();
            radius = radii(u);
        }
        double[] w = new double[d];
        boolean minus = feedback == 2 && phase == 1;
        for (int j = 0; j < d; j++) {
            w[j] = minus ? center[j] - radius[j] * u[j] : center[j] + radius[j] * u[j];
        }
        return w;
    }

    private double[] radii(double[] dir) {
        double[] r = new double[d];
        for (int j = 0; j < d; j++) {
            r[j] = delta;
            double a = Math.abs(dir[j]);
            if (minProbeStep && coords[j].indexed && a > 0 && r[j] * a * coords[j].scale < 1) {
                // Improvement 1: with delta*N < 0.5 both probes round to the same index and the
                // parameter never moves; probe at least one index along u's sign.
                r[j] = 1 / (a * coords[j].scale);
            }
            if (Double.isFinite(limit[j]) && a > 0) {
                r[j] = Math.min(r[j], limit[j] / (2 * a));
            }
        }
        return r;
    }

    /**
     * Learns from the reward of the current probe. Returns true when a gradient step was taken
     * (every reward with one-point feedback, the second of each pair with two-point).
     */
    boolean reward(double r) {
        if (u == null) {
            throw new IllegalStateException("BlueFin got a reward before any probe");
        }
        double s;
        if (feedback == 1) {
            if (useBaseline) {
                // Improvement 3: learn from the reward minus its running mean, so all-positive
                // rewards do not push the center along every probe direction.
                if (Double.isNaN(baseline)) {
                    baseline = r;
                }
                s = r - baseline;
                baseline += baselineRate * (r - baseline);
            } else {
                s = r;
            }
        } else {
            if (phase == 0) {
                rewardPlus = r;
                phase = 1;
                return false;
            }
            phase = 0;
            s = rewardPlus - r;
            double norm = Math.max(Math.abs(rewardPlus), Math.abs(r));
            if (norm != 0) {
                s /= norm;
            }
        }
        double[] grad = new double[d];
        for (int j = 0; j < d; j++) {
            grad[j] = (d * s * u[j]) / (feedback * radius[j]);
        }
        double[] step = new double[d];
        if (optimizer == Optimizer.SGD) {
            for (int j = 0; j < d; j++) {
                step[j] = eta * grad[j];
            }
        } else {
            double correction = biasCorrection ? 1 - Math.pow(alpha, steps + 1) : 1;
            for (int j = 0; j < d; j++) {
                squareAverage[j] *= alpha;
                squareAverage[j] += (1 - alpha) * (grad[j] * grad[j]);
                // Improvement 2: without the bias correction the average starts near 0 and the
                // first step is about 10 eta in every coordinate, gradient or not.
                double v = biasCorrection ? squareAverage[j] / correction : squareAverage[j];
                step[j] = (eta * grad[j]) / (Math.sqrt(v) + eps);
            }
        }
        for (int j = 0; j < d; j++) {
            double sj = Double.isFinite(limit[j]) ? Math.max(-limit[j] / 2, Math.min(limit[j] / 2, step[j])) : step[j];
            center[j] += sj;
            center[j] = Math.max(delta, Math.min(1 - delta, center[j]));
        }
        lastGradient = grad;
        u = null;
        radius = null;
        steps++;
        if (decayRate > 0) {
            eta = eta0 / (1 + decayRate * steps);
            delta = Math.sqrt(eta);
        }
        return true;
    }

    void write(DataOutputStream out) throws IOException {
        Snapshots.writeDoubles(out, center);
        Snapshots.writeDoubles(out, u);
        Snapshots.writeDoubles(out, radius);
        Snapshots.writeDoubles(out, squareAverage);
        Snapshots.writeDoubles(out, limit);
        out.writeDouble(eta);
        out.writeDouble(delta);
        out.writeLong(steps);
        out.writeInt(phase);
        out.writeDouble(rewardPlus);
        out.writeDouble(baseline);
        Snapshots.writeDoubles(out, lastGradient);
    }

    void read(DataInputStream in) throws IOException {
        Snapshots.readInto(in, center, "BlueFin center");
        u = Snapshots.readDoubles(in);
        radius = Snapshots.readDoubles(in);
        Snapshots.readInto(in, squareAverage, "BlueFin square average");
        Snapshots.readInto(in, limit, "BlueFin limits");
        eta = in.readDouble();
        delta = in.readDouble();
        steps = in.readLong();
        phase = in.readInt();
        rewardPlus = in.readDouble();
        baseline = in.readDouble();
        lastGradient = Snapshots.readDoubles(in);
    }
}
