package io.autosys.ruleengine.facts;

/**
 * Inserted in every check (never in feedback evaluations) to anchor the built-in rules that
 * look for missing values: {@code SpaceCheck(space == "...", has("p") == false)}.
 */
public final class SpaceCheck {
    private final String space;
    private final Findings findings;
    private final java.util.Set<String> names;

    public SpaceCheck(String space, Findings findings, java.util.Set<String> names) {
        this.space = space;
        this.findings = findings;
        this.names = names;
    }

    /** True when the proposed configuration sets {@code name}. */
    public boolean has(String name) {
        return names.contains(name);
    }

    public String getSpace() {
        return space;
    }

    public Findings getFindings() {
        return findings;
    }
}
