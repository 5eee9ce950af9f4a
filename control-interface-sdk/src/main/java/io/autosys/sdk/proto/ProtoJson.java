package io.autosys.sdk.proto;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.util.JsonFormat;
import io.autosys.sdk.api.Configuration;
import io.autosys.sdk.api.Metrics;
import io.autosys.sdk.api.ParameterSpace;
import io.autosys.sdk.api.SystemDescription;

/**
 * The canonical JSON form of the autosys.v1 messages (proto3 JSON mapping): lossless, typed
 * (a real stays a real, an integer an integer) and readable by any language. Stores and REST use it.
 */
public final class ProtoJson {
    private static final JsonFormat.Printer PRINTER = JsonFormat.printer().omittingInsignificantWhitespace();
    private static final JsonFormat.Parser PARSER = JsonFormat.parser();

    private ProtoJson() {
    }

    public static String print(Message m) {
        try {
            return PRINTER.print(m);
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalStateException("cannot print " + m.getDescriptorForType().getFullName(), e);
        }
    }

    public static <B extends Message.Builder> B parse(String json, B builder, String what) {
        try {
            PARSER.merge(json, builder);
            return builder;
        } catch (InvalidProtocolBufferException e) {
            throw new ProtoFormatException(what + " is not valid JSON for " + builder.getDescriptorForType()
                    .getFullName() + ": " + e.getMessage(), e);
        }
    }

    public static String toJson(Configuration c) {
        return print(Protos.toProto(c));
    }

    public static Configuration configurationFromJson(String json) {
        return Protos.fromProto(parse(json, io.autosys.proto.v1.Configuration.newBuilder(), "configuration").build());
    }

    public static String toJson(Metrics m) {
        return print(Protos.toProto(m));
    }

    public static Metrics metricsFromJson(String json) {
        return Protos.fromProto(parse(json, io.autosys.proto.v1.Metrics.newBuilder(), "metrics").build());
    }

    public static String toJson(SystemDescription d) {
        return print(Protos.toProto(d));
    }

    public static SystemDescription descriptionFromJson(String json) {
        return Protos.fromProto(parse(json, io.autosys.proto.v1.SystemDescription.newBuilder(), "system description")
                .build());
    }

    public static String toJson(ParameterSpace s) {
        return print(Protos.toProto(s));
    }

    public static ParameterSpace spaceFromJson(String json) {
        return Protos.fromProto(parse(json, io.autosys.proto.v1.ParameterSpace.newBuilder(), "parameter space").build());
    }
}
