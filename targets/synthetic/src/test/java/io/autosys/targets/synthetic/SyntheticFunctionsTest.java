package io.autosys.targets.synthetic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.autosys.sdk.api.Configuration;
import org.junit.jupiter.api.Test;

class SyntheticFunctionsTest {

    @Test
    void knownOptimaAreAttained() {
        var branin = new Branin();
        assertThat(branin.evaluate(Configuration.builder().set("x1", Math.PI).set("x2", 2.275).build()))
                .isCloseTo(branin.optimum(), org.assertj.core.data.Offset.offset(1e-6));
        var h = new Hartmann6();
        double[] xs = {0.20169, 0.150011, 0.476874, 0.275332, 0.311652, 0.6573};
        var b = Configuration.builder();
        for (int i = 0; i < 6; i++) {
            b.set("x" + i, xs[i]);
        }
        assertThat(h.evaluate(b.build())).isCloseTo(h.optimum(), org.assertj.core.data.Offset.offset(1e-5));
        var r = new Rosenbrock4();
        assertThat(r.evaluate(Configuration.builder().set("x0", 1.0).set("x1", 1.0).set("x2", 1.0).set("x3", 1.0)
                .build())).isZero();
        var m = new Mixed5();
        assertThat(m.evaluate(Configuration.builder().set("c", "B").set("k", 7L).set("x0", 0.7).set("x1", 0.3)
                .set("x2", 0.6).build())).isCloseTo(0, org.assertj.core.data.Offset.offset(1e-12));
    }

    @Test
    void valuesMatchTheOptunaSuiteDefinitions() {
        // Reference values computed with shared/peers/optuna_suite.py's formulas.
        assertThat(Branin.value(0, 0)).isCloseTo(55.602112642270264, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(new Mixed5().evaluate(Configuration.builder().set("c", "D").set("k", 0L).set("x0", 0.0)
                .set("x1", 0.0).set("x2", 0.0).build())).isCloseTo(1.0 + 4 * (0.81 + 0.01 + 0.04) + 0.05 * 49,
                        org.assertj.core.data.Offset.offset(1e-12));
    }

    @Test
    void unknownNameIsNamed() {
        assertThatThrownBy(() -> SyntheticFunctions.byName("nope")).hasMessageContaining("'nope'");
        for (String n : SyntheticFunctions.publicSuite()) {
            var f = SyntheticFunctions.byName(n);
            assertThat(f.name()).isEqualTo(n);
            assertThat(f.space().isValid(f.space().defaults())).isTrue();
        }
    }
}
