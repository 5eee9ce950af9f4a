package io.autosys.candidategenerator.designers;

import io.autosys.candidategenerator.api.CompletedTrial;
import io.autosys.candidategenerator.api.PendingTrial;
import io.autosys.sdk.api.Configuration;
import io.autosys.sdk.api.Metrics;
import io.autosys.sdk.api.Value;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Binary encoding of the values designers keep in snapshots (DataOutputStream, big-endian). */
public final class SnapshotIO {
    private SnapshotIO() {
    }

    public static void writeConfiguration(DataOutputStream out, Configuration c) throws IOException {
        out.writeInt(c.size());
        for (Map.Entry<String, Value> e : c.values().entrySet()) {
            out.writeUTF(e.getKey());
            Value v = e.getValue();
            if (v instanceof Value.Real r) {
                out.writeByte(0);
                out.writeDouble(r.value());
            } else if (v instanceof Value.Int i) {
                out.writeByte(1);
                out.writeLong(i.value());
            } else if (v instanceof Value.Categorical s) {
                out.writeByte(2);
                out.writeUTF(s.value());
            } else if (v instanceof Value.Bool b) {
                out.writeByte(3);
                out.writeBoolean(b.value());
            }
        }
    }

    public static Configuration readConfiguration(DataInputStream in) throws IOException {
        int n = in.readInt();
        var m = new LinkedHashMap<String, Value>();
        for (int i = 0; i < n; i++) {
            String name = in.readUTF();
            int kind = in.readByte();
            Value v = switch (kind) {
                case 0 -> Value.of(in.readDouble());
                case 1 -> Value.of(in.readLong());
                case 2 -> Value.of(in.readUTF());
                case 3 -> Value.of(in.readBoolean());
                default -> throw new IOException("snapshot: unknown value kind " + kind + " for parameter '" + name + "'");
            };
            m.put(name, v);
        }
        return Configuration.of(m);
    }

    public static void writeCompleted(DataOutputStream out, CompletedTrial t) throws IOException {
        out.writeLong(t.id());
        writeConfiguration(out, t.configuration());
        out.writeDouble(t.fidelity());
        out.writeDouble(t.objective());
        out.writeInt(t.metrics().values().size());
        for (Map.Entry<String, Double> e : t.metrics().values().entrySet()) {
            out.writeUTF(e.getKey());
            out.writeDouble(e.getValue());
        }
        out.writeBoolean(t.infeasibleReason() != null);
        if (t.infeasibleReason() != null) {
            out.writeUTF(t.infeasibleReason());
        }
    }

    public static CompletedTrial readCompleted(DataInputStream in) throws IOException {
        long id = in.readLong();
        Configuration c = readConfiguration(in);
        double fidelity = in.readDouble();
        double objective = in.readDouble();
        int nm = in.readInt();
        var metrics = new LinkedHashMap<String, Double>();
        for (int i = 0; i < nm; i++) {
            metrics.put(in.readUTF(), in.readDouble());
        }
        String reason = in.readBoolean() ? in.readUTF() : null;
        return new CompletedTrial(id, c, fidelity, objective, new Metrics(metrics), reason);
    }

    public static void writePending(DataOutputStream out, PendingTrial t) throws IOException {
        out.writeLong(t.id());
        writeConfiguration(out, t.configuration());
        out.writeDouble(t.fidelity());
    }

    public static PendingTrial readPending(DataInputStream in) throws IOException {
        return new PendingTrial(in.readLong(), readConfiguration(in), in.readDouble());
    }

    /** Settings maps as YAML gives them: strings, booleans, numbers, lists and nested maps. */
    public static void writeObject(DataOutputStream out, Object o) throws IOException {
        if (o == null) {
            out.writeByte(0);
        } else if (o instanceof String s) {
            out.writeByte(1);
            out.writeUTF(s);
        } else if (o instanceof Boolean b) {
            out.writeByte(2);
            out.writeBoolean(b);
        } else if (o instanceof Integer || o instanceof Long || o instanceof Short || o instanceof Byte) {
            out.writeByte(3);
            out.writeLong(((Number) o).longValue());
        } else if (o instanceof Number n) {
            out.writeByte(4);
            out.writeDouble(n.doubleValue());
        } else if (o instanceof List<?> l) {
            out.writeByte(5);
            out.writeInt(l.size());
            for (Object e : l) {
                writeObject(out, e);
            }
        } else if (o instanceof Map<?, ?> m) {
            out.writeByte(6);
            out.writeInt(m.size());
            for (Map.Entry<?, ?> e : m.entrySet()) {
                out.writeUTF(String.valueOf(e.getKey()));
                writeObject(out, e.getValue());
            }
        } else {
            throw new IllegalArgumentException("setting value of type " + o.getClass().getSimpleName()
                    + " cannot be stored; use strings, numbers, booleans, lists or maps");
        }
    }

    public static Object readObject(DataInputStream in) throws IOException {
        int tag = in.readByte();
        switch (tag) {
            case 0:
                return null;
            case 1:
                return in.readUTF();
            case 2:
                return in.readBoolean();
            case 3:
                return in.readLong();
            case 4:
                return in.readDouble();
            case 5: {
                int n = in.readInt();
                var l = new ArrayList<Object>(n);
                for (int i = 0; i < n; i++) {
                    l.add(readObject(in));
                }
                return l;
            }
            case 6: {
                int n = in.readInt();
                var m = new LinkedHashMap<String, Object>();
                for (int i = 0; i < n; i++) {
                    String k = in.readUTF();
                    m.put(k, readObject(in));
                }
                return m;
            }
            default:
                throw new IOException("snapshot: unknown setting tag " + tag);
        }
    }

    public static void writeDoubles(DataOutputStream out, double[] a) throws IOException {
        out.writeInt(a.length);
        for (double d : a) {
            out.writeDouble(d);
        }
    }

    public static double[] readDoubles(DataInputStream in) throws IOException {
        int n = in.readInt();
        double[] a = new double[n];
        for (int i = 0; i < n; i++) {
            a[i] = in.readDouble();
        }
        return a;
    }
}
