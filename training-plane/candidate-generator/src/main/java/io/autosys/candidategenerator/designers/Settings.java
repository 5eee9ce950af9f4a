package io.autosys.candidategenerator.designers;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * A designer's operator settings (a map read from a study's YAML), read with checks: every
 * error names the designer, the setting and what is allowed. Settings not listed as known are
 * refused, so a typo never silently falls back to a default.
 */
public final class Settings {
    private final String designer;
    private final Map<String, Object> values;

    private Settings(String designer, Map<String, Object> values) {
        this.designer = designer;
        this.values = values;
    }

    /** Checks that every key of {@code raw} is one of {@code known}. A null map means no settings. */
    public static Settings of(String designer, Map<String, ?> raw, Set<String> known) {
        var copy = new LinkedHashMap<String, Object>();
        if (raw != null) {
            for (Map.Entry<String, ?> e : raw.entrySet()) {
                if (e.getKey() == null || !known.contains(e.getKey())) {
                    throw new IllegalArgumentException("designer '" + designer + "': unknown setting '" + e.getKey()
                            + "'; allowed settings: " + new TreeSet<>(known));
                }
                copy.put(e.getKey(), e.getValue());
            }
        }
        return new Settings(designer, Collections.unmodifiableMap(copy));
    }

    public String designer() {
        return designer;
    }

    /** The settings as given (for snapshots). */
    public Map<String, Object> raw() {
        return values;
    }

    public boolean has(String name) {
        return values.containsKey(name) && values.get(name) != null;
    }

    private IllegalArgumentException bad(String name, String allowed, Object got) {
        return new IllegalArgumentException("designer '" + designer + "': setting '" + name + "' must be " + allowed
                + ", got " + (got instanceof String ? "'" + got + "'" : String.valueOf(got)));
    }

    /** A real number in [min, max] (bounds inclusive unless open says otherwise). */
    public double real(String name, double dflt, double min, double max, boolean openMin) {
        Object v = values.get(name);
        if (v == null) {
            return dflt;
        }
        String allowed = "a number in " + (openMin ? "(" : "[") + min + ", " + max + "]";
        double d;
        if (v instanceof Number n) {
            d = n.doubleValue();
        } else if (v instanceof String s) {
            try {
                d = Double.parseDouble(s.trim());
            } catch (NumberFormatException e) {
                throw bad(name, allowed, v);
            }
        } else {
            throw bad(name, allowed, v);
        }
        if (!Double.isFinite(d) || d < min || d > max || (openMin && d == min)) {
            throw bad(name, allowed, v);
        }
        return d;
    }

    /** An integer in [min, max]. */
    public int integer(String name, int dflt, int min, int max) {
        Object v = values.get(name);
        if (v == null) {
            return dflt;
        }
        String allowed = "an integer in [" + min + ", " + max + "]";
        long l;
        if (v instanceof Integer || v instanceof Long || v instanceof Short || v instanceof Byte) {
            l = ((Number) v).longValue();
        } else if (v instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue())) {
            l = (long) n.doubleValue();
        } else if (v instanceof String s) {
            try {
                l = Long.parseLong(s.trim());
            } catch (NumberFormatException e) {
                throw bad(name, allowed, v);
            }
        } else {
            throw bad(name, allowed, v);
        }
        if (l < min || l > max) {
            throw bad(name, allowed, v);
        }
        return (int) l;
    }

    public boolean bool(String name, boolean dflt) {
        Object v = values.get(name);
        if (v == null) {
            return dflt;
        }
        if (v instanceof Boolean b) {
            return b;
        }
        if (v instanceof String s && (s.equalsIgnoreCase("true") || s.equalsIgnoreCase("false"))) {
            return Boolean.parseBoolean(s);
        }
        throw bad(name, "true or false", v);
    }

    /** One of {@code allowed} (case-insensitive; returned in the listed spelling). */
    public String choice(String name, String dflt, List<String> allowed) {
        Object v = values.get(name);
        if (v == null) {
            return dflt;
        }
        if (v instanceof String s) {
            for (String a : allowed) {
                if (a.equalsIgnoreCase(s.trim())) {
                    return a;
                }
            }
        }
        throw bad(name, "one of " + allowed, v);
    }

    /** A nested settings map (for a designer inside another), empty when absent. */
    @SuppressWarnings("unchecked")
    public Map<String, Object> map(String name) {
        Object v = values.get(name);
        if (v == null) {
            return Map.of();
        }
        if (v instanceof Map<?, ?> m) {
            for (Object k : m.keySet()) {
                if (!(k instanceof String)) {
                    throw bad(name, "a map of setting names to values", v);
                }
            }
            return (Map<String, Object>) m;
        }
        throw bad(name, "a map of setting names to values", v);
    }

    /** Names of the settings given, sorted (for messages). */
    public List<String> names() {
        return new ArrayList<>(new TreeSet<>(values.keySet()));
    }
}
