package io.autosys.ruleengine.api;

import java.util.Objects;

/**
 * A compile error in a rule file.
 *
 * @param file    the file name (relative to the rules directory), or {@code builtin:...}
 * @param line    1-based line, or 0 when the compiler gave none
 * @param column  0-based column, or 0 when the compiler gave none
 * @param message the compiler's message
 */
public record RuleFileError(String file, int line, int column, String message) {
    public RuleFileError {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(message, "message");
    }

    @Override
    public String toString() {
        return file + (line > 0 ? ":" + line + (column > 0 ? ":" + column : "") : "") + ": " + message;
    }
}
