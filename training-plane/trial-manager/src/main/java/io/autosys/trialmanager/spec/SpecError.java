package io.autosys.trialmanager.spec;

/**
 * One problem with a study specification.
 *
 * @param field   the dotted path of the field (for example {@code budget.trials}, {@code parameters.foo})
 * @param line    1-based line in the source, or 0 when unknown
 * @param message what is wrong and what is allowed
 */
public record SpecError(String field, int line, String message) {
    @Override
    public String toString() {
        return (line > 0 ? "line " + line + ", " : "") + (field.isEmpty() ? "" : field + ": ") + message;
    }
}
