package io.autosys.candidategenerator.designers;

import io.autosys.sdk.api.BooleanParameter;
import io.autosys.sdk.api.CategoricalParameter;
import io.autosys.sdk.api.Condition;
import io.autosys.sdk.api.Configuration;
import io.autosys.sdk.api.IntegerParameter;
import io.autosys.sdk.api.ParameterSpace;
import io.autosys.sdk.api.RealParameter;
import io.autosys.sdk.api.Scale;
import java.util.List;

/** A space with every parameter kind, and an objective over it. */
final class TestSpaces {
    private TestSpaces() {
    }

    static ParameterSpace everyKind() {
        return ParameterSpace.of(
                RealParameter.of("lr", 1e-4, 1, 1e-2).withScale(Scale.LOG),
                RealParameter.of("ratio", 0, 1, 0.5).withStep(0.25),
                new IntegerParameter("threads", 1, 64, 1, Scale.LOG, 8, "", "", null),
                IntegerParameter.of("batch", 16, 256, 32).withStep(16),
                CategoricalParameter.of("engine", List.of("lsm", "btree", "hash"), "lsm"),
                BooleanParameter.of("compress", false),
                RealParameter.of("fixed", 3, 3, 3),
                CategoricalParameter.of("only", List.of("one"), "one"),
                IntegerParameter.of("level", 1, 9, 3).withCondition(Condition.of("compress", "true")),
                CategoricalParameter.of("codec", List.of("lz4", "zstd"), "lz4")
                        .withCondition(Condition.of("compress", "true")),
                RealParameter.of("window", 0, 1, 0.5).withCondition(Condition.of("codec", "zstd")));
    }

    /** Smooth in the numerics, with category effects; minimum near lr = 1e-2, batch 128, btree, zstd. */
    static double objective(Configuration c) {
        double lr = Math.log10(c.getDouble("lr")) + 2;
        double v = lr * lr + (c.getDouble("ratio") - 0.5) * (c.getDouble("ratio") - 0.5)
                + Math.abs(c.getLong("batch") - 128) / 128.0 + Math.log(c.getLong("threads")) * 0.05;
        v += switch (c.getString("engine")) {
            case "btree" -> 0;
            case "lsm" -> 0.3;
            default -> 0.6;
        };
        if (c.getBoolean("compress")) {
            v += c.getLong("level") / 30.0 + (c.getString("codec").equals("zstd") ? (c.getDouble("window") - 0.3)
                    * (c.getDouble("window") - 0.3) : 0.2);
        } else {
            v += 0.4;
        }
        return v;
    }
}
