package carnot.report;

import carnot.report.internal.Canvas;

import carnot.report.internal.ImageCanvas;
import carnot.report.internal.SvgCanvas;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;

/**
 * Lays out and draws a {@link Chart}: axes with "nice" ticks (1, 2, 5 times a power of ten; decades
 * on log axes), grid, lines, markers, error bars and, for two series or more, a legend at the right.
 * The same drawing code produces the SVG and the PNG, so the two never disagree.
 */
public final class ChartRenderer {

    /** Default size of a figure in pixels. */
    public static final int WIDTH = 640;
    public static final int HEIGHT = 360;

    private static final String[] PALETTE = {"#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b",
        "#e377c2", "#7f7f7f", "#bcbd22", "#17becf"};
    private static final double LEFT = 72;
    private static final double TOP = 34;
    private static final double BOTTOM = 48;
    private static final double LEGEND = 190;

    private ChartRenderer() {
    }

    /** The chart as an SVG document of the report's size. */
    public static String svg(Chart chart) {
        return svg(chart, WIDTH, HEIGHT);
    }

    /** The chart as an SVG document of the given size in pixels. */
    public static String svg(Chart chart, int width, int height) {
        SvgCanvas canvas = new SvgCanvas(width, height);
        draw(chart, canvas, width, height);
        return canvas.document();
    }

    /** The chart as a raster image. */
    public static BufferedImage image(Chart chart) {
        ImageCanvas canvas = new ImageCanvas(WIDTH, HEIGHT);
        draw(chart, canvas, WIDTH, HEIGHT);
        return canvas.image();
    }

    /** The chart as PNG bytes, for {@code AtomicFiles} to write. */
    public static byte[] png(Chart chart) throws IOException {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        if (!ImageIO.write(image(chart), "png", bytes)) {
            throw new IOException("no PNG writer in this Java runtime");
        }
        return bytes.toByteArray();
    }

    static String color(int i) {
        return PALETTE[i % PALETTE.length];
    }

    static void draw(Chart chart, Canvas canvas, int width, int height) {
        // A single series is named by the title and the axis labels: no legend, a wider plot.
        boolean legend = chart.series().size() > 1;
        double plotRight = width - (legend ? LEGEND : 30);
        double plotBottom = height - BOTTOM;
        canvas.text(width / 2.0, 20, chart.title(), 15, Canvas.Anchor.MIDDLE, "#222222", false);
        double[] xr = range(chart, true);
        double[] yr = range(chart, false);
        Axis x = new Axis(xr[0], xr[1], chart.logX(), LEFT, plotRight);
        Axis y = new Axis(yr[0], yr[1], chart.logY(), plotBottom, TOP);
        // Grid and ticks.
        for (double t : x.ticks()) {
            double px = x.pixel(t);
            canvas.line(px, TOP, px, plotBottom, "#e5e5e5", 1, false);
            canvas.text(px, plotBottom + 16, label(t), 11, Canvas.Anchor.MIDDLE, "#444444", false);
        }
        for (double t : y.ticks()) {
            double py = y.pixel(t);
            canvas.line(LEFT, py, plotRight, py, "#e5e5e5", 1, false);
            canvas.text(LEFT - 6, py + 4, label(t), 11, Canvas.Anchor.END, "#444444", false);
        }
        canvas.rect(LEFT, TOP, plotRight - LEFT, plotBottom - TOP, "#888888", null);
        canvas.text((LEFT + plotRight) / 2, height - 10, chart.xLabel() + (chart.logX() ? " (log)" : ""), 12,
                Canvas.Anchor.MIDDLE, "#222222", false);
        canvas.text(16, (TOP + plotBottom) / 2, chart.yLabel() + (chart.logY() ? " (log)" : ""), 12,
                Canvas.Anchor.MIDDLE, "#222222", true);
        // Series.
        int legendRow = 0;
        for (int s = 0; s < chart.series().size(); s++) {
            Chart.Series series = chart.series().get(s);
            String color = color(s);
            List<double[]> run = new ArrayList<>();
            for (int i = 0; i <= series.x().length; i++) {
                boolean ok = i < series.x().length && usable(series.x()[i], chart.logX()) && usable(series.y()[i],
                        chart.logY());
                if (ok) {
                    run.add(new double[] {x.pixel(series.x()[i]), y.pixel(series.y()[i])});
                    if (series.error() != null && Double.isFinite(series.error()[i]) && series.error()[i] > 0) {
                        double lo = series.y()[i] - series.error()[i];
                        double hi = series.y()[i] + series.error()[i];
                        double px = x.pixel(series.x()[i]);
                        double pyLo = chart.logY() && lo <= 0 ? plotBottom : y.pixel(lo);
                        double pyHi = y.pixel(hi);
                        canvas.line(px, pyLo, px, pyHi, color, 1.2, false);
                        canvas.line(px - 3, pyLo, px + 3, pyLo, color, 1.2, false);
                        canvas.line(px - 3, pyHi, px + 3, pyHi, color, 1.2, false);
                    }
                }
                if (!ok && !run.isEmpty()) {
                    canvas.polyline(run.stream().mapToDouble(p -> p[0]).toArray(),
                            run.stream().mapToDouble(p -> p[1]).toArray(), color, 2, series.dashed());
                    if (series.markers() || run.size() == 1) {
                        run.forEach(p -> canvas.circle(p[0], p[1], 3, color));
                    }
                    run.clear();
                }
            }
            if (legend && legendRow < 16) {
                double ly = TOP + 8 + 17 * legendRow;
                canvas.line(plotRight + 10, ly, plotRight + 30, ly, color, 2, series.dashed());
                String name = series.name().length() > 26 ? series.name().substring(0, 25) + "…" : series.name();
                canvas.text(plotRight + 35, ly + 4, name, 11, Canvas.Anchor.START, "#222222", false);
                legendRow++;
            }
        }
    }

    private static boolean usable(double v, boolean log) {
        return Double.isFinite(v) && (!log || v > 0);
    }

    private static double[] range(Chart chart, boolean xAxis) {
        boolean log = xAxis ? chart.logX() : chart.logY();
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (Chart.Series s : chart.series()) {
            double[] values = xAxis ? s.x() : s.y();
            for (int i = 0; i < values.length; i++) {
                double v = values[i];
                if (!usable(v, log) || !usable(xAxis ? s.y()[i] : s.x()[i], xAxis ? chart.logY() : chart.logX())) {
                    continue;
                }
                double e = !xAxis && s.error() != null && Double.isFinite(s.error()[i]) ? s.error()[i] : 0;
                lo = Math.min(lo, log && v - e <= 0 ? v : v - e);
                hi = Math.max(hi, v + e);
            }
        }
        if (!Double.isFinite(lo)) {
            return log ? new double[] {1, 10} : new double[] {0, 1};
        }
        if (lo == hi) {
            return log ? new double[] {lo / 2, hi * 2} : new double[] {lo - Math.max(1e-9, Math.abs(lo) * 0.1),
                hi + Math.max(1e-9, Math.abs(hi) * 0.1)};
        }
        if (log) {
            return new double[] {lo, hi};
        }
        double pad = (hi - lo) * 0.04;
        return new double[] {lo - pad, hi + pad};
    }

    static String label(double v) {
        if (v == 0) {
            return "0";
        }
        double a = Math.abs(v);
        if (a >= 1e5 || a < 1e-3) {
            return String.format(Locale.ROOT, "%.0e", v);
        }
        String s = String.format(Locale.ROOT, "%.4f", v);
        s = s.replaceAll("0+$", "");
        return s.endsWith(".") ? s.substring(0, s.length() - 1) : s;
    }

    /** A linear or logarithmic axis mapping data values to pixels. */
    static final class Axis {
        final double lo;
        final double hi;
        final boolean log;
        final double p0;
        final double p1;

        Axis(double lo, double hi, boolean log, double p0, double p1) {
            this.lo = lo;
            this.hi = hi;
            this.log = log;
            this.p0 = p0;
            this.p1 = p1;
        }

        double pixel(double v) {
            double f = log ? (Math.log10(v) - Math.log10(lo)) / (Math.log10(hi) - Math.log10(lo)) : (v - lo) / (hi - lo);
            return p0 + f * (p1 - p0);
        }

        List<Double> ticks() {
            List<Double> ticks = new ArrayList<>();
            if (log) {
                int a = (int) Math.floor(Math.log10(lo));
                int b = (int) Math.ceil(Math.log10(hi));
                double[] steps = b - a <= 2 ? new double[] {1, 2, 5} : new double[] {1};
                for (int e = a; e <= b; e++) {
                    for (double m : steps) {
                        double t = m * Math.pow(10, e);
                        if (t >= lo * 0.999 && t <= hi * 1.001) {
                            ticks.add(t);
                        }
                    }
                }
                return ticks;
            }
            double step = niceStep((hi - lo) / 5);
            for (double t = Math.ceil(lo / step) * step; t <= hi + step * 1e-9; t += step) {
                ticks.add(Math.abs(t) < step * 1e-9 ? 0.0 : t);
            }
            return ticks;
        }

        /** 1, 2 or 5 times a power of ten, at least {@code raw}. */
        static double niceStep(double raw) {
            double power = Math.pow(10, Math.floor(Math.log10(raw)));
            double m = raw / power;
            return (m <= 1 ? 1 : m <= 2 ? 2 : m <= 5 ? 5 : 10) * power;
        }
    }
}
