package io.autosys.sdk.api;

import java.util.Objects;
import java.util.Set;

/**
 * What an actuation did.
 *
 * @param applied        the whole configuration now in effect
 * @param pendingRestart parameters whose new value takes effect only after a restart or reopen
 * @param changed        parameters whose value changed with this call
 */
public record ApplyResult(Configuration applied, Set<String> pendingRestart, Set<String> changed) {
    public ApplyResult {
        Objects.requireNonNull(applied, "applied");
        pendingRestart = Set.copyOf(pendingRestart);
        changed = Set.copyOf(changed);
    }

    /** The result of moving from {@code before} to {@code after}: {@code changed} is their difference. */
    public static ApplyResult between(Configuration before, Configuration after, Set<String> pendingRestart) {
        var changed = new java.util.TreeSet<String>();
        after.values().forEach((k, v) -> {
            if (!v.equals(before.values().get(k))) {
                changed.add(k);
            }
        });
        before.names().stream().filter(k -> !after.has(k)).forEach(changed::add);
        return new ApplyResult(after, pendingRestart, changed);
    }
}
