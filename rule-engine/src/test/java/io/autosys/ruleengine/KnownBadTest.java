package io.autosys.ruleengine;

import static io.autosys.ruleengine.RocksDb.KIB;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.autosys.ruleengine.api.KnownBad;
import io.autosys.ruleengine.api.KnownBadPattern;
import io.autosys.ruleengine.api.KnownBadPattern.Clause;
import io.autosys.ruleengine.api.KnownBadPattern.Op;
import io.autosys.ruleengine.api.Proposal;
import io.autosys.ruleengine.api.Verdict;
import io.autosys.sdk.api.Configuration;
import io.autosys.sdk.api.Value;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class KnownBadTest {
    static InMemoryKnownBadStore store;
    static DroolsRuleEngine engine;

    @BeforeAll
    static void load() {
        store = new InMemoryKnownBadStore();
        engine = DroolsRuleEngine.builder().space(RocksDb.SPACE).knownBad(store).build();
    }

    @AfterAll
    static void close() {
        engine.close();
    }

    @Test
    void patternsRoundTripAsText() {
        List<String> texts = List.of(
                "compression_type = \"zstd\" and block_size <= 2048",
                "write_buffer_size in [268435456, 536870912] and max_write_buffer_number >= 8",
                "compression_type in {\"lz4\", \"zstd\"} and bloom_bits_per_key != 0",
                "compression_type not in {\"none\"} and ratio > 0.5 and ratio < 1.0E-4",
                "flag = true and name = \"with \\\"quotes\\\" and \\\\ slash\"",
                "x in [-5, 2.5]");
        for (String t : texts) {
            KnownBadPattern p = KnownBadPattern.parse(t);
            assertThat(p.toText()).isEqualTo(t);
            assertThat(KnownBadPattern.parse(p.toText())).isEqualTo(p);
        }
        // Exact configurations keep their value types through text.
        var random = new RandomProposals(3);
        for (int i = 0; i < 200; i++) {
            var space = random.space(i);
            Configuration c = random.valid(space);
            if (c.isEmpty()) {
                continue;
            }
            KnownBadPattern.Exact e = KnownBadPattern.exact(c);
            KnownBadPattern back = KnownBadPattern.parse(e.toText());
            assertThat(back).isEqualTo(e);
            assertThat(back.matches(c)).isTrue();
        }
        // Loose spacing and == are accepted; the canonical text is what toText prints.
        assertThat(KnownBadPattern.parse("  a==1   and b in{ \"x\" ,\"y\"}").toText())
                .isEqualTo("a = 1 and b in {\"x\", \"y\"}");
    }

    @Test
    void badPatternTextIsAClearError() {
        assertThatThrownBy(() -> KnownBadPattern.parse("block_size <= ")).hasMessageContaining("column 15")
                .hasMessageContaining("expected a number");
        assertThatThrownBy(() -> KnownBadPattern.parse("block_size ~ 3")).hasMessageContaining("expected an operator");
        assertThatThrownBy(() -> KnownBadPattern.parse("a = 1 or b = 2")).hasMessageContaining("expected 'and'");
        assertThatThrownBy(() -> KnownBadPattern.parse("a in [5, 1]")).hasMessageContaining("greater than high");
        assertThatThrownBy(() -> KnownBadPattern.parse("a < \"x\"")).hasMessageContaining("needs a number");
        assertThatThrownBy(() -> KnownBadPattern.parse("exactly a > 1")).hasMessageContaining("only 'name = value'");
        assertThatThrownBy(() -> KnownBadPattern.parse("a = \"open")).hasMessageContaining("unterminated");
        assertThatThrownBy(() -> KnownBadPattern.parse("")).hasMessageContaining("expected a parameter name");
    }

    @Test
    void regionsMatchByValue() {
        var region = KnownBadPattern.parse("compression_type = \"zstd\" and block_size in [1024, 2048]");
        Configuration c = RocksDb.SPACE.defaults().with("compression_type", Value.of("zstd"));
        assertThat(region.matches(c.with("block_size", Value.of(2048L)))).isTrue();
        assertThat(region.matches(c.with("block_size", Value.of(2049L)))).isFalse();
        assertThat(region.matches(c.with("block_size", Value.of(1024.0)))).isTrue(); // numbers compare by value
        assertThat(region.matches(c.without("block_size"))).isFalse(); // unset never matches
        assertThat(region.parameters()).containsExactly("compression_type", "block_size");
        var notIn = new KnownBadPattern.Region(List.of(new Clause("x", Op.NOT_IN, List.of(Value.of("a")))));
        assertThat(notIn.matches(Configuration.builder().set("x", "b").build())).isTrue();
        assertThat(notIn.matches(Configuration.builder().set("x", "a").build())).isFalse();
    }

    @Test
    void theEngineRejectsKnownBadConfigurationsOfTheSameServiceKind() {
        Configuration base = RocksDb.SPACE.defaults().with("block_size", Value.of(16 * KIB));
        Configuration crashed = base.with("bloom_bits_per_key", Value.of(7L));
        assertThat(check(crashed).accepted()).isTrue();
        KnownBad exact = store.add("rocksdb", KnownBadPattern.exact(crashed), "crashed", KnownBad.Origin.TRIAL_CRASH);
        KnownBad region = store.add("rocksdb", KnownBadPattern.parse("compression_type = \"none\" and block_size >= 32768"),
                "reads too slow", KnownBad.Origin.OPERATOR);
        store.add("postgresql", KnownBadPattern.parse("bloom_bits_per_key = 9"), "other kind", KnownBad.Origin.OPERATOR);
        KnownBad any = store.add(KnownBad.ANY_SCOPE, KnownBadPattern.parse("level0_file_num_compaction_trigger = 31"),
                "everywhere", KnownBad.Origin.OPERATOR);
        // Adding the same pattern again returns the stored entry.
        assertThat(store.add("rocksdb", KnownBadPattern.exact(crashed), "again", KnownBad.Origin.TRIAL_CRASH))
                .isEqualTo(exact);

        Verdict v = check(crashed);
        assertThat(v.violatedRules()).containsExactly("known-bad");
        assertThat(v.violations().get(0).reason()).contains(exact.id()).contains("crashed");
        assertThat(v.violations().get(0).parameters()).containsExactlyElementsOf(crashed.names());
        assertThat(v.violations().get(0).source()).isEqualTo("builtin:known-bad.drl");
        assertThat(check(base.with("bloom_bits_per_key", Value.of(8L))).accepted()).isTrue(); // a neighbour is fine

        Verdict r = check(base.with("compression_type", Value.of("none")).with("block_size", Value.of(64 * KIB)));
        assertThat(r.violatedRules()).containsExactly("known-bad");
        assertThat(r.violations().get(0).parameters()).containsExactly("compression_type", "block_size");
        assertThat(r.violations().get(0).reason()).contains(region.id()).contains("reads too slow");

        assertThat(check(base.with("bloom_bits_per_key", Value.of(9L))).accepted()).isTrue(); // other service kind
        assertThat(check(base.with("level0_file_num_compaction_trigger", Value.of(31L))).violations().get(0).reason())
                .contains(any.id());

        // Removing an entry lifts it at once.
        assertThat(store.remove(exact.id())).isTrue();
        assertThat(store.remove(exact.id())).isFalse();
        assertThat(check(crashed).accepted()).isTrue();
    }

    @Test
    void theStoreIsConsistentUnderConcurrentWriters() throws Exception {
        var s = new InMemoryKnownBadStore();
        var threads = new Thread[4];
        for (int t = 0; t < threads.length; t++) {
            int id = t;
            threads[t] = new Thread(() -> {
                var rnd = new SplittableRandom(id);
                for (int i = 0; i < 250; i++) {
                    s.add("k", KnownBadPattern.parse("x = " + (id * 1000 + i)), "", KnownBad.Origin.OPERATOR);
                    s.add("k", KnownBadPattern.parse("y = " + rnd.nextInt(10)), "", KnownBad.Origin.OPERATOR);
                }
            });
            threads[t].start();
        }
        for (Thread t : threads) {
            t.join();
        }
        assertThat(s.list()).hasSize(1_000 + 10);
        assertThat(s.list().stream().map(KnownBad::id).distinct()).hasSize(1_010);
        assertThat(s.revision()).isEqualTo(1_010);
    }

    private static Verdict check(Configuration c) {
        return engine.check(Proposal.of(c, RocksDb.description(4)));
    }
}
