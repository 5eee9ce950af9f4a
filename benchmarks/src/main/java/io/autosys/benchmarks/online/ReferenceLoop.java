package io.autosys.benchmarks.online;

import io.autosys.sdk.api.CategoricalParameter;
import io.autosys.sdk.api.Configuration;
import io.autosys.sdk.api.ParameterSpace;
import io.autosys.sdk.api.RealParameter;
import java.util.List;

/**
 * The online task of ALGORITHMS.md section 4 on which the OPPerTune reference was measured:
 * {@code reward = 1 - 0.5 (((x - 7)/10)^2 + ((y + 2)/10)^2) - pen(mode)} with x in [0, 10] from 2,
 * y in [-5, 5] from 4, mode in {a: 0.3, b: 0, c: 0.15} from a; optimum 1.0.
 *
 * <p>With drift, from round {@code driftRound + 1} on the optimum is x = 3, y = 2, mode c (the
 * penalties of b and c swap: a 0.3, b 0.15, c 0). Noise, when asked for, is added by the runner.
 *
 * @param driftRound the last round of the first optimum, or 0 for none
 */
public record ReferenceLoop(int driftRound) {

    public static ParameterSpace space() {
        return ParameterSpace.of(RealParameter.of("x", 0, 10, 2), RealParameter.of("y", -5, 5, 4),
                CategoricalParameter.of("mode", List.of("a", "b", "c"), "a"));
    }

    /** The noise-free reward of {@code c} at round {@code round} (1-based). */
    public double reward(Configuration c, int round) {
        boolean moved = driftRound > 0 && round > driftRound;
        double x = c.getDouble("x");
        double y = c.getDouble("y");
        double dx = (x - (moved ? 3 : 7)) / 10;
        double dy = (y - (moved ? 2 : -2)) / 10;
        double pen = switch (c.getString("mode")) {
            case "a" -> 0.3;
            case "b" -> moved ? 0.15 : 0;
            case "c" -> moved ? 0 : 0.15;
            default -> throw new IllegalArgumentException("mode " + c.getString("mode"));
        };
        return 1 - 0.5 * (dx * dx + dy * dy) - pen;
    }
}
