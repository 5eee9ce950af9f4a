package io.autosys.sdk.proto;

import io.autosys.proto.v1.BooleanSpec;
import io.autosys.proto.v1.CategoricalSpec;
import io.autosys.proto.v1.IntegerSpec;
import io.autosys.proto.v1.ParameterSpec;
import io.autosys.proto.v1.RealSpec;
import io.autosys.sdk.api.ApplyResult;
import io.autosys.sdk.api.BooleanParameter;
import io.autosys.sdk.api.CategoricalParameter;
import io.autosys.sdk.api.Condition;
import io.autosys.sdk.api.Configuration;
import io.autosys.sdk.api.Context;
import io.autosys.sdk.api.ContextFeatureSpec;
import io.autosys.sdk.api.ContextValue;
import io.autosys.sdk.api.FailureKind;
import io.autosys.sdk.api.FeatureKind;
import io.autosys.sdk.api.Goal;
import io.autosys.sdk.api.IntegerParameter;
import io.autosys.sdk.api.MetricSpec;
import io.autosys.sdk.api.Metrics;
import io.autosys.sdk.api.Observation;
import io.autosys.sdk.api.Parameter;
import io.autosys.sdk.api.ParameterSpace;
import io.autosys.sdk.api.RealParameter;
import io.autosys.sdk.api.Scale;
import io.autosys.sdk.api.SystemDescription;
import io.autosys.sdk.api.TrialBudget;
import io.autosys.sdk.api.TrialOutcome;
import io.autosys.sdk.api.TrialProgress;
import io.autosys.sdk.api.TrialRequest;
import io.autosys.sdk.api.Value;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;

/**
 * Lossless conversion between the SDK's types and the {@code autosys.v1} messages. Conversion
 * from proto validates (the SDK types validate themselves) and errors name the field or
 * parameter at fault, wrapped in {@link ProtoFormatException}.
 */
public final class Protos {
    private Protos() {
    }

    // ---- values and configurations ------------------------------------------------------------

    public static io.autosys.proto.v1.Value toProto(Value v) {
        var b = io.autosys.proto.v1.Value.newBuilder();
        if (v instanceof Value.Real r) {
            b.setReal(r.value());
        } else if (v instanceof Value.Int i) {
            b.setInteger(i.value());
        } else if (v instanceof Value.Categorical c) {
            b.setCategorical(c.value());
        } else if (v instanceof Value.Bool bo) {
            b.setBoolean(bo.value());
        }
        return b.build();
    }

    public static Value fromProto(String parameter, io.autosys.proto.v1.Value v) {
        return switch (v.getKindCase()) {
            case REAL -> guard("value of parameter '" + parameter + "'", () -> Value.of(v.getReal()));
            case INTEGER -> Value.of(v.getInteger());
            case CATEGORICAL -> Value.of(v.getCategorical());
            case BOOLEAN -> Value.of(v.getBoolean());
            case KIND_NOT_SET -> throw new ProtoFormatException("value of parameter '" + parameter + "' is not set");
        };
    }

    public static io.autosys.proto.v1.Configuration toProto(Configuration c) {
        var b = io.autosys.proto.v1.Configuration.newBuilder();
        c.values().forEach((k, v) -> b.putValues(k, toProto(v)));
        return b.build();
    }

    public static Configuration fromProto(io.autosys.proto.v1.Configuration c) {
        // Sorted by name: proto maps carry no order, and a stable order makes logs comparable.
        var m = new java.util.TreeMap<String, Value>();
        c.getValuesMap().forEach((k, v) -> m.put(k, fromProto(k, v)));
        return Configuration.of(m);
    }

    // ---- parameter space ----------------------------------------------------------------------

    public static io.autosys.proto.v1.Scale toProto(Scale s) {
        return s == Scale.LOG ? io.autosys.proto.v1.Scale.LOG : io.autosys.proto.v1.Scale.LINEAR;
    }

    public static Scale fromProto(io.autosys.proto.v1.Scale s) {
        return s == io.autosys.proto.v1.Scale.LOG ? Scale.LOG : Scale.LINEAR;
    }

    public static ParameterSpec toProto(Parameter p) {
        var b = ParameterSpec.newBuilder().setName(p.name()).setDescription(p.description()).setUnit(p.unit());
        if (p instanceof RealParameter r) {
            b.setReal(RealSpec.newBuilder().setMin(r.min()).setMax(r.max()).setStep(r.step())
                    .setScale(toProto(r.scale())).setDefaultValue(r.defaultNumber()));
        } else if (p instanceof IntegerParameter i) {
            b.setInteger(IntegerSpec.newBuilder().setMin(i.min()).setMax(i.max())
                    .setStep(i.step()).setScale(toProto(i.scale())).setDefaultValue(i.defaultNumber()));
        } else if (p instanceof CategoricalParameter c) {
            b.setCategorical(CategoricalSpec.newBuilder()
                    .addAllCategories(c.categories()).setOrdered(c.ordered()).setDefaultValue(c.defaultCategory()));
        } else if (p instanceof BooleanParameter bo) {
            b.setBoolean(BooleanSpec.newBuilder().setDefaultValue(bo.defaultBoolean()));
        }
        if (p.condition() != null) {
            b.setCondition(io.autosys.proto.v1.Condition.newBuilder().setParent(p.condition().parent())
                    .addAllValues(p.condition().values()));
        }
        return b.build();
    }

    public static Parameter fromProto(ParameterSpec s) {
        String where = "parameter '" + s.getName() + "'";
        Condition cond = s.hasCondition()
                ? guard(where + " condition", () -> new Condition(s.getCondition().getParent(),
                        s.getCondition().getValuesList()))
                : null;
        return guard(where, () -> switch (s.getKindCase()) {
            case REAL -> {
                RealSpec r = s.getReal();
                yield new RealParameter(s.getName(), r.getMin(), r.getMax(), r.getStep(), fromProto(r.getScale()),
                        r.getDefaultValue(), s.getDescription(), s.getUnit(), cond);
            }
            case INTEGER -> {
                IntegerSpec i = s.getInteger();
                yield new IntegerParameter(s.getName(), i.getMin(), i.getMax(), i.getStep() == 0 ? 1 : i.getStep(),
                        fromProto(i.getScale()), i.getDefaultValue(), s.getDescription(), s.getUnit(), cond);
            }
            case CATEGORICAL -> {
                CategoricalSpec c = s.getCategorical();
                yield new CategoricalParameter(s.getName(), c.getCategoriesList(), c.getOrdered(), c.getDefaultValue(),
                        s.getDescription(), s.getUnit(), cond);
            }
            case BOOLEAN -> new BooleanParameter(s.getName(), s.getBoolean().getDefaultValue(), s.getDescription(),
                    s.getUnit(), cond);
            case KIND_NOT_SET -> throw new IllegalArgumentException("parameter '" + s.getName()
                    + "' has no kind (real, integer, categorical or boolean)");
        });
    }

    public static io.autosys.proto.v1.ParameterSpace toProto(ParameterSpace space) {
        var b = io.autosys.proto.v1.ParameterSpace.newBuilder();
        space.parameters().forEach(p -> b.addParameters(toProto(p)));
        return b.build();
    }

    public static ParameterSpace fromProto(io.autosys.proto.v1.ParameterSpace space) {
        var params = new ArrayList<Parameter>();
        for (ParameterSpec s : space.getParametersList()) {
            params.add(fromProto(s));
        }
        return guard("parameter space", () -> new ParameterSpace(params));
    }

    // ---- metrics, context, descriptions -------------------------------------------------------

    public static io.autosys.proto.v1.Metrics toProto(Metrics m) {
        return io.autosys.proto.v1.Metrics.newBuilder().putAllValues(m.values()).build();
    }

    public static Metrics fromProto(io.autosys.proto.v1.Metrics m) {
        return guard("metrics", () -> new Metrics(new java.util.TreeMap<>(m.getValuesMap())));
    }

    public static io.autosys.proto.v1.Goal toProto(Goal g) {
        return g == Goal.MAXIMIZE ? io.autosys.proto.v1.Goal.MAXIMIZE : io.autosys.proto.v1.Goal.MINIMIZE;
    }

    public static Goal fromProto(String metric, io.autosys.proto.v1.Goal g) {
        return switch (g) {
            case MAXIMIZE -> Goal.MAXIMIZE;
            case MINIMIZE -> Goal.MINIMIZE;
            default -> throw new ProtoFormatException("metric '" + metric + "': goal must be MAXIMIZE or MINIMIZE");
        };
    }

    public static io.autosys.proto.v1.MetricSpec toProto(MetricSpec m) {
        return io.autosys.proto.v1.MetricSpec.newBuilder().setName(m.name()).setUnit(m.unit())
                .setGoal(toProto(m.goal())).setDescription(m.description()).build();
    }

    public static MetricSpec fromProto(io.autosys.proto.v1.MetricSpec m) {
        Goal g = fromProto(m.getName(), m.getGoal());
        return guard("metric '" + m.getName() + "'", () -> new MetricSpec(m.getName(), m.getUnit(), g,
                m.getDescription()));
    }

    public static io.autosys.proto.v1.ContextFeatureSpec toProto(ContextFeatureSpec f) {
        return io.autosys.proto.v1.ContextFeatureSpec.newBuilder().setName(f.name())
                .setKind(f.kind() == FeatureKind.NUMERIC ? io.autosys.proto.v1.FeatureKind.NUMERIC
                        : io.autosys.proto.v1.FeatureKind.CATEGORICAL)
                .addAllCategories(f.categories()).setDescription(f.description()).build();
    }

    public static ContextFeatureSpec fromProto(io.autosys.proto.v1.ContextFeatureSpec f) {
        FeatureKind kind = switch (f.getKind()) {
            case NUMERIC -> FeatureKind.NUMERIC;
            case CATEGORICAL -> FeatureKind.CATEGORICAL;
            default -> throw new ProtoFormatException("context feature '" + f.getName()
                    + "': kind must be NUMERIC or CATEGORICAL");
        };
        return guard("context feature '" + f.getName() + "'", () -> new ContextFeatureSpec(f.getName(), kind,
                f.getCategoriesList(), f.getDescription()));
    }

    public static io.autosys.proto.v1.Context toProto(Context c) {
        var b = io.autosys.proto.v1.Context.newBuilder();
        c.features().forEach((k, v) -> b.putFeatures(k, v instanceof ContextValue.Number n
                ? io.autosys.proto.v1.ContextValue.newBuilder().setNumber(n.value()).build()
                : io.autosys.proto.v1.ContextValue.newBuilder().setLabel(((ContextValue.Label) v).value()).build()));
        return b.build();
    }

    public static Context fromProto(io.autosys.proto.v1.Context c) {
        var m = new java.util.TreeMap<String, ContextValue>();
        c.getFeaturesMap().forEach((k, v) -> m.put(k, switch (v.getKindCase()) {
            case NUMBER -> guard("context feature '" + k + "'", () -> ContextValue.of(v.getNumber()));
            case LABEL -> ContextValue.of(v.getLabel());
            case KIND_NOT_SET -> throw new ProtoFormatException("context feature '" + k + "' has no value");
        }));
        return guard("context", () -> new Context(m));
    }

    public static io.autosys.proto.v1.SystemDescription toProto(SystemDescription d) {
        var b = io.autosys.proto.v1.SystemDescription.newBuilder().setSystemId(d.systemId())
                .setServiceKind(d.serviceKind()).setInstanceId(d.instanceId()).setSpace(toProto(d.space()))
                .setMaxConcurrentTrials(d.maxConcurrentTrials()).putAllLabels(d.labels());
        d.metrics().forEach(m -> b.addMetrics(toProto(m)));
        d.contextFeatures().forEach(f -> b.addContextFeatures(toProto(f)));
        return b.build();
    }

    public static SystemDescription fromProto(io.autosys.proto.v1.SystemDescription d) {
        ParameterSpace space = fromProto(d.getSpace());
        List<MetricSpec> metrics = d.getMetricsList().stream().map(Protos::fromProto).toList();
        List<ContextFeatureSpec> features = d.getContextFeaturesList().stream().map(Protos::fromProto).toList();
        return guard("system description", () -> new SystemDescription(d.getSystemId(), d.getServiceKind(),
                d.getInstanceId(), space, metrics, features,
                d.getMaxConcurrentTrials() == 0 ? 1 : d.getMaxConcurrentTrials(), new LinkedHashMap<>(d.getLabelsMap())));
    }

    // ---- trials -------------------------------------------------------------------------------

    public static io.autosys.proto.v1.TrialBudget toProto(TrialBudget b) {
        return io.autosys.proto.v1.TrialBudget.newBuilder().setDurationMs(b.durationMs()).setOperations(b.operations())
                .setFidelity(b.fidelity()).build();
    }

    public static TrialBudget fromProto(io.autosys.proto.v1.TrialBudget b) {
        return guard("trial budget", () -> new TrialBudget(b.getDurationMs(), b.getOperations(), b.getFidelity()));
    }

    public static io.autosys.proto.v1.FailureKind toProto(FailureKind k) {
        return io.autosys.proto.v1.FailureKind.valueOf(k.name());
    }

    public static FailureKind fromProto(io.autosys.proto.v1.FailureKind k) {
        if (k == io.autosys.proto.v1.FailureKind.FAILURE_KIND_UNSPECIFIED
                || k == io.autosys.proto.v1.FailureKind.UNRECOGNIZED) {
            return FailureKind.CRASHED;
        }
        return FailureKind.valueOf(k.name());
    }

    public static io.autosys.proto.v1.TrialOutcome toProto(TrialOutcome o) {
        var b = io.autosys.proto.v1.TrialOutcome.newBuilder().setElapsedMs(o.elapsedMs());
        if (o instanceof TrialOutcome.Succeeded s) {
            b.setMetrics(toProto(s.metrics()));
        } else if (o instanceof TrialOutcome.Failed f) {
            b.setFailure(io.autosys.proto.v1.TrialFailure.newBuilder().setKind(toProto(f.kind())).setReason(f.reason()));
        }
        return b.build();
    }

    public static TrialOutcome fromProto(io.autosys.proto.v1.TrialOutcome o) {
        return switch (o.getResultCase()) {
            case METRICS -> TrialOutcome.succeeded(fromProto(o.getMetrics()), o.getElapsedMs());
            case FAILURE -> TrialOutcome.failed(fromProto(o.getFailure().getKind()), o.getFailure().getReason(),
                    o.getElapsedMs());
            case RESULT_NOT_SET -> throw new ProtoFormatException("trial outcome has neither metrics nor failure");
        };
    }

    public static io.autosys.proto.v1.TrialProgress toProto(TrialProgress p) {
        return io.autosys.proto.v1.TrialProgress.newBuilder().setStep(p.step()).setFractionDone(p.fractionDone())
                .setMetrics(toProto(p.metrics())).build();
    }

    public static TrialProgress fromProto(io.autosys.proto.v1.TrialProgress p) {
        return guard("trial progress", () -> new TrialProgress(p.getStep(), p.getFractionDone(),
                fromProto(p.getMetrics())));
    }

    public static io.autosys.proto.v1.RunTrialRequest toProto(TrialRequest r) {
        return io.autosys.proto.v1.RunTrialRequest.newBuilder().setTrialId(r.trialId())
                .setConfiguration(toProto(r.configuration())).setBudget(toProto(r.budget())).setSeed(r.seed()).build();
    }

    public static TrialRequest fromProto(io.autosys.proto.v1.RunTrialRequest r) {
        return new TrialRequest(r.getTrialId(), fromProto(r.getConfiguration()), fromProto(r.getBudget()), r.getSeed());
    }

    public static io.autosys.proto.v1.ObserveResponse toProto(Observation o) {
        return io.autosys.proto.v1.ObserveResponse.newBuilder().setMetrics(toProto(o.metrics()))
                .setContext(toProto(o.context())).setConfiguration(toProto(o.configuration()))
                .setObservedAtMs(o.observedAtMs()).build();
    }

    public static Observation fromProto(io.autosys.proto.v1.ObserveResponse o) {
        return new Observation(fromProto(o.getMetrics()), fromProto(o.getContext()), fromProto(o.getConfiguration()),
                o.getObservedAtMs());
    }

    public static io.autosys.proto.v1.ApplyResponse toProto(ApplyResult r) {
        return io.autosys.proto.v1.ApplyResponse.newBuilder().setApplied(toProto(r.applied()))
                .addAllPendingRestart(new java.util.TreeSet<>(r.pendingRestart()))
                .addAllChanged(new java.util.TreeSet<>(r.changed())).build();
    }

    public static ApplyResult fromProto(io.autosys.proto.v1.ApplyResponse r) {
        return new ApplyResult(fromProto(r.getApplied()), java.util.Set.copyOf(r.getPendingRestartList()),
                java.util.Set.copyOf(r.getChangedList()));
    }

    private static <T> T guard(String where, java.util.function.Supplier<T> s) {
        try {
            return s.get();
        } catch (ProtoFormatException e) {
            throw e;
        } catch (IllegalArgumentException | NullPointerException e) {
            String msg = e.getMessage() == null ? e.toString() : e.getMessage();
            throw new ProtoFormatException(msg.contains("'") ? msg : where + ": " + msg, e);
        }
    }
}
