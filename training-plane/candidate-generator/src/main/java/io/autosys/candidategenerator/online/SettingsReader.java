package io.autosys.candidategenerator.online;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reads an operator's settings map (as parsed from YAML: numbers, booleans, strings, lists, maps)
 * for one algorithm. Every error names the setting and what is allowed.
 */
final class SettingsReader {
    private final String algorithm;
    private final Map<String, ?> settings;

    SettingsReader(String algorithm, Map<String, ?> settings, Set<String> allowed) {
        this.algorithm = algorithm;
        this.settings = settings == null ? Map.of() : settings;
        for (Object key : this.settings.keySet()) {
            if (!(key instanceof String name) || !allowed.contains(name)) {
                throw new IllegalArgumentException("unknown setting '" + key + "' for online tuner '" + algorithm
                        + "'; allowed: " + String.join(", ", new TreeSet<>(allowed)));
            }
        }
    }

    boolean has(String key) {
        return settings.containsKey(key) && settings.get(key) != null;
    }

    double number(String key, double fallback) {
        if (!has(key)) {
            return fallback;
        }
        return toNumber(key, settings.get(key));
    }

    private double toNumber(String key, Object v) {
        if (v instanceof Number n) {
            double d = n.doubleValue();
            if (!Double.isFinite(d)) {
                throw bad(key, "must be a finite number, got " + v);
            }
            return d;
        }
        if (v instanceof String s) {
            try {
                double d = Double.parseDouble(s.trim());
                if (Double.isFinite(d)) {
                    return d;
                }
            } catch (NumberFormatException e) {
                // falls through to the error below
            }
        }
        throw bad(key, "must be a number, got '" + v + "'");
    }

    int integer(String key, int fallback) {
        if (!has(key)) {
            return fallback;
        }
        double d = number(key, fallback);
        if (d != Math.rint(d) || Math.abs(d) > Integer.MAX_VALUE) {
            throw bad(key, "must be a whole number, got " + settings.get(key));
        }
        return (int) d;
    }

    boolean bool(String key, boolean fallback) {
        if (!has(key)) {
            return fallback;
        }
        Object v = settings.get(key);
        if (v instanceof Boolean b) {
            return b;
        }
        if (v instanceof String s && (s.equalsIgnoreCase("true") || s.equalsIgnoreCase("false"))) {
            return Boolean.parseBoolean(s);
        }
        throw bad(key, "must be true or false, got '" + v + "'");
    }

    String string(String key, String fallback) {
        if (!has(key)) {
            return fallback;
        }
        Object v = settings.get(key);
        if (v instanceof String s) {
            return s.trim();
        }
        throw bad(key, "must be a string, got '" + v + "'");
    }

    /** A list of numbers, or null when absent. */
    double[] numbers(String key) {
        if (!has(key)) {
            return null;
        }
        Object v = settings.get(key);
        if (!(v instanceof List<?> list)) {
            throw bad(key, "must be a list of numbers, got '" + v + "'");
        }
        double[] out = new double[list.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = toNumber(key, list.get(i));
        }
        return out;
    }

    /** A map of names to numbers (empty when absent). */
    Map<String, Double> numberMap(String key) {
        if (!has(key)) {
            return Map.of();
        }
        Object v = settings.get(key);
        if (!(v instanceof Map<?, ?> map)) {
            throw bad(key, "must be a map of parameter names to numbers, got '" + v + "'");
        }
        var out = new LinkedHashMap<String, Double>();
        var names = new ArrayList<Object>(map.keySet());
        for (Object name : names) {
            out.put(String.valueOf(name), toNumber(key + "." + name, map.get(name)));
        }
        return out;
    }

    IllegalArgumentException bad(String key, String what) {
        return new IllegalArgumentException("online tuner '" + algorithm + "': setting '" + key + "' " + what);
    }
}
