package io.autosys.ruleengine;

import static io.autosys.ruleengine.RocksDb.GIB;
import static io.autosys.ruleengine.RocksDb.KIB;
import static io.autosys.ruleengine.RocksDb.MIB;
import static org.assertj.core.api.Assertions.assertThat;

import io.autosys.ruleengine.api.FeedbackAction;
import io.autosys.ruleengine.api.FeedbackFacts;
import io.autosys.ruleengine.api.Proposal;
import io.autosys.ruleengine.api.Verdict;
import io.autosys.sdk.api.Configuration;
import io.autosys.sdk.api.Metrics;
import io.autosys.sdk.api.SystemDescription;
import io.autosys.sdk.api.Value;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The example rules in deploy/rules reject exactly what they should, and their feedback triggers fire exactly when they should. */
class ExampleRocksDbRulesTest {
    static final Path RULES = Path.of("..", "deploy", "rules");
    static final String MEMTABLES = "rocksdb: memtables within 1 GiB";
    static final String JOBS = "rocksdb: background jobs at most the cores";
    static final String ZSTD = "rocksdb: no zstd on blocks under 4 KiB";
    static final String ROLLBACK = "rocksdb: roll back when p99 rises by 20%";
    static final String THROUGHPUT = "rocksdb: alert when throughput drops by 30%";

    static DroolsRuleEngine engine;

    @BeforeAll
    static void load() {
        engine = DroolsRuleEngine.builder().rulesDirectory(RULES).space(RocksDb.SPACE).build();
        assertThat(engine.lastReload().ok()).as(engine.lastReload().toString()).isTrue();
        assertThat(engine.lastReload().files()).contains("rocksdb-checks.drl", "rocksdb-feedback.drl");
    }

    @AfterAll
    static void close() {
        engine.close();
    }

    /** The example rules restated in plain Java (exact long arithmetic). */
    static Set<String> expected(Configuration c, int cores) {
        var out = new TreeSet<String>();
        if (c.getLong("write_buffer_size") * c.getLong("max_write_buffer_number") > GIB) {
            out.add(MEMTABLES);
        }
        if (cores > 0 && c.getLong("max_background_jobs") > cores) {
            out.add(JOBS);
        }
        if (c.getString("compression_type").equals("zstd") && c.getLong("block_size") < 4 * KIB) {
            out.add(ZSTD);
        }
        return out;
    }

    @Test
    void randomConfigurationsAreRejectedExactlyByTheRulesTheyBreak() {
        var rnd = new SplittableRandom(7);
        var random = new RandomProposals(8);
        int[] coreCounts = {0, 2, 4, 16};
        var seen = new TreeSet<String>();
        int accepted = 0;
        for (int i = 0; i < 20_000; i++) {
            Configuration c = random.valid(RocksDb.SPACE);
            // Push some values onto the rules' edges.
            if (rnd.nextInt(3) == 0) {
                long[] wbs = {MIB, 64 * MIB, 64 * MIB + 1, 128 * MIB, 512 * MIB};
                c = c.with("write_buffer_size", Value.of(wbs[rnd.nextInt(wbs.length)]))
                        .with("max_write_buffer_number", Value.of((long) (rnd.nextBoolean() ? 16 : 8)));
            }
            if (rnd.nextInt(3) == 0) {
                long[] bs = {KIB, 4 * KIB - 1, 4 * KIB, 64 * KIB};
                c = c.with("block_size", Value.of(bs[rnd.nextInt(bs.length)]))
                        .with("compression_type", Value.of(rnd.nextBoolean() ? "zstd" : "lz4"));
            }
            int cores = coreCounts[rnd.nextInt(coreCounts.length)];
            Verdict v = engine.check(Proposal.of(c, RocksDb.description(cores)));
            Set<String> want = expected(c, cores);
            assertThat(v.violatedRules()).as("%s with %d cores: %s", c, cores, v).isEqualTo(want);
            seen.addAll(want);
            if (v.accepted()) {
                accepted++;
            }
        }
        assertThat(seen).containsExactlyInAnyOrder(MEMTABLES, JOBS, ZSTD);
        assertThat(accepted).isBetween(2_000, 18_000);
    }

    @Test
    void edgesOfTheExampleRules() {
        SystemDescription fourCores = RocksDb.description(4);
        Configuration d = RocksDb.SPACE.defaults();
        assertThat(check(d, fourCores).accepted()).isTrue();
        // 64 MiB x 16 is exactly 1 GiB: allowed; one byte more is not.
        assertThat(check(d.with("write_buffer_size", Value.of(64 * MIB)).with("max_write_buffer_number", Value.of(16L)),
                fourCores).accepted()).isTrue();
        Verdict over = check(d.with("write_buffer_size", Value.of(64 * MIB + 1)).with("max_write_buffer_number",
                Value.of(16L)), fourCores);
        assertThat(over.violatedRules()).containsExactly(MEMTABLES);
        assertThat(over.violations().get(0).parameters()).containsExactly("write_buffer_size",
                "max_write_buffer_number");
        assertThat(over.violations().get(0).source()).isEqualTo("rocksdb-checks.drl");
        assertThat(over.violations().get(0).reason()).contains("1073741840 bytes");
        // Jobs equal to the cores: allowed; one more: not; unknown cores: the rule does not apply.
        assertThat(check(d.with("max_background_jobs", Value.of(4L)), fourCores).accepted()).isTrue();
        assertThat(check(d.with("max_background_jobs", Value.of(5L)), fourCores).violatedRules()).containsExactly(JOBS);
        assertThat(check(d.with("max_background_jobs", Value.of(16L)), RocksDb.description(0)).accepted()).isTrue();
        // zstd needs blocks of at least 4 KiB; other codecs do not care.
        assertThat(check(d.with("compression_type", Value.of("zstd")).with("block_size", Value.of(4 * KIB)),
                fourCores).accepted()).isTrue();
        assertThat(check(d.with("compression_type", Value.of("zstd")).with("block_size", Value.of(4 * KIB - 1)),
                fourCores).violatedRules()).containsExactly(ZSTD);
        assertThat(check(d.with("compression_type", Value.of("lz4")).with("block_size", Value.of(KIB)), fourCores)
                .accepted()).isTrue();
        // Several problems at once, built-in and operator rules together: every one is reported.
        Verdict many = check(d.with("write_buffer_size", Value.of(GIB)).with("max_write_buffer_number", Value.of(2L))
                .with("max_background_jobs", Value.of(8L)), fourCores);
        assertThat(many.violatedRules()).containsExactlyInAnyOrder("space:bounds:write_buffer_size", MEMTABLES, JOBS);
    }

    @Test
    void rulesForOtherServiceKindsDoNotApply() {
        SystemDescription other = new SystemDescription("pg-1", "postgresql", null, RocksDb.SPACE,
                RocksDb.description(2).metrics(), List.of(), 1, java.util.Map.of("cores", "2"));
        Configuration c = RocksDb.SPACE.defaults().with("max_background_jobs", Value.of(16L))
                .with("write_buffer_size", Value.of(512 * MIB)).with("max_write_buffer_number", Value.of(16L));
        assertThat(check(c, other).accepted()).isTrue();
    }

    @Test
    void rollBackWhenP99RisesByMoreThanTwentyPercent() {
        Configuration prev = RocksDb.SPACE.defaults();
        Configuration now = prev.with("block_size", Value.of(16 * KIB));
        SystemDescription d = RocksDb.description(4);
        assertThat(feedback(d, 100, 120, 1000, 1000, prev, now)).isEmpty();
        List<FeedbackAction> rise = feedback(d, 100, 121, 1000, 1000, prev, now);
        assertThat(rise).extracting(FeedbackAction::kind).containsExactlyInAnyOrder(FeedbackAction.Kind.ROLLBACK,
                FeedbackAction.Kind.MARK_KNOWN_BAD);
        assertThat(rise).allSatisfy(a -> {
            assertThat(a.rule()).isEqualTo(ROLLBACK);
            assertThat(a.source()).isEqualTo("rocksdb-feedback.drl");
        });
        assertThat(feedback(d, 100, 90, 1000, 700, prev, now)).isEmpty();
        assertThat(feedback(d, 100, 90, 1000, 699, prev, now)).extracting(FeedbackAction::rule)
                .containsExactly(THROUGHPUT);
        // A metric that was not reported never triggers.
        assertThat(engine.evaluateFeedback(new FeedbackFacts(Metrics.of("throughput", 1000), Metrics.of("p99_us",
                500, "throughput", 1000), now, prev, d))).isEmpty();
    }

    private static List<FeedbackAction> feedback(SystemDescription d, double p99Before, double p99After,
            double opsBefore, double opsAfter, Configuration prev, Configuration now) {
        return engine.evaluateFeedback(new FeedbackFacts(Metrics.of("p99_us", p99Before, "throughput", opsBefore),
                Metrics.of("p99_us", p99After, "throughput", opsAfter), now, prev, d));
    }

    private static Verdict check(Configuration c, SystemDescription d) {
        return engine.check(Proposal.of(c, d));
    }
}
