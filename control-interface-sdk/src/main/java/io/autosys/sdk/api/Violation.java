package io.autosys.sdk.api;

import java.util.Objects;

/**
 * One thing wrong with a configuration (or another input): which parameter or field, which
 * rule it broke, and a sentence for people.
 *
 * @param subject the parameter or field name
 * @param rule    a short stable rule id, for example {@code bounds}, {@code step}, {@code inactive}
 * @param message what is wrong, naming the subject and the allowed values
 */
public record Violation(String subject, String rule, String message) {
    public Violation {
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(message, "message");
    }

    @Override
    public String toString() {
        return subject + " [" + rule + "]: " + message;
    }
}
