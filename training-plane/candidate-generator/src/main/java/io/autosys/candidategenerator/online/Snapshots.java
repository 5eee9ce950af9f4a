package io.autosys.candidategenerator.online;

import io.autosys.sdk.api.Configuration;
import io.autosys.sdk.api.Value;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.LinkedHashMap;

/** Small helpers for the versioned binary snapshots (DataOutputStream) of the online tuners. */
final class Snapshots {
    /** "ASOT": AutoSys online tuner. */
    static final int MAGIC = 0x41534F54;
    static final int VERSION = 1;

    private Snapshots() {
    }

    static void writeDoubles(DataOutputStream out, double[] values) throws IOException {
        if (values == null) {
            out.writeInt(-1);
            return;
        }
        out.writeInt(values.length);
        for (double v : values) {
            out.writeDouble(v);
        }
    }

    static double[] readDoubles(DataInputStream in) throws IOException {
        int n = in.readInt();
        if (n < 0) {
            return null;
        }
        if (n > 1 << 24) {
            throw new IOException("corrupt snapshot: an array of " + n + " numbers");
        }
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = in.readDouble();
        }
        return v;
    }

    static void readInto(DataInputStream in, double[] target, String what) throws IOException {
        double[] v = readDoubles(in);
        if (v == null || v.length != target.length) {
            throw new IOException("corrupt snapshot: " + what + " has " + (v == null ? "no" : v.length)
                    + " numbers, expected " + target.length);
        }
        System.arraycopy(v, 0, target, 0, v.length);
    }

    static void writeValue(DataOutputStream out, Value value) throws IOException {
        if (value instanceof Value.Real r) {
            out.writeByte('R');
            out.writeDouble(r.value());
        } else if (value instanceof Value.Int i) {
            out.writeByte('I');
            out.writeLong(i.value());
        } else if (value instanceof Value.Bool b) {
            out.writeByte('B');
            out.writeBoolean(b.value());
        } else if (value instanceof Value.Categorical c) {
            out.writeByte('C');
            out.writeUTF(c.value());
        } else {
            throw new IllegalStateException("unknown value kind " + value);
        }
    }

    static Value readValue(DataInputStream in) throws IOException {
        int kind = in.readByte();
        return switch (kind) {
            case 'R' -> Value.of(in.readDouble());
            case 'I' -> Value.of(in.readLong());
            case 'B' -> Value.of(in.readBoolean());
            case 'C' -> Value.of(in.readUTF());
            default -> throw new IOException("corrupt snapshot: unknown value kind " + kind);
        };
    }

    static void writeConfiguration(DataOutputStream out, Configuration c) throws IOException {
        if (c == null) {
            out.writeInt(-1);
            return;
        }
        out.writeInt(c.size());
        for (var e : c.values().entrySet()) {
            out.writeUTF(e.getKey());
            writeValue(out, e.getValue());
        }
    }

    static Configuration readConfiguration(DataInputStream in) throws IOException {
        int n = in.readInt();
        if (n < 0) {
            return null;
        }
        var m = new LinkedHashMap<String, Value>();
        for (int i = 0; i < n; i++) {
            String name = in.readUTF();
            m.put(name, readValue(in));
        }
        return Configuration.of(m);
    }
}
