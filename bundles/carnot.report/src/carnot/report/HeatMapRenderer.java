package carnot.report;

import carnot.report.internal.Canvas;

import carnot.report.internal.ImageCanvas;
import carnot.report.internal.SvgCanvas;

import java.io.IOException;
import java.util.Locale;
import javax.imageio.ImageIO;

/**
 * Draws a {@link HeatMap}: one filled cell per grid point (its edges halfway to the neighbours),
 * coloured on the viridis scale (a perceptually uniform map, legible in grey), a colour bar, axes
 * with the ticks of {@link ChartRenderer}, and the path as a white line with a marker per point, its
 * start and end labelled. The same drawing code makes the SVG and the PNG.
 */
public final class HeatMapRenderer {

    public static final int WIDTH = 640;
    public static final int HEIGHT = 520;

    /** Viridis at 9 evenly spaced stops (matplotlib's table), interpolated linearly between them. */
    private static final int[][] VIRIDIS = {{68, 1, 84}, {71, 44, 122}, {59, 81, 139}, {44, 113, 142},
        {33, 144, 141}, {39, 173, 129}, {92, 200, 99}, {170, 220, 50}, {253, 231, 37}};
    private static final double LEFT = 72;
    private static final double TOP = 34;
    private static final double BOTTOM = 48;
    private static final double BAR = 90;

    private HeatMapRenderer() {
    }

    /** The heat map as an SVG document of the report's size. */
    public static String svg(HeatMap map) {
        return svg(map, WIDTH, HEIGHT);
    }

    /** The heat map as an SVG document of the given size in pixels. */
    public static String svg(HeatMap map, int width, int height) {
        SvgCanvas canvas = new SvgCanvas(width, height);
        draw(map, canvas, width, height);
        return canvas.document();
    }

    /** The heat map as PNG bytes, for {@code AtomicFiles} to write. */
    public static byte[] png(HeatMap map) throws IOException {
        ImageCanvas canvas = new ImageCanvas(WIDTH, HEIGHT);
        draw(map, canvas, WIDTH, HEIGHT);
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        if (!ImageIO.write(canvas.image(), "png", bytes)) {
            throw new IOException("no PNG writer in this Java runtime");
        }
        return bytes.toByteArray();
    }

    static void draw(HeatMap map, Canvas canvas, int width, int height) {
        double right = width - BAR;
        double bottom = height - BOTTOM;
        canvas.text(width / 2.0, 20, map.title(), 15, Canvas.Anchor.MIDDLE, "#222222", false);
        double[] x = map.x();
        double[] y = map.y();
        ChartRenderer.Axis ax = new ChartRenderer.Axis(edge(x, 0), edge(x, x.length), false, LEFT, right);
        ChartRenderer.Axis ay = new ChartRenderer.Axis(edge(y, 0), edge(y, y.length), false, bottom, TOP);
        double[] range = range(map);
        for (int i = 0; i < x.length; i++) {
            double x0 = ax.pixel(edge(x, i));
            double x1 = ax.pixel(edge(x, i + 1));
            for (int j = 0; j < y.length; j++) {
                double y0 = ay.pixel(edge(y, j + 1));
                double y1 = ay.pixel(edge(y, j));
                String fill = color(scaled(map.values()[i][j], map.logValues()), range);
                // Overlap neighbours by half a pixel so that anti-aliasing leaves no seams.
                canvas.rect(x0, y0, x1 - x0 + 0.5, y1 - y0 + 0.5, null, fill);
            }
        }
        for (double t : ax.ticks()) {
            canvas.line(ax.pixel(t), bottom, ax.pixel(t), bottom + 4, "#444444", 1, false);
            canvas.text(ax.pixel(t), bottom + 16, ChartRenderer.label(t), 11, Canvas.Anchor.MIDDLE, "#444444", false);
        }
        for (double t : ay.ticks()) {
            canvas.line(LEFT - 4, ay.pixel(t), LEFT, ay.pixel(t), "#444444", 1, false);
            canvas.text(LEFT - 6, ay.pixel(t) + 4, ChartRenderer.label(t), 11, Canvas.Anchor.END, "#444444", false);
        }
        canvas.rect(LEFT, TOP, right - LEFT, bottom - TOP, "#888888", null);
        canvas.text((LEFT + right) / 2, height - 10, map.xLabel(), 12, Canvas.Anchor.MIDDLE, "#222222", false);
        canvas.text(16, (TOP + bottom) / 2, map.yLabel(), 12, Canvas.Anchor.MIDDLE, "#222222", true);
        colourBar(map, range, canvas, right + 22, bottom);
        path(map, ax, ay, canvas, right);
    }

    private static void path(HeatMap map, ChartRenderer.Axis ax, ChartRenderer.Axis ay, Canvas canvas, double right) {
        int n = map.pathX().length;
        if (n == 0) {
            return;
        }
        double[] px = new double[n];
        double[] py = new double[n];
        for (int t = 0; t < n; t++) {
            px[t] = ax.pixel(map.pathX()[t]);
            py[t] = ay.pixel(map.pathY()[t]);
        }
        canvas.polyline(px, py, "#ffffff", 2.5, false);
        for (int t = 0; t < n; t++) {
            canvas.circle(px[t], py[t], 3, "#ffffff");
            canvas.circle(px[t], py[t], 1.6, "#d62728");
        }
        canvas.text(px[0] + 6, py[0] - 6, map.startLabel(), 11, Canvas.Anchor.START, "#ffffff", false);
        // Above the last point, on the side with room for the text (the path ends at the origin, often near an
        // edge of the grid, and usually arrives from below).
        boolean leftHalf = px[n - 1] < (LEFT + right) / 2;
        canvas.text(px[n - 1] + (leftHalf ? 8 : -8), py[n - 1] - 8, map.endLabel(), 11,
                leftHalf ? Canvas.Anchor.START : Canvas.Anchor.END, "#ffffff", false);
    }

    private static void colourBar(HeatMap map, double[] range, Canvas canvas, double left, double bottom) {
        int steps = 64;
        double height = (bottom - TOP) / steps;
        for (int s = 0; s < steps; s++) {
            double v = range[0] + (range[1] - range[0]) * (s + 0.5) / steps;
            canvas.rect(left, bottom - (s + 1) * height, 16, height + 0.5, null, color(v, range));
        }
        canvas.rect(left, TOP, 16, bottom - TOP, "#888888", null);
        for (int k = 0; k <= 4; k++) {
            double v = range[0] + (range[1] - range[0]) * k / 4;
            double value = map.logValues() ? Math.pow(10, v) : v;
            double py = bottom - (bottom - TOP) * k / 4;
            canvas.text(left + 20, py + 4, String.format(Locale.ROOT, "%.3g", value), 10, Canvas.Anchor.START,
                    "#444444", false);
        }
        canvas.text(left + 8, TOP - 8, map.valueLabel() + (map.logValues() ? " (log)" : ""), 11,
                Canvas.Anchor.MIDDLE, "#222222", false);
    }

    /** The cell edge before grid point {@code i} (halfway to the previous point; extrapolated at the ends). */
    static double edge(double[] grid, int i) {
        if (grid.length == 1) {
            return grid[0] + (i == 0 ? -0.5 : 0.5);
        }
        if (i == 0) {
            return grid[0] - (grid[1] - grid[0]) / 2;
        }
        if (i == grid.length) {
            return grid[i - 1] + (grid[i - 1] - grid[i - 2]) / 2;
        }
        return (grid[i - 1] + grid[i]) / 2;
    }

    private static double scaled(double v, boolean log) {
        return log ? (v > 0 ? Math.log10(v) : Double.NaN) : v;
    }

    private static double[] range(HeatMap map) {
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (double[] row : map.values()) {
            for (double v : row) {
                double s = scaled(v, map.logValues());
                if (Double.isFinite(s)) {
                    lo = Math.min(lo, s);
                    hi = Math.max(hi, s);
                }
            }
        }
        if (!Double.isFinite(lo)) {
            return new double[] {0, 1};
        }
        return lo == hi ? new double[] {lo - 0.5, hi + 0.5} : new double[] {lo, hi};
    }

    /** The viridis colour of {@code v} within {@code range}; grey for a value that is not finite. */
    static String color(double v, double[] range) {
        if (!Double.isFinite(v)) {
            return "#bbbbbb";
        }
        double f = Math.max(0, Math.min(1, (v - range[0]) / (range[1] - range[0])));
        double position = f * (VIRIDIS.length - 1);
        int k = Math.min(VIRIDIS.length - 2, (int) Math.floor(position));
        double w = position - k;
        int[] rgb = new int[3];
        for (int c = 0; c < 3; c++) {
            rgb[c] = (int) Math.round(VIRIDIS[k][c] * (1 - w) + VIRIDIS[k + 1][c] * w);
        }
        return String.format(Locale.ROOT, "#%02x%02x%02x", rgb[0], rgb[1], rgb[2]);
    }
}
