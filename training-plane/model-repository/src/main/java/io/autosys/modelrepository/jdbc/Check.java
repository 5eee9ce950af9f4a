package io.autosys.modelrepository.jdbc;

import java.util.List;
import java.util.Map;

/** Input checks done before any statement runs; each failure names the field. */
final class Check {
    /** Names, ids and kinds: the width of their VARCHAR columns. */
    static final int NAME_MAX = 200;
    static final int MODEL_TYPE_MAX = 100;
    static final int ADDRESS_MAX = 500;
    static final int SOURCE_MAX = 500;
    static final int SCOPE_MAX = 300;

    private Check() {
    }

    /** A non-blank string of at most {@code max} characters. */
    static String text(String field, String value, int max) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(field + " is empty");
        }
        if (value.length() > max) {
            throw new IllegalArgumentException(field + " is " + value.length() + " characters long, the limit is "
                    + max);
        }
        return value;
    }

    static <T> T notNull(String field, T value) {
        if (value == null) {
            throw new IllegalArgumentException(field + " is missing");
        }
        return value;
    }

    static long positive(String field, long value) {
        if (value < 1) {
            throw new IllegalArgumentException(field + " must be >= 1, got " + value);
        }
        return value;
    }

    static long nonNegative(String field, long value) {
        if (value < 0) {
            throw new IllegalArgumentException(field + " must be >= 0, got " + value);
        }
        return value;
    }

    static double finite(String field, double value) {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException(field + " must be a finite number, got " + value);
        }
        return value;
    }

    /** A map of names to finite numbers (workload signatures, model quality); null means empty. */
    static Map<String, Double> finiteMap(String field, Map<String, Double> map) {
        if (map == null) {
            return Map.of();
        }
        map.forEach((k, v) -> {
            if (k == null || k.isBlank()) {
                throw new IllegalArgumentException(field + " has an empty name");
            }
            if (v == null || !Double.isFinite(v)) {
                throw new IllegalArgumentException(field + " '" + k + "' must be a finite number, got " + v);
            }
        });
        return map;
    }

    /** A map of names to strings (trial metadata); null means empty. */
    static Map<String, String> stringMap(String field, Map<String, String> map) {
        if (map == null) {
            return Map.of();
        }
        map.forEach((k, v) -> {
            if (k == null || k.isBlank()) {
                throw new IllegalArgumentException(field + " has an empty key");
            }
            if (v == null) {
                throw new IllegalArgumentException(field + " '" + k + "' has no value");
            }
        });
        return map;
    }

    static <T> List<T> noNulls(String field, List<T> list) {
        if (list == null) {
            throw new IllegalArgumentException(field + " is missing");
        }
        for (T t : list) {
            if (t == null) {
                throw new IllegalArgumentException(field + " contains null");
            }
        }
        return list;
    }
}
