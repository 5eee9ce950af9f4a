package io.autosys.sdk.proto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.autosys.proto.v1.ParameterSpec;
import io.autosys.proto.v1.RealSpec;
import io.autosys.sdk.api.ApplyResult;
import io.autosys.sdk.api.Configuration;
import io.autosys.sdk.api.Context;
import io.autosys.sdk.api.FailureKind;
import io.autosys.sdk.api.Metrics;
import io.autosys.sdk.api.Observation;
import io.autosys.sdk.api.TrialBudget;
import io.autosys.sdk.api.TrialOutcome;
import io.autosys.sdk.api.TrialProgress;
import io.autosys.sdk.api.TrialRequest;
import io.autosys.sdk.api.Value;
import io.autosys.sdk.testing.FakeSystem;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ProtosTest {

    @Test
    void everyTypeRoundTripsLosslessly() throws Exception {
        var d = new FakeSystem(3).describe();
        assertThat(Protos.fromProto(Protos.toProto(d))).isEqualTo(d);
        // and survives the wire format
        var wire = io.autosys.proto.v1.SystemDescription.parseFrom(Protos.toProto(d).toByteArray());
        assertThat(Protos.fromProto(wire)).isEqualTo(d);
        assertThat(Protos.fromProto(wire).space().parameters()).isEqualTo(FakeSystem.SPACE.parameters());

        Configuration c = Configuration.builder().set("ratio", 0.1 + 0.2).set("threads", Long.MAX_VALUE)
                .set("mode", "custom").set("cache", false).set("custom_level", -0.0).build();
        assertThat(Protos.fromProto(Protos.toProto(c))).isEqualTo(c);
        assertThat(Protos.fromProto(Protos.toProto(c)).getDouble("ratio")).isEqualTo(0.1 + 0.2);

        var outcomes = new TrialOutcome[] {TrialOutcome.succeeded(Metrics.of("a", 1e-300, "b", -7), 12),
            TrialOutcome.failed(FailureKind.TIMED_OUT, "slow", 3)};
        for (TrialOutcome o : outcomes) {
            assertThat(Protos.fromProto(Protos.toProto(o))).isEqualTo(o);
        }
        for (FailureKind k : FailureKind.values()) {
            assertThat(Protos.fromProto(Protos.toProto(k))).isEqualTo(k);
        }
        var req = new TrialRequest("t-1", c, new TrialBudget(2000, 10, 0.5), 42);
        assertThat(Protos.fromProto(Protos.toProto(req))).isEqualTo(req);
        var progress = new TrialProgress(3, 0.75, Metrics.of("x", 2));
        assertThat(Protos.fromProto(Protos.toProto(progress))).isEqualTo(progress);
        var obs = new Observation(Metrics.of("q", 1), Context.empty().with("load", 3.0).with("region", "eu"), c, 99);
        assertThat(Protos.fromProto(Protos.toProto(obs))).isEqualTo(obs);
        var ar = new ApplyResult(c, Set.of("cache"), Set.of("mode", "ratio"));
        assertThat(Protos.fromProto(Protos.toProto(ar))).isEqualTo(ar);
    }

    @Test
    void malformedMessagesNameTheField() {
        var nan = io.autosys.proto.v1.Metrics.newBuilder().putValues("p99", Double.NaN).build();
        assertThatThrownBy(() -> Protos.fromProto(nan)).isInstanceOf(ProtoFormatException.class)
                .hasMessageContaining("'p99'");
        var noKind = io.autosys.proto.v1.ParameterSpace.newBuilder().addParameters(ParameterSpec.newBuilder()
                .setName("x")).build();
        assertThatThrownBy(() -> Protos.fromProto(noKind)).hasMessageContaining("'x'").hasMessageContaining("no kind");
        var badRange = io.autosys.proto.v1.ParameterSpace.newBuilder().addParameters(ParameterSpec.newBuilder()
                .setName("y").setReal(RealSpec.newBuilder().setMin(3).setMax(1))).build();
        assertThatThrownBy(() -> Protos.fromProto(badRange)).hasMessageContaining("'y'");
        var unset = io.autosys.proto.v1.Configuration.newBuilder().putValues("z", io.autosys.proto.v1.Value
                .getDefaultInstance()).build();
        assertThatThrownBy(() -> Protos.fromProto(unset)).hasMessageContaining("'z'").hasMessageContaining("not set");
        var nanValue = io.autosys.proto.v1.Configuration.newBuilder().putValues("w", io.autosys.proto.v1.Value
                .newBuilder().setReal(Double.NaN).build()).build();
        assertThatThrownBy(() -> Protos.fromProto(nanValue)).hasMessageContaining("'w'");
        assertThat(Value.of(1L)).isNotEqualTo(Value.of(1.0));
    }

    @Test
    void jsonIsLosslessAndTyped() {
        var d = new FakeSystem().describe();
        assertThat(ProtoJson.descriptionFromJson(ProtoJson.toJson(d))).isEqualTo(d);
        Configuration c = Configuration.builder().set("a", 1.0).set("b", 1L).set("c", "x").set("d", true).build();
        String json = ProtoJson.toJson(c);
        assertThat(ProtoJson.configurationFromJson(json)).isEqualTo(c);
        assertThat(ProtoJson.configurationFromJson(json).get("a")).isEqualTo(Value.of(1.0));
        assertThat(ProtoJson.metricsFromJson(ProtoJson.toJson(Metrics.of("m", 0.1)))).isEqualTo(Metrics.of("m", 0.1));
        assertThatThrownBy(() -> ProtoJson.configurationFromJson("{\"values\": 3")).hasMessageContaining("configuration");
    }
}
