package io.autosys.benchmarks.online;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.autosys.sdk.api.Configuration;
import org.junit.jupiter.api.Test;

class RewardCurvesTest {

    @Test
    void windowFiguresCountRoundsFromOne() {
        double[] r = new double[100];
        for (int t = 0; t < 100; t++) {
            r[t] = t < 50 ? 0.5 : 1.0;
        }
        assertThat(RewardCurves.mean(r, 51, 60)).isEqualTo(1.0);
        assertThat(RewardCurves.mean(r, 41, 60)).isEqualTo(0.75);
        // The 20-round mean first reaches 0.95 once 18 of the last 20 rounds are 1.0: round 68.
        assertThat(RewardCurves.roundsToReach(r, 0.95, 20, 0)).isEqualTo(68);
        // Counted after round 40, with windows entirely after it.
        assertThat(RewardCurves.roundsToReach(r, 0.95, 20, 40)).isEqualTo(28);
        assertThat(RewardCurves.roundsToReach(r, 1.01, 20, 0)).isInfinite();
        assertThat(RewardCurves.movingMean(r, 20)[0]).isEqualTo(0.5);
        assertThat(RewardCurves.movingMean(r, 20)[59]).isEqualTo(0.75);
    }

    @Test
    void theReferenceLoopPeaksAtOneAndMovesAfterTheDrift() {
        var task = new ReferenceLoop(300);
        Configuration first = Configuration.builder().set("x", 7.0).set("y", -2.0).set("mode", "b").build();
        Configuration second = Configuration.builder().set("x", 3.0).set("y", 2.0).set("mode", "c").build();
        assertThat(task.reward(first, 300)).isEqualTo(1.0);
        assertThat(task.reward(second, 301)).isEqualTo(1.0);
        assertThat(task.reward(first, 301)).isCloseTo(1 - 0.5 * (0.16 + 0.16) - 0.15, within(1e-12));
        assertThat(task.reward(ReferenceLoop.space().defaults(), 1)).isCloseTo(1 - 0.5 * (0.25 + 0.36) - 0.3,
                within(1e-12));
    }
}
