package io.autosys.sdk.api;

import java.util.Objects;

/** A context feature's value: a finite number or a label. */
public sealed interface ContextValue permits ContextValue.Number, ContextValue.Label {

    static Number of(double value) {
        return new Number(value);
    }

    static Label of(String value) {
        return new Label(value);
    }

    record Number(double value) implements ContextValue {
        public Number {
            if (!Double.isFinite(value)) {
                throw new IllegalArgumentException("a numeric context value must be finite, got " + value);
            }
        }
    }

    record Label(String value) implements ContextValue {
        public Label {
            Objects.requireNonNull(value, "label");
        }
    }
}
