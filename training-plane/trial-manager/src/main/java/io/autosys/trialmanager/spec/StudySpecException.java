package io.autosys.trialmanager.spec;

import java.util.List;
import java.util.stream.Collectors;

/** A study specification was refused; every problem is listed with its field and line. */
public final class StudySpecException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;
    private final transient List<SpecError> errors;

    public StudySpecException(String source, List<SpecError> errors) {
        super("invalid study" + (source == null || source.isBlank() ? "" : " in " + source) + ": "
                + errors.stream().map(SpecError::toString).collect(Collectors.joining("; ")));
        this.errors = List.copyOf(errors);
    }

    public List<SpecError> errors() {
        return errors;
    }
}
