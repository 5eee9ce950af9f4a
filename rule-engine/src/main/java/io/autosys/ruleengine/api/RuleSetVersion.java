package io.autosys.ruleengine.api;

import java.util.Objects;

/**
 * Identifies one compiled rule set. {@code sequence} grows with every successful build of an
 * engine (a reload, or built-in rules added for a newly seen parameter space); {@code digest}
 * is a hash of the operators' rule files, so equal digests mean the same operator rules.
 * Sequence 0 means no rule set was ever built successfully.
 */
public record RuleSetVersion(long sequence, String digest) {
    public static final RuleSetVersion NONE = new RuleSetVersion(0, "none");

    public RuleSetVersion {
        Objects.requireNonNull(digest, "digest");
        if (sequence < 0) {
            throw new IllegalArgumentException("rule set sequence must be >= 0, got " + sequence);
        }
    }

    @Override
    public String toString() {
        return "v" + sequence + "/" + digest;
    }
}
