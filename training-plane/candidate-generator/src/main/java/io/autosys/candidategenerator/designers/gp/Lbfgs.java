package io.autosys.candidategenerator.designers.gp;

/**
 * Limited-memory BFGS (Nocedal and Wright, algorithm 7.4) with a backtracking Armijo line
 * search, for the few-dozen-dimensional smooth problems of GP hyper-parameter fitting.
 */
final class Lbfgs {
    /** f(x) and its gradient written into {@code grad}; +Inf marks an infeasible point. */
    interface Objective {
        double evaluate(double[] x, double[] grad);
    }

    record Result(double[] x, double value, int evaluations) {
    }

    private Lbfgs() {
    }

    static Result minimize(Objective f, double[] x0, int maxIterations, int memory) {
        int n = x0.length;
        double[] x = x0.clone();
        double[] g = new double[n];
        double fx = f.evaluate(x, g);
        int evals = 1;
        if (!Double.isFinite(fx)) {
            return new Result(x, fx, evals);
        }
        double[][] s = new double[memory][];
        double[][] yv = new double[memory][];
        double[] rho = new double[memory];
        int stored = 0;
        int head = 0;
        for (int iter = 0; iter < maxIterations; iter++) {
            // two-loop recursion: d = -H g
            double[] q = g.clone();
            double[] a = new double[memory];
            for (int k = 0; k < stored; k++) {
                int i = Math.floorMod(head - 1 - k, memory);
                a[i] = rho[i] * dot(s[i], q);
                axpy(-a[i], yv[i], q);
            }
            double gamma = 1;
            if (stored > 0) {
                int last = Math.floorMod(head - 1, memory);
                gamma = dot(s[last], yv[last]) / dot(yv[last], yv[last]);
            }
            for (int j = 0; j < n; j++) {
                q[j] *= gamma;
            }
            for (int k = stored - 1; k >= 0; k--) {
                int i = Math.floorMod(head - 1 - k, memory);
                double b = rho[i] * dot(yv[i], q);
                axpy(a[i] - b, s[i], q);
            }
            double[] d = q;
            for (int j = 0; j < n; j++) {
                d[j] = -d[j];
            }
            double slope = dot(g, d);
            if (!(slope < 0)) {
                // not a descent direction: restart from steepest descent
                for (int j = 0; j < n; j++) {
                    d[j] = -g[j];
                }
                slope = dot(g, d);
                stored = 0;
            }
            if (stored == 0) {
                // first step: limit its length so a steep start does not jump far
                double norm = Math.sqrt(dot(d, d));
                if (norm > 1) {
                    for (int j = 0; j < n; j++) {
                        d[j] /= norm;
                    }
                    slope /= norm;
                }
            }
            double step = 1;
            double[] xn = new double[n];
            double[] gn = new double[n];
            double fn = Double.NaN;
            boolean accepted = false;
            for (int ls = 0; ls < 20; ls++) {
                for (int j = 0; j < n; j++) {
                    xn[j] = x[j] + step * d[j];
                }
                fn = f.evaluate(xn, gn);
                evals++;
                if (Double.isFinite(fn) && fn <= fx + 1e-4 * step * slope) {
                    accepted = true;
                    break;
                }
                step *= 0.5;
            }
            if (!accepted) {
                break;
            }
            double[] sk = new double[n];
            double[] yk = new double[n];
            for (int j = 0; j < n; j++) {
                sk[j] = xn[j] - x[j];
                yk[j] = gn[j] - g[j];
            }
            double sy = dot(sk, yk);
            double improvement = fx - fn;
            x = xn;
            g = gn;
            fx = fn;
            if (sy > 1e-12) {
                s[head] = sk;
                yv[head] = yk;
                rho[head] = 1 / sy;
                head = (head + 1) % memory;
                stored = Math.min(stored + 1, memory);
            }
            if (Math.sqrt(dot(g, g)) < 1e-5 || improvement < 1e-9 * Math.max(1, Math.abs(fx))) {
                break;
            }
        }
        return new Result(x, fx, evals);
    }

    static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    private static void axpy(double a, double[] x, double[] y) {
        for (int i = 0; i < x.length; i++) {
            y[i] += a * x[i];
        }
    }
}
