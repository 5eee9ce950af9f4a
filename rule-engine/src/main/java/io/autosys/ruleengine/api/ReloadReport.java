package io.autosys.ruleengine.api;

import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * What a reload did.
 *
 * @param outcome what happened to the active rule set
 * @param active  the version active after the reload (the old one when it failed or nothing changed)
 * @param files   the rule files read, by name, sorted
 * @param errors  compile errors, each with file, line and message; empty unless the outcome is FAILED
 * @param elapsedMs how long reading and compiling took
 */
public record ReloadReport(Outcome outcome, RuleSetVersion active, List<String> files, List<RuleFileError> errors,
        long elapsedMs) {

    public enum Outcome {
        /** A new rule set is active. */
        LOADED,
        /** The files are the same as the active rule set's; nothing was compiled. */
        UNCHANGED,
        /** A file failed to compile or could not be read; the previous rule set stays active. */
        FAILED
    }

    public ReloadReport {
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(active, "active version");
        files = List.copyOf(files);
        errors = List.copyOf(errors);
        if ((outcome == Outcome.FAILED) == errors.isEmpty()) {
            throw new IllegalArgumentException("a reload report lists errors exactly when it failed");
        }
    }

    public boolean ok() {
        return outcome != Outcome.FAILED;
    }

    @Override
    public String toString() {
        return outcome + " " + active + " " + files + (errors.isEmpty() ? "" : " errors: " + errors.stream()
                .map(RuleFileError::toString).collect(Collectors.joining("; ")));
    }
}
