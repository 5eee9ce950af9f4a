package io.autosys.ruleengine;

import java.util.Objects;

/**
 * One DRL text to compile.
 *
 * @param name    the file name operators see in errors and violations ({@code builtin:...} for generated rules)
 * @param content the DRL
 */
record RuleSource(String name, String content) {
    RuleSource {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(content, "content of " + name);
    }
}
