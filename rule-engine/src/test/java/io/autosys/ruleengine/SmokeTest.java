package io.autosys.ruleengine;

import io.autosys.ruleengine.api.Proposal;
import io.autosys.sdk.api.Configuration;
import io.autosys.sdk.api.Value;
import org.junit.jupiter.api.Test;

class SmokeTest {
    @Test
    void smoke() {
        System.out.println(SpaceRuleGenerator.generate("abc", RocksDb.SPACE));
        long t = System.nanoTime();
        try (var e = DroolsRuleEngine.builder().space(RocksDb.SPACE).build()) {
            System.out.println("build ms " + (System.nanoTime() - t) / 1e6 + " " + e.lastReload() + " rules " + e.ruleCount());
            var d = RocksDb.description(4);
            System.out.println(e.check(Proposal.of(RocksDb.SPACE.defaults(), d)));
            Configuration bad = RocksDb.SPACE.defaults().with("block_size", Value.of(3L)).with("zzz", Value.of(1L))
                    .without("bloom_bits_per_key").with("compression_type", Value.of("brotli"))
                    .with("max_background_jobs", Value.of(2.0));
            System.out.println(e.check(Proposal.of(bad, d)));
            System.out.println(RocksDb.SPACE.violations(bad));
        }
    }
}
