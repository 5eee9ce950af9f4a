package io.autosys.ruleengine;

import io.autosys.sdk.api.BooleanParameter;
import io.autosys.sdk.api.CategoricalParameter;
import io.autosys.sdk.api.Condition;
import io.autosys.sdk.api.IntegerParameter;
import io.autosys.sdk.api.Parameter;
import io.autosys.sdk.api.ParameterSpace;
import io.autosys.sdk.api.RealParameter;
import io.autosys.sdk.api.Scale;
import io.autosys.sdk.api.Value;
import io.autosys.sdk.api.Configuration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.SplittableRandom;

/** Random spaces and random configurations inside and outside them, for property tests. */
final class RandomProposals {
    private final SplittableRandom rnd;

    RandomProposals(long seed) {
        this.rnd = new SplittableRandom(seed);
    }

    /** A random space of 1..9 parameters of every kind, some conditional, some with huge or tiny ranges. */
    ParameterSpace space(int index) {
        int n = 1 + rnd.nextInt(9);
        var params = new ArrayList<Parameter>();
        var parents = new ArrayList<Parameter>();
        for (int i = 0; i < n; i++) {
            String name = "p" + index + "_" + i;
            Parameter p = switch (rnd.nextInt(4)) {
                case 0 -> {
                    long min = switch (rnd.nextInt(4)) {
                        case 0 -> 0;
                        case 1 -> -rnd.nextLong(1_000);
                        case 2 -> -(1L << 40);
                        default -> 1 + rnd.nextLong(100);
                    };
                    long span = rnd.nextBoolean() ? rnd.nextLong(1, 1_000) : rnd.nextLong(1L << 20, 1L << 45);
                    long step = rnd.nextInt(3) == 0 ? 1 + rnd.nextLong(7) : 1;
                    long max = min + span;
                    long def = min + step * rnd.nextLong((max - min) / step + 1);
                    Scale scale = min > 0 && rnd.nextBoolean() ? Scale.LOG : Scale.LINEAR;
                    yield new IntegerParameter(name, min, max, step, scale, def, "", "", null);
                }
                case 1 -> {
                    double min = switch (rnd.nextInt(3)) {
                        case 0 -> 0.0;
                        case 1 -> -rnd.nextDouble() * 100;
                        default -> 1e-6 * (1 + rnd.nextInt(100));
                    };
                    double max = min + (rnd.nextBoolean() ? rnd.nextDouble() * 10 + 1e-3 : rnd.nextDouble() * 1e6 + 1);
                    double step = rnd.nextInt(3) == 0 ? (max - min) / (2 + rnd.nextInt(50)) : 0;
                    Scale scale = min > 0 && rnd.nextBoolean() ? Scale.LOG : Scale.LINEAR;
                    yield new RealParameter(name, min, max, step, scale, min, "", "", null);
                }
                case 2 -> {
                    int k = 1 + rnd.nextInt(5);
                    var cats = new ArrayList<String>();
                    for (int c = 0; c < k; c++) {
                        cats.add(c == 3 ? "quote\"d-" + c : "c" + c);
                    }
                    yield CategoricalParameter.of(name, cats, cats.get(0));
                }
                default -> BooleanParameter.of(name, rnd.nextBoolean());
            };
            if (!parents.isEmpty() && rnd.nextInt(3) == 0) {
                Parameter parent = parents.get(rnd.nextInt(parents.size()));
                List<String> values = parent instanceof CategoricalParameter cp ? cp.categories()
                        : BooleanParameter.VALUES;
                var chosen = new ArrayList<String>();
                for (String v : values) {
                    if (rnd.nextBoolean()) {
                        chosen.add(v);
                    }
                }
                if (chosen.isEmpty()) {
                    chosen.add(values.get(0));
                }
                p = withCondition(p, new Condition(parent.name(), chosen));
            }
            params.add(p);
            if (p instanceof CategoricalParameter || p instanceof BooleanParameter) {
                parents.add(p);
            }
        }
        return new ParameterSpace(params);
    }

    private static Parameter withCondition(Parameter p, Condition c) {
        if (p instanceof IntegerParameter ip) {
            return ip.withCondition(c);
        }
        if (p instanceof RealParameter rp) {
            return rp.withCondition(c);
        }
        if (p instanceof CategoricalParameter cp) {
            return cp.withCondition(c);
        }
        return ((BooleanParameter) p).withCondition(c);
    }

    /** A valid configuration of the space (random values on the grid, only active parameters). */
    Configuration valid(ParameterSpace space) {
        var values = new LinkedHashMap<String, Value>();
        for (Parameter p : space.parameters()) {
            if (space.isActive(p, Configuration.of(values))) {
                values.put(p.name(), validValue(p));
            }
        }
        return Configuration.of(values);
    }

    /**
     * A configuration that is valid about half the time and otherwise broken in one to three ways:
     * missing values, inactive values set, wrong types, out of bounds (just and far), off the grid,
     * unknown categories, unknown names.
     */
    Configuration proposal(ParameterSpace space) {
        Configuration c = valid(space);
        if (rnd.nextBoolean()) {
            return c;
        }
        int breaks = 1 + rnd.nextInt(3);
        var values = new LinkedHashMap<>(c.values());
        for (int b = 0; b < breaks; b++) {
            Parameter p = space.parameters().get(rnd.nextInt(space.size()));
            switch (rnd.nextInt(7)) {
                case 0 -> values.remove(p.name());
                case 1 -> values.put("unknown_" + rnd.nextInt(3), Value.of(rnd.nextLong(10)));
                case 2 -> values.put(p.name(), wrongType(p));
                case 3 -> values.put(p.name(), outside(p));
                case 4 -> values.put(p.name(), offGrid(p));
                case 5 -> values.put(p.name(), validValue(p)); // may be inactive now, or flip a parent
                default -> {
                    // flip a parent to another value so its children become active/inactive
                    if (p instanceof CategoricalParameter || p instanceof BooleanParameter) {
                        values.put(p.name(), validValue(p));
                    } else {
                        values.put(p.name(), outside(p));
                    }
                }
            }
        }
        return Configuration.of(values);
    }

    Value validValue(Parameter p) {
        if (p instanceof IntegerParameter ip) {
            long n = ip.indexCount();
            long k = switch (rnd.nextInt(5)) {
                case 0 -> 0;
                case 1 -> n;
                default -> rnd.nextLong(n + 1);
            };
            return Value.of(ip.min() + k * ip.step());
        }
        if (p instanceof RealParameter rp) {
            if (rp.step() > 0) {
                return rp.valueAtIndex(rnd.nextLong(rp.indexCount() + 1));
            }
            return switch (rnd.nextInt(5)) {
                case 0 -> Value.of(rp.min());
                case 1 -> Value.of(rp.max());
                default -> rp.fromUnit(rnd.nextDouble());
            };
        }
        if (p instanceof CategoricalParameter cp) {
            return Value.of(cp.categories().get(rnd.nextInt(cp.categories().size())));
        }
        return Value.of(rnd.nextBoolean());
    }

    private Value wrongType(Parameter p) {
        return switch (p.kind()) {
            case "integer" -> rnd.nextBoolean() ? Value.of(1.5) : Value.of("c0");
            case "real" -> rnd.nextBoolean() ? Value.of(3L) : Value.of(true);
            case "categorical" -> rnd.nextBoolean() ? Value.of(0L) : Value.of(false);
            default -> rnd.nextBoolean() ? Value.of("true") : Value.of(1L);
        };
    }

    private Value outside(Parameter p) {
        if (p instanceof IntegerParameter ip) {
            return switch (rnd.nextInt(4)) {
                case 0 -> Value.of(ip.min() - 1);
                case 1 -> Value.of(ip.max() + 1);
                case 2 -> Value.of(Long.MAX_VALUE);
                default -> Value.of(Long.MIN_VALUE);
            };
        }
        if (p instanceof RealParameter rp) {
            return switch (rnd.nextInt(4)) {
                case 0 -> Value.of(Math.nextDown(rp.min()));
                case 1 -> Value.of(Math.nextUp(rp.max()));
                case 2 -> Value.of(rp.max() + 1e9);
                default -> Value.of(-Double.MAX_VALUE);
            };
        }
        if (p instanceof CategoricalParameter) {
            return Value.of(rnd.nextBoolean() ? "nope" : "C0");
        }
        return Value.of(rnd.nextBoolean() ? 2L : 0L);
    }

    private Value offGrid(Parameter p) {
        if (p instanceof IntegerParameter ip && ip.step() > 1 && ip.indexCount() > 0) {
            return Value.of(ip.min() + rnd.nextLong(ip.indexCount()) * ip.step() + 1 + rnd.nextLong(ip.step() - 1));
        }
        if (p instanceof RealParameter rp && rp.step() > 0 && rp.indexCount() > 0) {
            return Value.of(rp.min() + (rnd.nextLong(rp.indexCount()) + 0.25 + rnd.nextDouble() * 0.5) * rp.step());
        }
        return outside(p);
    }
}
