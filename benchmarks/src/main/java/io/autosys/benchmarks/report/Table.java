package io.autosys.benchmarks.report;

import java.util.ArrayList;
import java.util.List;

/** A plain-text table with aligned columns, the way every benchmark prints its figures. */
public final class Table {
    private final List<String> header;
    private final List<List<String>> rows = new ArrayList<>();

    public Table(String... header) {
        this.header = List.of(header);
    }

    public Table row(Object... cells) {
        if (cells.length != header.size()) {
            throw new IllegalArgumentException("row has " + cells.length + " cells, the table " + header.size()
                    + " columns");
        }
        var r = new ArrayList<String>();
        for (Object c : cells) {
            r.add(format(c));
        }
        rows.add(r);
        return this;
    }

    /** Numbers with 4 significant digits; everything else as is. */
    public static String format(Object c) {
        if (c instanceof Double d) {
            if (d.isNaN()) {
                return "-";
            }
            double a = Math.abs(d);
            if (a != 0 && (a < 1e-3 || a >= 1e6)) {
                return String.format(java.util.Locale.ROOT, "%.3e", d);
            }
            return new java.math.BigDecimal(d).round(new java.math.MathContext(4)).stripTrailingZeros()
                    .toPlainString();
        }
        return String.valueOf(c);
    }

    public String render() {
        int[] w = new int[header.size()];
        for (int i = 0; i < w.length; i++) {
            w[i] = header.get(i).length();
            for (List<String> r : rows) {
                w[i] = Math.max(w[i], r.get(i).length());
            }
        }
        var sb = new StringBuilder();
        line(sb, header, w);
        for (int i = 0; i < w.length; i++) {
            sb.append(i == 0 ? "" : "-+-").append("-".repeat(w[i]));
        }
        sb.append('\n');
        rows.forEach(r -> line(sb, r, w));
        return sb.toString();
    }

    private static void line(StringBuilder sb, List<String> cells, int[] w) {
        for (int i = 0; i < w.length; i++) {
            String c = cells.get(i);
            sb.append(i == 0 ? "" : " | ");
            sb.append(i == 0 ? c + " ".repeat(w[i] - c.length()) : " ".repeat(w[i] - c.length()) + c);
        }
        sb.append('\n');
    }

    @Override
    public String toString() {
        return render();
    }
}
