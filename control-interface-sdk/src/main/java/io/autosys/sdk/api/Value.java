package io.autosys.sdk.api;

import java.util.Objects;

/** The value of one parameter in a configuration. The case matches the parameter's kind. */
public sealed interface Value permits Value.Real, Value.Int, Value.Categorical, Value.Bool {

    static Real of(double value) {
        return new Real(value);
    }

    static Int of(long value) {
        return new Int(value);
    }

    static Categorical of(String value) {
        return new Categorical(value);
    }

    static Bool of(boolean value) {
        return new Bool(value);
    }

    /** The kind's name as operators see it: real, integer, categorical, boolean. */
    String kind();

    /** The value as a string: a number, a category, or true/false (conditions use this form). */
    String asString();

    /** The value as a number; categoricals have none. */
    default double asDouble() {
        throw new IllegalStateException(kind() + " value '" + asString() + "' is not numeric");
    }

    record Real(double value) implements Value {
        public Real {
            if (!Double.isFinite(value)) {
                throw new IllegalArgumentException("a real value must be finite, got " + value);
            }
        }

        @Override
        public String kind() {
            return "real";
        }

        @Override
        public String asString() {
            return Double.toString(value);
        }

        @Override
        public double asDouble() {
            return value;
        }
    }

    record Int(long value) implements Value {
        @Override
        public String kind() {
            return "integer";
        }

        @Override
        public String asString() {
            return Long.toString(value);
        }

        @Override
        public double asDouble() {
            return value;
        }
    }

    record Categorical(String value) implements Value {
        public Categorical {
            Objects.requireNonNull(value, "categorical value");
        }

        @Override
        public String kind() {
            return "categorical";
        }

        @Override
        public String asString() {
            return value;
        }
    }

    record Bool(boolean value) implements Value {
        @Override
        public String kind() {
            return "boolean";
        }

        @Override
        public String asString() {
            return Boolean.toString(value);
        }

        @Override
        public double asDouble() {
            return value ? 1 : 0;
        }
    }
}
