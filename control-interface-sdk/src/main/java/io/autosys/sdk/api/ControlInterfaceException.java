package io.autosys.sdk.api;

import java.util.List;

/**
 * A control-interface call failed. {@link #code()} is the gRPC status code name (for example
 * INVALID_ARGUMENT, UNAVAILABLE, DEADLINE_EXCEEDED); for INVALID_ARGUMENT {@link #violations()}
 * names each parameter and the rule it broke.
 */
public final class ControlInterfaceException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final String code;
    private final List<Violation> violations;

    public ControlInterfaceException(String code, String message, List<Violation> violations, Throwable cause) {
        super(code + ": " + message, cause);
        this.code = code;
        this.violations = List.copyOf(violations);
    }

    public String code() {
        return code;
    }

    public List<Violation> violations() {
        return violations;
    }
}
