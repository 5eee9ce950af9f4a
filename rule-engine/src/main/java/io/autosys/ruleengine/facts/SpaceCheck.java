package io.autosys.ruleengine.facts;

/**
 * Inserted in every check (never in feedback evaluations) to anchor the built-in rules that
 * look for missing values: {@code SpaceCheck(space == "...")} then {@code not Setting(...)}.
 */
public final class SpaceCheck {
    private final String space;
    private final Findings findings;

    public SpaceCheck(String space, Findings findings) {
        this.space = space;
        this.findings = findings;
    }

    public String getSpace() {
        return space;
    }

    public Findings getFindings() {
        return findings;
    }
}
