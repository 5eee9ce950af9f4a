package io.autosys.ruleengine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.autosys.ruleengine.RuleTester.SampleReport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The rule author's kit: the example samples pass, and a wrong expectation fails naming its line. */
class RuleTesterTest {
    static RuleTester tester;

    @BeforeAll
    static void load() {
        tester = RuleTester.forDirectory(ExampleRocksDbRulesTest.RULES, RocksDb.description(0));
        assertThat(tester.loadReport().ok()).isTrue();
    }

    @AfterAll
    static void close() {
        tester.close();
    }

    @Test
    void theExampleSamplesPass() throws Exception {
        SampleReport r = tester.runSamples(ExampleRocksDbRulesTest.RULES.resolve("rocksdb.samples"));
        assertThat(r.passed()).as(r.toString()).isTrue();
        assertThat(r.results()).hasSizeGreaterThanOrEqualTo(17);
        assertThat(r.toString()).endsWith(r.results().size() + " passed, 0 failed");
    }

    @Test
    void wrongExpectationsAndUnreadableLinesFailWithTheirLine(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("wrong.samples");
        Files.writeString(f, """
                # line 1
                @label cores=4
                accept max_background_jobs=9
                reject "rocksdb: no zstd on blocks under 4 KiB" max_background_jobs=9
                reject compression_type=lz4
                feedback rollback before p99_us=100 after p99_us=101
                accept block_size=lots
                maybe max_background_jobs=1
                """);
        SampleReport r = tester.runSamples(f);
        assertThat(r.results()).hasSize(6);
        assertThat(r.failures()).extracting(RuleTester.SampleResult::line).containsExactly(3, 4, 5, 6, 7, 8);
        assertThat(r.failures().get(0).detail()).contains("rocksdb: background jobs at most the cores");
        assertThat(r.failures().get(4).detail()).contains("block_size").contains("lots");
        assertThat(r.failures().get(5).detail()).contains("'maybe'");
    }

    @Test
    void configurationsAreWrittenAsText() {
        var c = tester.parse("write_buffer_size=128MiB, compression_type=\"zstd\" bloom_bits_per_key=10");
        assertThat(c.getLong("write_buffer_size")).isEqualTo(128L << 20);
        assertThat(c.getString("compression_type")).isEqualTo("zstd");
        assertThat(c.getLong("block_size")).isEqualTo(4096); // the default
        assertThat(tester.check("max_write_buffer_number=16 write_buffer_size=128MiB").violatedRules())
                .containsExactly(ExampleRocksDbRulesTest.MEMTABLES);
        assertThatThrownBy(() -> tester.parse("write_buffer_size")).hasMessageContaining("expected name=value");
        assertThatThrownBy(() -> tester.parse("write_buffer_size=big")).hasMessageContaining("write_buffer_size");
    }

    @Test
    void rulesGivenAsTextReportTheirCompileErrors() {
        try (var t = RuleTester.forDrl(Map.of("bad.drl", HotReloadTest.BROKEN), RocksDb.description(4))) {
            assertThat(t.loadReport().ok()).isFalse();
            assertThat(t.loadReport().errors().get(0).file()).isEqualTo("bad.drl");
            assertThat(t.loadReport().errors().get(0).line()).isEqualTo(6);
        }
    }
}
