package io.autosys.ruleengine.api;

import java.time.Instant;
import java.util.Objects;

/**
 * A configuration, or a region of configurations, that must never be tried or applied again.
 *
 * @param id        the store's id
 * @param scope     the service kind it applies to ({@code rocksdb}), or {@code *} for every kind
 * @param pattern   what it covers
 * @param reason    why, for people
 * @param origin    who added it
 * @param createdAt when it was added
 */
public record KnownBad(String id, String scope, KnownBadPattern pattern, String reason, Origin origin,
        Instant createdAt) {

    /** Who added an entry. */
    public enum Origin {
        /** An operator, by hand. */
        OPERATOR,
        /** A trial that crashed the target. */
        TRIAL_CRASH,
        /** An actuation-feedback rule (for example a rollback trigger). */
        FEEDBACK
    }

    public static final String ANY_SCOPE = "*";

    public KnownBad {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(pattern, "pattern");
        Objects.requireNonNull(origin, "origin");
        Objects.requireNonNull(createdAt, "createdAt");
        if (scope == null || scope.isBlank()) {
            throw new IllegalArgumentException("known-bad entry '" + id + "': scope is empty (use a service kind or '*')");
        }
        reason = reason == null ? "" : reason;
    }

    /** True when this entry applies to targets of {@code serviceKind}. */
    public boolean appliesTo(String serviceKind) {
        return scope.equals(ANY_SCOPE) || scope.equals(serviceKind);
    }

    /** One sentence for a violation: the id, who added it, what it covers and why. */
    public String describe() {
        String what = pattern instanceof KnownBadPattern.Exact ? "this exact configuration" : pattern.toText();
        return "known-bad " + id + " (" + origin.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ') + "): "
                + what + (reason.isEmpty() ? "" : ": " + reason);
    }
}
