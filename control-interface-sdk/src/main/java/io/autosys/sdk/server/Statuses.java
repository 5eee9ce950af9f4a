package io.autosys.sdk.server;

import com.google.protobuf.Any;
import com.google.rpc.BadRequest;
import com.google.rpc.Code;
import io.autosys.sdk.api.Violation;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The rich error model of gRPC for INVALID_ARGUMENT: each violation travels as a
 * {@code google.rpc.BadRequest.FieldViolation} (field = parameter, reason = rule, description =
 * message), readable by clients in any language; the status message lists them too.
 */
public final class Statuses {
    private Statuses() {
    }

    public static StatusRuntimeException invalidArgument(List<Violation> violations) {
        var br = BadRequest.newBuilder();
        for (Violation v : violations) {
            br.addFieldViolations(BadRequest.FieldViolation.newBuilder().setField(v.subject()).setReason(v.rule())
                    .setDescription(v.message()));
        }
        String message = violations.stream().map(Violation::toString).collect(Collectors.joining("; "));
        return StatusProto.toStatusRuntimeException(com.google.rpc.Status.newBuilder()
                .setCode(Code.INVALID_ARGUMENT_VALUE).setMessage(message).addDetails(Any.pack(br.build())).build());
    }

    /** The violations carried by an INVALID_ARGUMENT status, or an empty list. */
    public static List<Violation> violations(Throwable t) {
        com.google.rpc.Status s = StatusProto.fromThrowable(t);
        var out = new ArrayList<Violation>();
        if (s == null) {
            return out;
        }
        for (Any any : s.getDetailsList()) {
            if (any.is(BadRequest.class)) {
                try {
                    for (BadRequest.FieldViolation fv : any.unpack(BadRequest.class).getFieldViolationsList()) {
                        out.add(new Violation(fv.getField(), fv.getReason(), fv.getDescription()));
                    }
                } catch (com.google.protobuf.InvalidProtocolBufferException e) {
                    // A malformed detail is ignored; the status message still names the problem.
                }
            }
        }
        return out;
    }
}
