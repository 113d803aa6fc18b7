package carnot.ui.internal.charts;

import carnot.ui.internal.charts.ChartSpec.Line;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Charts as files: SVG drawn from the chart's data (not a screenshot, so it scales and can be
 * edited), and the data itself as CSV. PNG is written by {@link ChartView} from the screen.
 */
public final class ChartExport {

    private static final int LEFT = 80;
    private static final int RIGHT = 30;
    private static final int TOP = 40;
    private static final int BOTTOM = 60;
    private static final int LEGEND_ROW = 18;

    private ChartExport() {
    }

    /** The data in long form: {@code series,x,y}, one line per point, non-finite values written as NaN. */
    public static String csv(ChartSpec chart) {
        StringBuilder csv = new StringBuilder("series,").append(csvField(chart.xTitle())).append(',')
                .append(csvField(chart.yTitle())).append('\n');
        for (Line line : chart.series()) {
            for (int i = 0; i < line.y().length; i++) {
                csv.append(csvField(line.name())).append(',').append(number(line.x()[i])).append(',')
                        .append(number(line.y()[i])).append('\n');
            }
        }
        return csv.toString();
    }

    /** A grid as a matrix: the first row holds the x values, the first column the y values. */
    public static String csv(HeatMapSpec map) {
        RunData.Grid grid = map.grid();
        StringBuilder csv = new StringBuilder(csvField(map.yTitle() + " \\ " + map.xTitle()));
        for (double x : grid.x()) {
            csv.append(',').append(number(x));
        }
        csv.append('\n');
        for (int r = 0; r < grid.rows(); r++) {
            csv.append(number(grid.y()[r]));
            for (int c = 0; c < grid.cols(); c++) {
                csv.append(',').append(number(grid.at(r, c)));
            }
            csv.append('\n');
        }
        return csv.toString();
    }

    /** The chart as an SVG document of the given size: axes with ticks, curves or bars, legend. */
    public static String svg(ChartSpec chart, int width, int height) {
        int legendRows = (chart.series().size() + 2) / 3;
        int plotBottom = height - BOTTOM - legendRows * LEGEND_ROW;
        double[] xr = range(chart, true);
        double[] yr = range(chart, false);
        Scale sx = new Scale(xr[0], xr[1], LEFT, width - RIGHT, false);
        Scale sy = new Scale(yr[0], yr[1], plotBottom, TOP, chart.logY());
        StringBuilder svg = header(width, height, chart.title());
        axes(svg, chart.xTitle(), chart.yTitle(), sx, sy, width, plotBottom, height);
        for (int s = 0; s < chart.series().size(); s++) {
            Line line = chart.series().get(s);
            String color = String.format(Locale.ROOT, "#%06x", line.rgb());
            if (chart.bars()) {
                double half = line.x().length > 1 ? Math.abs(line.x()[1] - line.x()[0]) / 2 : 0.5;
                for (int i = 0; i < line.y().length; i++) {
                    if (!drawable(chart, line, i)) {
                        continue;
                    }
                    double x0 = sx.map(line.x()[i] - half);
                    double x1 = sx.map(line.x()[i] + half);
                    double y0 = sy.map(Math.max(yr[0], chart.logY() ? yr[0] : 0));
                    double y1 = sy.map(line.y()[i]);
                    svg.append(String.format(Locale.ROOT,
                            "<rect x=\"%.2f\" y=\"%.2f\" width=\"%.2f\" height=\"%.2f\" fill=\"%s\" fill-opacity=\"0.6\"/>%n",
                            Math.min(x0, x1), Math.min(y0, y1), Math.abs(x1 - x0), Math.abs(y1 - y0), color));
                }
            } else {
                List<String> points = new ArrayList<>();
                for (int i = 0; i < line.y().length; i++) {
                    if (drawable(chart, line, i)) {
                        points.add(String.format(Locale.ROOT, "%.2f,%.2f", sx.map(line.x()[i]), sy.map(line.y()[i])));
                    }
                }
                if (chart.points()) {
                    for (String point : points) {
                        String[] xy = point.split(",");
                        svg.append("<circle cx=\"").append(xy[0]).append("\" cy=\"").append(xy[1]).append("\" r=\"3\" fill=\"")
                                .append(color).append("\"/>\n");
                    }
                } else {
                    svg.append("<polyline fill=\"none\" stroke=\"").append(color).append("\" stroke-width=\"2\" points=\"")
                            .append(String.join(" ", points)).append("\"/>\n");
                }
            }
            int row = s / 3;
            int col = s % 3;
            double lx = LEFT + col * (width - LEFT - RIGHT) / 3.0;
            double ly = height - legendRows * LEGEND_ROW + row * LEGEND_ROW;
            svg.append(String.format(Locale.ROOT,
                    "<rect x=\"%.1f\" y=\"%.1f\" width=\"14\" height=\"4\" fill=\"%s\"/><text x=\"%.1f\" y=\"%.1f\">%s</text>%n",
                    lx, ly - 6, color, lx + 20, ly, escape(line.name())));
        }
        return svg.append("</svg>\n").toString();
    }

    /** A heat map as SVG: one rectangle per cell, axes, and a colour bar with the value range. */
    public static String svg(HeatMapSpec map, int width, int height) {
        RunData.Grid grid = map.grid();
        int barWidth = 60;
        int plotBottom = height - BOTTOM;
        double[] xr = minMax(grid.x());
        double[] yr = minMax(grid.y());
        Scale sx = new Scale(xr[0], xr[1], LEFT, width - RIGHT - barWidth, false);
        Scale sy = new Scale(yr[0], yr[1], plotBottom, TOP, false);
        StringBuilder svg = header(width, height, map.title());
        double[] range = map.range();
        double cellWidth = (width - RIGHT - barWidth - LEFT) / (double) grid.cols();
        double cellHeight = (plotBottom - TOP) / (double) grid.rows();
        for (int r = 0; r < grid.rows(); r++) {
            for (int c = 0; c < grid.cols(); c++) {
                svg.append(String.format(Locale.ROOT,
                        "<rect x=\"%.2f\" y=\"%.2f\" width=\"%.2f\" height=\"%.2f\" fill=\"#%06x\"/>%n", LEFT + c * cellWidth,
                        plotBottom - (r + 1) * cellHeight, cellWidth + 0.5, cellHeight + 0.5,
                        HeatMapSpec.color(grid.at(r, c), range[0], range[1])));
            }
        }
        axes(svg, map.xTitle(), map.yTitle(), sx, sy, width - barWidth, plotBottom, height);
        int steps = 20;
        double barX = width - RIGHT - barWidth + 15;
        for (int i = 0; i < steps; i++) {
            double value = range[0] + (range[1] - range[0]) * (i + 0.5) / steps;
            svg.append(String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"%.2f\" width=\"12\" height=\"%.2f\" fill=\"#%06x\"/>%n",
                    barX, plotBottom - (i + 1) * (plotBottom - TOP) / (double) steps, (plotBottom - TOP) / (double) steps + 0.5,
                    HeatMapSpec.color(value, range[0], range[1])));
        }
        svg.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\">%s</text>%n", barX, plotBottom + 14, tick(range[0])));
        svg.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\">%s</text>%n", barX, TOP - 4, tick(range[1])));
        return svg.append("</svg>\n").toString();
    }

    private static StringBuilder header(int width, int height, String title) {
        StringBuilder svg = new StringBuilder();
        svg.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        svg.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" "
                + "viewBox=\"0 0 %d %d\" font-family=\"sans-serif\" font-size=\"12\">%n", width, height, width, height));
        svg.append(String.format(Locale.ROOT, "<rect width=\"%d\" height=\"%d\" fill=\"white\"/>%n", width, height));
        svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"24\" text-anchor=\"middle\" font-size=\"15\">%s</text>%n",
                width / 2, escape(title)));
        return svg;
    }

    private static void axes(StringBuilder svg, String xTitle, String yTitle, Scale sx, Scale sy, int width, int plotBottom,
            int height) {
        svg.append(String.format(Locale.ROOT, "<g stroke=\"black\"><line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\"/>"
                + "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\"/></g>%n", LEFT, plotBottom, width - RIGHT, plotBottom, LEFT,
                TOP, LEFT, plotBottom));
        for (double t : sx.ticks()) {
            double x = sx.map(t);
            svg.append(String.format(Locale.ROOT, "<line x1=\"%.2f\" y1=\"%d\" x2=\"%.2f\" y2=\"%d\" stroke=\"black\"/>"
                    + "<text x=\"%.2f\" y=\"%d\" text-anchor=\"middle\">%s</text>%n", x, plotBottom, x, plotBottom + 5, x,
                    plotBottom + 18, tick(t)));
        }
        for (double t : sy.ticks()) {
            double y = sy.map(t);
            svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%.2f\" x2=\"%d\" y2=\"%.2f\" stroke=\"black\"/>"
                    + "<line x1=\"%d\" y1=\"%.2f\" x2=\"%d\" y2=\"%.2f\" stroke=\"#dddddd\"/>"
                    + "<text x=\"%d\" y=\"%.2f\" text-anchor=\"end\">%s</text>%n", LEFT - 5, y, LEFT, y, LEFT + 1, y,
                    width - RIGHT, y, LEFT - 8, y + 4, tick(t)));
        }
        svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">%s</text>%n",
                (LEFT + width - RIGHT) / 2, plotBottom + 36, escape(xTitle)));
        svg.append(String.format(Locale.ROOT,
                "<text x=\"16\" y=\"%d\" text-anchor=\"middle\" transform=\"rotate(-90 16 %d)\">%s</text>%n",
                (TOP + plotBottom) / 2, (TOP + plotBottom) / 2, escape(yTitle)));
    }

    private static boolean drawable(ChartSpec chart, Line line, int i) {
        double y = line.y()[i];
        return Double.isFinite(line.x()[i]) && Double.isFinite(y) && (!chart.logY() || y > 0);
    }

    /** Range over the finite (and, on a log axis, positive) values; bars include zero. */
    static double[] range(ChartSpec chart, boolean x) {
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (Line line : chart.series()) {
            for (int i = 0; i < line.y().length; i++) {
                if (drawable(chart, line, i)) {
                    double v = x ? line.x()[i] : line.y()[i];
                    lo = Math.min(lo, v);
                    hi = Math.max(hi, v);
                }
            }
            if (x && chart.bars() && line.x().length > 1) {
                double half = Math.abs(line.x()[1] - line.x()[0]) / 2;
                lo -= half;
                hi += half;
            }
        }
        if (!x && chart.bars() && !chart.logY()) {
            lo = Math.min(lo, 0);
        }
        if (lo > hi) {
            return chart.logY() && !x ? new double[] {1, 10} : new double[] {0, 1};
        }
        if (lo == hi) {
            return chart.logY() && !x ? new double[] {lo / 2, hi * 2} : new double[] {lo - 0.5, hi + 0.5};
        }
        return new double[] {lo, hi};
    }

    private static double[] minMax(double[] values) {
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (double v : values) {
            if (Double.isFinite(v)) {
                lo = Math.min(lo, v);
                hi = Math.max(hi, v);
            }
        }
        return lo >= hi ? new double[] {lo > hi ? 0 : lo - 0.5, lo > hi ? 1 : hi + 0.5} : new double[] {lo, hi};
    }

    /** A linear or logarithmic map from data to pixels, with round tick values. */
    private record Scale(double lo, double hi, double from, double to, boolean log) {
        double map(double v) {
            double t = log ? (Math.log10(v) - Math.log10(lo)) / (Math.log10(hi) - Math.log10(lo)) : (v - lo) / (hi - lo);
            return from + t * (to - from);
        }

        List<Double> ticks() {
            List<Double> ticks = new ArrayList<>();
            if (log) {
                for (double p = Math.floor(Math.log10(lo)); p <= Math.ceil(Math.log10(hi)); p++) {
                    double v = Math.pow(10, p);
                    if (v >= lo && v <= hi) {
                        ticks.add(v);
                    }
                }
                return ticks;
            }
            double step = niceStep((hi - lo) / 5);
            for (double v = Math.ceil(lo / step) * step; v <= hi + step * 1e-9; v += step) {
                ticks.add(Math.abs(v) < step * 1e-9 ? 0 : v);
            }
            return ticks;
        }
    }

    /** 1, 2 or 5 times a power of ten, near the rough step. */
    static double niceStep(double rough) {
        double power = Math.pow(10, Math.floor(Math.log10(rough)));
        double f = rough / power;
        return (f < 1.5 ? 1 : f < 3.5 ? 2 : f < 7.5 ? 5 : 10) * power;
    }

    private static String tick(double v) {
        if (v == 0) {
            return "0";
        }
        double a = Math.abs(v);
        return a >= 1e4 || a < 1e-3 ? String.format(Locale.ROOT, "%.2e", v) : String.format(Locale.ROOT, "%.4g", v)
                .replaceAll("(\\.\\d*?)0+$", "$1").replaceAll("\\.$", "");
    }

    private static String number(double v) {
        return Double.isNaN(v) ? "NaN" : Double.isInfinite(v) ? (v > 0 ? "Infinity" : "-Infinity") : Double.toString(v);
    }

    private static String csvField(String text) {
        return text.contains(",") || text.contains("\"") || text.contains("\n") ? "\"" + text.replace("\"", "\"\"") + "\""
                : text;
    }

    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
