package io.autosys.ruleengine.facts;

import io.autosys.sdk.api.ParameterSpace;
import io.autosys.sdk.api.SystemDescription;
import java.util.Objects;

/**
 * The target the proposal is for. {@code cores} is the description's label {@code cores} (the
 * number of processors of the target's host, which the target reports); 0 when the target does
 * not report it, so a rule comparing with cores should also require {@code cores > 0}.
 */
public final class Target {
    public static final String CORES_LABEL = "cores";

    private final SystemDescription description;
    private final String spaceId;
    private final int cores;

    public Target(SystemDescription description, String spaceId) {
        this.description = Objects.requireNonNull(description, "description");
        this.spaceId = spaceId;
        this.cores = parseCores(description);
    }

    private static int parseCores(SystemDescription d) {
        String s = d.labels().get(CORES_LABEL);
        if (s == null) {
            return 0;
        }
        try {
            int n = Integer.parseInt(s.trim());
            return Math.max(n, 0);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    public SystemDescription getDescription() {
        return description;
    }

    public String getSystemId() {
        return description.systemId();
    }

    public String getServiceKind() {
        return description.serviceKind();
    }

    public String getInstanceId() {
        return description.instanceId();
    }

    public ParameterSpace getSpace() {
        return description.space();
    }

    /** The id the built-in rules of this target's parameter space are keyed by. */
    public String getSpaceId() {
        return spaceId;
    }

    /** Processors of the target's host (label "cores"), or 0 when unknown. */
    public int getCores() {
        return cores;
    }

    /** A description label, or null. */
    public String label(String name) {
        return description.labels().get(name);
    }

    /** A numeric description label, or NaN when absent or not a number. */
    public double numLabel(String name) {
        String s = description.labels().get(name);
        if (s == null) {
            return Double.NaN;
        }
        try {
            return Double.parseDouble(s.trim());
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }

    @Override
    public String toString() {
        return "Target[" + description.serviceKind() + "/" + description.instanceId() + "]";
    }
}
