package io.autosys.benchmarks.rules;

import io.autosys.ruleengine.DroolsRuleEngine;
import io.autosys.ruleengine.api.Proposal;
import io.autosys.ruleengine.api.Verdict;
import java.nio.file.Path;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * One rule check (RuleEngine.check) of a designer's proposal for the RocksDB target, on one
 * thread. Every rule set also holds the ~30 built-in rules generated from the RocksDB space and
 * the known-bad rule; {@code ruleSet} names the operator rules on top: none, the example files of
 * deploy/rules, or 20 / 200 generated rules.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class RuleCheckBenchmark {
    static final int PROPOSALS = 4096;

    @Param({"builtin", "example", "20", "200"})
    public String ruleSet;

    private DroolsRuleEngine engine;
    private Proposal[] proposals;
    private int next;

    @Setup(Level.Trial)
    public void setUp() {
        var b = DroolsRuleEngine.builder().space(RocksDbRuleFixture.SPACE);
        switch (ruleSet) {
            case "builtin" -> {
            }
            case "example" -> b.rulesDirectory(rulesDirectory());
            default -> b.drl("generated.drl", RocksDbRuleFixture.generatedRules(Integer.parseInt(ruleSet), 42));
        }
        engine = b.build();
        if (!engine.lastReload().ok()) {
            throw new IllegalStateException("rules did not compile: " + engine.lastReload());
        }
        var rnd = new SplittableRandom(7);
        proposals = new Proposal[PROPOSALS];
        for (int i = 0; i < PROPOSALS; i++) {
            proposals[i] = Proposal.of(RocksDbRuleFixture.proposal(rnd), RocksDbRuleFixture.DESCRIPTION);
        }
    }

    static Path rulesDirectory() {
        return Path.of(System.getProperty("autosys.rules.dir", "../deploy/rules"));
    }

    @Benchmark
    public Verdict check() {
        return engine.check(proposals[next++ & (PROPOSALS - 1)]);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        engine.close();
    }

    /** Rules in the set and the share of the benchmark's proposals it accepts (for the report). */
    static double[] describe(String ruleSet) {
        var s = new RuleCheckBenchmark();
        s.ruleSet = ruleSet;
        s.setUp();
        int ok = 0;
        for (Proposal p : s.proposals) {
            if (s.engine.check(p).accepted()) {
                ok++;
            }
        }
        double[] out = {s.engine.ruleCount(), (double) ok / PROPOSALS};
        s.tearDown();
        return out;
    }
}
