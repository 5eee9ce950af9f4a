package io.autosys.benchmarks.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;

/**
 * A line chart drawn with Java2D (headless) into a PNG: several named series over a shared x
 * axis, optional log y axis and a shaded band per series (for interquartile ranges).
 */
public final class LinePlot {
    private static final Color[] PALETTE = {new Color(31, 119, 180), new Color(255, 127, 14), new Color(44, 160, 44),
        new Color(214, 39, 40), new Color(148, 103, 189), new Color(140, 86, 75), new Color(227, 119, 194),
        new Color(127, 127, 127), new Color(188, 189, 34), new Color(23, 190, 207)};

    private final String title;
    private final String xLabel;
    private final String yLabel;
    private final boolean logY;
    private final List<Series> series = new ArrayList<>();

    /** One line; {@code low}/{@code high} may be null (no band). */
    public record Series(String name, double[] x, double[] y, double[] low, double[] high) {
    }

    public LinePlot(String title, String xLabel, String yLabel, boolean logY) {
        this.title = title;
        this.xLabel = xLabel;
        this.yLabel = yLabel;
        this.logY = logY;
    }

    public LinePlot add(String name, double[] x, double[] y) {
        return add(name, x, y, null, null);
    }

    public LinePlot add(String name, double[] x, double[] y, double[] low, double[] high) {
        if (x.length != y.length) {
            throw new IllegalArgumentException("series '" + name + "': x and y lengths differ");
        }
        series.add(new Series(name, x, y, low, high));
        return this;
    }

    private double ty(double v) {
        return logY ? Math.log10(Math.max(v, 1e-12)) : v;
    }

    /** Writes the chart as a PNG, creating parent directories. */
    public void write(Path file) throws IOException {
        System.setProperty("java.awt.headless", "true");
        int width = 1000;
        int height = 620;
        int left = 90;
        int right = 230;
        int top = 50;
        int bottom = 70;
        double xmin = Double.POSITIVE_INFINITY;
        double xmax = Double.NEGATIVE_INFINITY;
        double ymin = Double.POSITIVE_INFINITY;
        double ymax = Double.NEGATIVE_INFINITY;
        for (Series s : series) {
            for (int i = 0; i < s.x.length; i++) {
                xmin = Math.min(xmin, s.x[i]);
                xmax = Math.max(xmax, s.x[i]);
                for (double v : new double[] {s.y[i], s.low == null ? s.y[i] : s.low[i],
                    s.high == null ? s.y[i] : s.high[i]}) {
                    if (Double.isFinite(v) && (!logY || v > 0)) {
                        ymin = Math.min(ymin, ty(v));
                        ymax = Math.max(ymax, ty(v));
                    }
                }
            }
        }
        if (!(xmax > xmin)) {
            xmax = xmin + 1;
        }
        if (!(ymax > ymin)) {
            ymax = ymin + 1;
        }
        double pad = (ymax - ymin) * 0.05;
        ymin -= pad;
        ymax += pad;
        var img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, width, height);
        int pw = width - left - right;
        int ph = height - top - bottom;
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        // grid and ticks
        for (int i = 0; i <= 5; i++) {
            double yv = ymin + (ymax - ymin) * i / 5;
            int py = top + ph - (int) Math.round(ph * i / 5.0);
            g.setColor(new Color(230, 230, 230));
            g.drawLine(left, py, left + pw, py);
            g.setColor(Color.DARK_GRAY);
            String label = logY ? Table.format(Math.pow(10, yv)) : Table.format(yv);
            g.drawString(label, left - 8 - g.getFontMetrics().stringWidth(label), py + 4);
            double xv = xmin + (xmax - xmin) * i / 5;
            int px = left + (int) Math.round(pw * i / 5.0);
            String xl = Table.format(xv);
            g.drawString(xl, px - g.getFontMetrics().stringWidth(xl) / 2, top + ph + 18);
        }
        g.setColor(Color.BLACK);
        g.drawRect(left, top, pw, ph);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 15));
        g.drawString(title, left, top - 18);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
        g.drawString(xLabel, left + pw / 2 - g.getFontMetrics().stringWidth(xLabel) / 2, height - 25);
        var old = g.getTransform();
        g.rotate(-Math.PI / 2);
        g.drawString(yLabel + (logY ? " (log)" : ""), -(top + ph / 2) - g.getFontMetrics().stringWidth(yLabel) / 2, 20);
        g.setTransform(old);
        for (int si = 0; si < series.size(); si++) {
            Series s = series.get(si);
            Color c = PALETTE[si % PALETTE.length];
            if (s.low != null && s.high != null) {
                var poly = new java.awt.Polygon();
                for (int i = 0; i < s.x.length; i++) {
                    poly.addPoint(px(s.x[i], xmin, xmax, left, pw), py(ty(s.high[i]), ymin, ymax, top, ph));
                }
                for (int i = s.x.length - 1; i >= 0; i--) {
                    poly.addPoint(px(s.x[i], xmin, xmax, left, pw), py(ty(s.low[i]), ymin, ymax, top, ph));
                }
                g.setColor(new Color(c.getRed(), c.getGreen(), c.getBlue(), 40));
                g.fillPolygon(poly);
            }
            g.setColor(c);
            g.setStroke(new BasicStroke(2f));
            for (int i = 1; i < s.x.length; i++) {
                if (Double.isFinite(s.y[i - 1]) && Double.isFinite(s.y[i])) {
                    g.drawLine(px(s.x[i - 1], xmin, xmax, left, pw), py(ty(s.y[i - 1]), ymin, ymax, top, ph),
                            px(s.x[i], xmin, xmax, left, pw), py(ty(s.y[i]), ymin, ymax, top, ph));
                }
            }
            int ly = top + 10 + si * 20;
            g.fillRect(left + pw + 15, ly - 4, 20, 4);
            g.setColor(Color.BLACK);
            g.drawString(s.name, left + pw + 42, ly);
        }
        g.dispose();
        if (file.getParent() != null) {
            Files.createDirectories(file.getParent());
        }
        ImageIO.write(img, "png", file.toFile());
    }

    private static int px(double x, double xmin, double xmax, int left, int pw) {
        return left + (int) Math.round((x - xmin) / (xmax - xmin) * pw);
    }

    private static int py(double y, double ymin, double ymax, int top, int ph) {
        double c = Math.max(ymin, Math.min(ymax, y));
        return top + ph - (int) Math.round((c - ymin) / (ymax - ymin) * ph);
    }
}
