package io.autosys.sdk.api;

import java.util.List;
import java.util.Objects;

/**
 * Makes a parameter active only when its parent (a categorical or boolean parameter declared
 * earlier in the space) takes one of {@code values}. Booleans use "true" and "false".
 */
public record Condition(String parent, List<String> values) {
    public Condition {
        Objects.requireNonNull(parent, "condition parent");
        values = List.copyOf(values);
        if (values.isEmpty()) {
            throw new IllegalArgumentException("condition on '" + parent + "' lists no parent values");
        }
    }

    public static Condition of(String parent, String... values) {
        return new Condition(parent, List.of(values));
    }

    public boolean holdsFor(Value parentValue) {
        return parentValue != null && values.contains(parentValue.asString());
    }
}
