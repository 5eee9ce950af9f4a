package io.autosys.sdk.api;

/** Which way is better for a metric or an objective. */
public enum Goal {
    MAXIMIZE,
    MINIMIZE;

    /** True when {@code a} is strictly better than {@code b} under this goal. */
    public boolean better(double a, double b) {
        return this == MAXIMIZE ? a > b : a < b;
    }

    /** The value in "higher is better" form (negated for MINIMIZE). */
    public double asReward(double value) {
        return this == MAXIMIZE ? value : -value;
    }
}
