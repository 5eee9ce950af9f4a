package io.autosys.candidategenerator.designers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.autosys.candidategenerator.api.Designer;
import io.autosys.candidategenerator.api.Problem;
import io.autosys.candidategenerator.designers.tpe.TpeDesigner;
import io.autosys.sdk.api.Goal;
import io.autosys.sdk.api.ParameterSpace;
import io.autosys.sdk.api.RealParameter;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DesignersRegistryTest {
    static final Problem PROBLEM = new Problem(ParameterSpace.of(RealParameter.of("x", 0, 1, 0.5)), Goal.MINIMIZE);

    @Test
    void everyDocumentedNameIsRegistered() {
        assertThat(Designers.names()).containsExactlyInAnyOrder("random", "sobol", "grid", "tpe", "tpe-multivariate",
                "gp-bo", "metis", "cma-es", "hyperband");
        for (String n : Designers.names()) {
            assertThat(Designers.factory(n).name()).isEqualTo(n);
            assertThat(Designers.create(n, PROBLEM, null, 1).suggest(1)).hasSize(1);
        }
    }

    @Test
    void unknownDesignerListsTheKnownOnes() {
        assertThatThrownBy(() -> Designers.factory("bayes")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'bayes'").hasMessageContaining("gp-bo").hasMessageContaining("tpe");
    }

    @Test
    void unknownSettingIsNamedWithTheAllowedOnes() {
        assertThatThrownBy(() -> Designers.create("tpe", PROBLEM, Map.of("gama", 0.2), 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("designer 'tpe'")
                .hasMessageContaining("unknown setting 'gama'").hasMessageContaining("gamma");
    }

    @Test
    void badValuesNameTheSettingAndWhatIsAllowed() {
        assertThatThrownBy(() -> Designers.create("tpe", PROBLEM, Map.of("gamma", -0.1), 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("setting 'gamma'")
                .hasMessageContaining("(0.0, 1.0]").hasMessageContaining("-0.1");
        assertThatThrownBy(() -> Designers.create("gp-bo", PROBLEM, Map.of("acquisition", "pi"), 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("setting 'acquisition'")
                .hasMessageContaining("[ei, ucb]").hasMessageContaining("'pi'");
        assertThatThrownBy(() -> Designers.create("cma-es", PROBLEM, Map.of("population_size", "many"), 1))
                .hasMessageContaining("setting 'population_size'").hasMessageContaining("integer");
        assertThatThrownBy(() -> Designers.create("hyperband", PROBLEM, Map.of("sampler", "hyperband"), 1))
                .hasMessageContaining("setting 'sampler'").hasMessageContaining("gp-bo");
        assertThatThrownBy(() -> Designers.create("hyperband", PROBLEM, Map.of("sampler", "tpe",
                "sampler_settings", Map.of("gamma", 2)), 1)).hasMessageContaining("sampler_settings")
                .hasMessageContaining("'gamma'");
        assertThatThrownBy(() -> Designers.create("grid", PROBLEM, Map.of("resolution", 1), 1))
                .hasMessageContaining("setting 'resolution'");
        assertThatThrownBy(() -> Designers.create("tpe", PROBLEM, Map.of("multivariate", "yes"), 1))
                .hasMessageContaining("setting 'multivariate'").hasMessageContaining("true or false");
        assertThatThrownBy(() -> Designers.create("gp-bo", PROBLEM, Map.of(), 1).suggest(0))
                .hasMessageContaining("count >= 1");
    }

    @Test
    void tpeMultivariateIsANameOrASetting() {
        assertThat(((TpeDesigner) Designers.create("tpe", PROBLEM, Map.of("multivariate", true), 1)).multivariate())
                .isTrue();
        assertThat(((TpeDesigner) Designers.create("tpe-multivariate", PROBLEM, Map.of(), 1)).multivariate()).isTrue();
        assertThat(((TpeDesigner) Designers.create("tpe", PROBLEM, Map.of(), 1)).multivariate()).isFalse();
    }

    @Test
    void snapshotsNameTheirDesignerAndRefuseGarbage() {
        Designer d = Designers.create("metis", PROBLEM, Map.of("outlier_threshold", 3.0), 4);
        byte[] snap = d.snapshot();
        assertThat(BaseDesigner.header(snap).designer()).isEqualTo("metis");
        assertThat(BaseDesigner.header(snap).settings()).containsEntry("outlier_threshold", 3.0);
        assertThatThrownBy(() -> Designers.factory("tpe").restore(PROBLEM, snap))
                .hasMessageContaining("snapshot is of designer 'metis', not 'tpe'");
        assertThatThrownBy(() -> Designers.restore(PROBLEM, new byte[] {1, 2, 3}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("snapshot");
        byte[] truncated = java.util.Arrays.copyOf(snap, snap.length / 2);
        assertThatThrownBy(() -> Designers.restore(PROBLEM, truncated)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("truncated or corrupt");
    }

    @Test
    void trialsOutsideTheSpaceAreRefusedByName() {
        Designer d = Designers.create("random", PROBLEM, Map.of(), 1);
        var bad = io.autosys.candidategenerator.api.CompletedTrial.feasible(7,
                io.autosys.sdk.api.Configuration.builder().set("x", 2.0).build(), 1.0);
        assertThatThrownBy(() -> d.update(java.util.List.of(bad), java.util.List.of()))
                .hasMessageContaining("trial 7").hasMessageContaining("'x'");
    }
}
