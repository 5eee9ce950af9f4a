package io.autosys.sdk.api;

import java.util.regex.Pattern;

/** The naming rule shared by parameters, metrics and context features. */
public final class Names {
    private static final Pattern NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_.\\-]{0,127}");

    private Names() {
    }

    /** Returns the name, or throws naming the kind of thing and the bad name. */
    public static String require(String what, String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException(what + " name '" + name
                    + "' is invalid: use 1-128 letters, digits, '_', '.', '-', starting with a letter");
        }
        return name;
    }
}
