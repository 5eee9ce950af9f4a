package io.autosys.candidategenerator.designers;

import io.autosys.candidategenerator.api.Rng;
import io.autosys.sdk.api.BooleanParameter;
import io.autosys.sdk.api.CategoricalParameter;
import io.autosys.sdk.api.Configuration;
import io.autosys.sdk.api.NumericParameter;
import io.autosys.sdk.api.Parameter;
import io.autosys.sdk.api.ParameterSpace;
import io.autosys.sdk.api.Scale;
import io.autosys.sdk.api.Value;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;

/**
 * The numeric views of a space that designers work in, built on the shared encoding of
 * {@link NumericParameter} (toUnit / fromUnit / snap). Two views:
 * <ul>
 * <li>features (for GP models): each non-constant numeric parameter is one dimension in [0, 1],
 * each non-constant categorical or boolean is a one-hot block; constants take no dimension;</li>
 * <li>coordinates (for TPE, CMA-ES, quasi-random designs): one number in [0, 1] per parameter,
 * a categorical's index i of k sitting at (i + 0.5) / k.</li>
 * </ul>
 * Decoding walks the parameters in declaration order, so a conditional parameter is set only
 * when its parent's decoded value activates it; inactive parameters are absent. Every decoded
 * configuration is valid for the space.
 */
public final class Encoding {
    private final ParameterSpace space;
    private final List<Parameter> params;
    private final int[] featureStart;
    private final int[] featureWidth;
    private final int dims;
    private final int[] featureParam;

    public Encoding(ParameterSpace space) {
        this.space = space;
        this.params = space.parameters();
        featureStart = new int[params.size()];
        featureWidth = new int[params.size()];
        int d = 0;
        for (int i = 0; i < params.size(); i++) {
            Parameter p = params.get(i);
            featureStart[i] = d;
            featureWidth[i] = p.isConstant() ? 0 : p instanceof NumericParameter ? 1 : categoryCount(p);
            d += featureWidth[i];
        }
        dims = d;
        featureParam = new int[d];
        for (int i = 0; i < params.size(); i++) {
            for (int k = 0; k < featureWidth[i]; k++) {
                featureParam[featureStart[i] + k] = i;
            }
        }
    }

    public ParameterSpace space() {
        return space;
    }

    public List<Parameter> parameters() {
        return params;
    }

    /** Number of feature dimensions (one-hot view). */
    public int featureDims() {
        return dims;
    }

    public int featureStart(int param) {
        return featureStart[param];
    }

    public int featureWidth(int param) {
        return featureWidth[param];
    }

    /** True when feature dimension {@code d} belongs to a one-hot block. */
    public boolean isOneHot(int d) {
        return !(params.get(featureParam[d]) instanceof NumericParameter);
    }

    public int paramOfFeature(int d) {
        return featureParam[d];
    }

    public static int categoryCount(Parameter p) {
        if (p instanceof CategoricalParameter c) {
            return c.categories().size();
        }
        if (p instanceof BooleanParameter) {
            return 2;
        }
        throw new IllegalArgumentException("parameter '" + p.name() + "' is not categorical");
    }

    public static Value category(Parameter p, int index) {
        if (p instanceof CategoricalParameter c) {
            return Value.of(c.categories().get(index));
        }
        return Value.of(index == 1);
    }

    public static int categoryIndex(Parameter p, Value v) {
        if (p instanceof CategoricalParameter c) {
            int i = c.indexOf(v.asString());
            if (i < 0) {
                throw new IllegalArgumentException("parameter '" + p.name() + "': '" + v.asString() + "' is not one of "
                        + c.categories());
            }
            return i;
        }
        return BooleanParameter.VALUES.indexOf(v.asString());
    }

    /** Feature vector of a configuration; inactive parameters take their default's encoding. */
    public double[] features(Configuration c) {
        double[] x = new double[dims];
        for (int i = 0; i < params.size(); i++) {
            Parameter p = params.get(i);
            if (featureWidth[i] == 0) {
                continue;
            }
            Value v = c.find(p.name()).orElse(p.defaultValue());
            if (p instanceof NumericParameter n) {
                x[featureStart[i]] = n.toUnit(v);
            } else {
                x[featureStart[i] + categoryIndex(p, v)] = 1;
            }
        }
        return x;
    }

    /** Decodes a feature vector: numeric via fromUnit, a one-hot block by its largest entry. */
    public Configuration fromFeatures(double[] x) {
        var b = new LinkedHashMap<String, Value>();
        for (int i = 0; i < params.size(); i++) {
            Parameter p = params.get(i);
            if (!space.isActive(p, Configuration.of(b))) {
                continue;
            }
            b.put(p.name(), decodeFeature(i, x));
        }
        return Configuration.of(b);
    }

    private Value decodeFeature(int i, double[] x) {
        Parameter p = params.get(i);
        if (featureWidth[i] == 0) {
            return constantValue(p);
        }
        if (p instanceof NumericParameter n) {
            return n.fromUnit(x[featureStart[i]]);
        }
        int best = 0;
        for (int k = 1; k < featureWidth[i]; k++) {
            if (x[featureStart[i] + k] > x[featureStart[i] + best]) {
                best = k;
            }
        }
        return category(p, best);
    }

    private static Value constantValue(Parameter p) {
        if (p instanceof NumericParameter n) {
            return n.valueOf(n.lower());
        }
        if (p instanceof CategoricalParameter c) {
            return Value.of(c.categories().get(0));
        }
        return p.defaultValue();
    }

    /** One coordinate per parameter in [0, 1]; inactive parameters take their default's. */
    public double[] coordinates(Configuration c) {
        double[] u = new double[params.size()];
        for (int i = 0; i < params.size(); i++) {
            Parameter p = params.get(i);
            Value v = c.find(p.name()).orElse(p.defaultValue());
            if (p instanceof NumericParameter n) {
                u[i] = n.isConstant() ? 0.5 : n.toUnit(v);
            } else {
                int k = categoryCount(p);
                u[i] = (categoryIndex(p, v) + 0.5) / k;
            }
        }
        return u;
    }

    /** Decodes coordinates: numeric via fromUnit, categorical index floor(u * k) clamped. */
    public Configuration fromCoordinates(double[] u) {
        var b = new LinkedHashMap<String, Value>();
        for (int i = 0; i < params.size(); i++) {
            Parameter p = params.get(i);
            if (!space.isActive(p, Configuration.of(b))) {
                continue;
            }
            b.put(p.name(), coordinateValue(i, u[i]));
        }
        return Configuration.of(b);
    }

    /** The value of parameter {@code i} at coordinate {@code u}. */
    public Value coordinateValue(int i, double u) {
        Parameter p = params.get(i);
        if (p.isConstant()) {
            return constantValue(p);
        }
        if (p instanceof NumericParameter n) {
            return n.fromUnit(u);
        }
        int k = categoryCount(p);
        return category(p, Math.max(0, Math.min(k - 1, (int) Math.floor(u * k))));
    }

    /**
     * A uniformly random valid configuration: categoricals uniform, numerics uniform on the
     * (log-)scale, and linear stepped numerics uniform over their grid values.
     */
    public Configuration random(Rng rng) {
        var b = new LinkedHashMap<String, Value>();
        for (Parameter p : params) {
            if (!space.isActive(p, Configuration.of(b))) {
                continue;
            }
            b.put(p.name(), randomValue(p, rng));
        }
        return Configuration.of(b);
    }

    public static Value randomValue(Parameter p, Rng rng) {
        if (p.isConstant()) {
            return constantValue(p);
        }
        if (p instanceof NumericParameter n) {
            if (n.isStepped() && n.scale() == Scale.LINEAR && n.indexCount() < Integer.MAX_VALUE) {
                return n.valueAtIndex(rng.nextInt((int) n.indexCount() + 1));
            }
            return n.fromUnit(rng.nextDouble());
        }
        return category(p, rng.nextInt(categoryCount(p)));
    }

    /**
     * The nearest valid value of numeric feature {@code d} (a numeric parameter's own dimension)
     * to {@code u}, in unit space: clamped, and on the step grid for stepped parameters.
     */
    public double snapFeature(int d, double u) {
        Parameter p = params.get(paramOfFeature(d));
        double c = Math.max(0, Math.min(1, u));
        if (p instanceof NumericParameter n && n.isStepped()) {
            return n.toUnit(n.fromUnit(c));
        }
        return c;
    }

    /** Names of the feature dimensions (for diagnostics). */
    public List<String> featureNames() {
        var out = new ArrayList<String>();
        for (int i = 0; i < params.size(); i++) {
            Parameter p = params.get(i);
            for (int k = 0; k < featureWidth[i]; k++) {
                out.add(p instanceof NumericParameter ? p.name() : p.name() + "=" + category(p, k).asString());
            }
        }
        return out;
    }
}
