package io.autosys.candidategenerator.online;

import java.util.ArrayDeque;
import java.util.Deque;

/** A {@link RandomSource} that hands out recorded directions and arms, and fails when it runs out. */
final class ScriptedRandom implements RandomSource {
    final Deque<double[]> directions = new ArrayDeque<>();
    final Deque<Integer> arms = new ArrayDeque<>();
    /** The probabilities of the last arm draw. */
    double[] lastProbabilities;
    int directionDraws;
    int armDraws;

    ScriptedRandom direction(double... u) {
        directions.add(u.clone());
        return this;
    }

    ScriptedRandom arm(int a) {
        arms.add(a);
        return this;
    }

    @Override
    public double[] direction(int dimension) {
        if (directions.isEmpty()) {
            throw new AssertionError("tuner drew a direction the script does not have (draw " + (directionDraws + 1)
                    + ")");
        }
        directionDraws++;
        return directions.poll();
    }

    @Override
    public int arm(double[] probabilities) {
        if (arms.isEmpty()) {
            throw new AssertionError("tuner drew an arm the script does not have (draw " + (armDraws + 1) + ")");
        }
        armDraws++;
        lastProbabilities = probabilities.clone();
        return arms.poll();
    }

    @Override
    public double uniform() {
        throw new AssertionError("no uniform draws are scripted");
    }
}
