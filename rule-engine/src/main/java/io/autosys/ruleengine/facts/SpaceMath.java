package io.autosys.ruleengine.facts;

/** Grid arithmetic the generated space rules call (DRL has no remainder for reals). */
public final class SpaceMath {
    private SpaceMath() {
    }

    /** True when an integer {@code v >= min} is not on the grid min + k*step. */
    public static boolean offIntGrid(long v, long min, long step) {
        return Math.floorMod(v - min, step) != 0;
    }

    /** True when a real {@code v} is not within a relative 1e-9 of a grid point min + k*step. */
    public static boolean offRealGrid(double v, double min, double step) {
        double k = (v - min) / step;
        return Math.abs(k - Math.rint(k)) > 1e-9 * Math.max(1, Math.abs(k));
    }
}
