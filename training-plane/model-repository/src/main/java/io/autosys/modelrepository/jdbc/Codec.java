package io.autosys.modelrepository.jdbc;

import com.google.protobuf.Struct;
import io.autosys.sdk.api.Configuration;
import io.autosys.sdk.proto.ProtoJson;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * How values become columns. SDK types use their ProtoJson form (one codec for the project);
 * plain maps are flat JSON objects written through protobuf's {@link Struct}, which ProtoJson
 * prints as {@code {"name": value}}. Times are UTC and truncated to microseconds, the precision
 * PostgreSQL keeps, so a value reads back equal on both databases.
 */
final class Codec {
    private Codec() {
    }

    static String doublesToJson(Map<String, Double> map) {
        var b = Struct.newBuilder();
        new TreeMap<>(map).forEach((k, v) -> b.putFields(k,
                com.google.protobuf.Value.newBuilder().setNumberValue(v).build()));
        return ProtoJson.print(b.build());
    }

    static Map<String, Double> doublesFromJson(String json, String what) {
        var out = new LinkedHashMap<String, Double>();
        ProtoJson.parse(json, Struct.newBuilder(), what).getFieldsMap().forEach((k, v) -> {
            if (v.getKindCase() != com.google.protobuf.Value.KindCase.NUMBER_VALUE) {
                throw new IllegalStateException(what + " '" + k + "' is stored as " + v.getKindCase() + ", not a number");
            }
            out.put(k, v.getNumberValue());
        });
        return out;
    }

    static String stringsToJson(Map<String, String> map) {
        var b = Struct.newBuilder();
        new TreeMap<>(map).forEach((k, v) -> b.putFields(k,
                com.google.protobuf.Value.newBuilder().setStringValue(v).build()));
        return ProtoJson.print(b.build());
    }

    static Map<String, String> stringsFromJson(String json, String what) {
        var out = new LinkedHashMap<String, String>();
        ProtoJson.parse(json, Struct.newBuilder(), what).getFieldsMap().forEach((k, v) -> {
            if (v.getKindCase() != com.google.protobuf.Value.KindCase.STRING_VALUE) {
                throw new IllegalStateException(what + " '" + k + "' is stored as " + v.getKindCase() + ", not a string");
            }
            out.put(k, v.getStringValue());
        });
        return out;
    }

    /** The configuration's JSON with parameters in name order: equal configurations, equal text. */
    static String canonicalJson(Configuration c) {
        return ProtoJson.toJson(Configuration.of(new TreeMap<>(c.values())));
    }

    static String sha256(String... parts) {
        try {
            var md = MessageDigest.getInstance("SHA-256");
            for (String p : parts) {
                byte[] bytes = p.getBytes(StandardCharsets.UTF_8);
                // length-prefixed, so ("ab", "c") and ("a", "bc") differ
                md.update(Integer.toString(bytes.length).getBytes(StandardCharsets.US_ASCII));
                md.update((byte) ':');
                md.update(bytes);
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    static Instant micros(Instant t) {
        return t.truncatedTo(ChronoUnit.MICROS);
    }

    static void setTime(PreparedStatement ps, int index, Instant t) throws SQLException {
        ps.setObject(index, t == null ? null : OffsetDateTime.ofInstant(micros(t), ZoneOffset.UTC));
    }

    static Instant getTime(ResultSet rs, String column) throws SQLException {
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }

    /** A nullable DOUBLE PRECISION; SQL NULL reads as NaN. */
    static double getDoubleOrNaN(ResultSet rs, String column) throws SQLException {
        double v = rs.getDouble(column);
        return rs.wasNull() ? Double.NaN : v;
    }
}
