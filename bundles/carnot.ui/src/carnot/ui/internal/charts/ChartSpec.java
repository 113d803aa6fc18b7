package carnot.ui.internal.charts;

import java.util.List;

/**
 * What one chart shows, independent of how it is drawn: SWTChart on screen ({@link ChartView}),
 * SVG and CSV on export ({@link ChartExport}), from the same data.
 *
 * @param title  chart title
 * @param xTitle x axis title
 * @param yTitle y axis title
 * @param series the curves (or bars), drawn in order
 * @param bars   draw as a histogram (bars between consecutive x values) rather than lines
 * @param logY   logarithmic y axis (values <= 0 are left out)
 * @param points draw the points of every series without lines between them (a scatter plot)
 */
public record ChartSpec(String title, String xTitle, String yTitle, List<Line> series, boolean bars, boolean logY,
        boolean points) {

    /** Colours of successive series (RGB), chosen to stay apart for the usual few curves. */
    public static final int[] PALETTE = {0x1f77b4, 0xd62728, 0x2ca02c, 0x9467bd, 0xff7f0e, 0x8c564b, 0xe377c2,
        0x17becf, 0x7f7f7f, 0xbcbd22};

    public ChartSpec {
        series = List.copyOf(series);
    }

    /** Curves (or bars) joined by lines. */
    public ChartSpec(String title, String xTitle, String yTitle, List<Line> series, boolean bars, boolean logY) {
        this(title, xTitle, yTitle, series, bars, logY, false);
    }

    /**
     * One curve: points (x[i], y[i]); non-finite points are skipped when drawn.
     *
     * @param rgb   colour as 0xRRGGBB
     * @param lower lower edge of a band drawn behind the curve (mean - sd over runs), or {@code null}
     * @param upper upper edge of the band, or {@code null}
     */
    public record Line(String name, double[] x, double[] y, int rgb, double[] lower, double[] upper) {
        public Line(String name, double[] x, double[] y, int rgb) {
            this(name, x, y, rgb, null, null);
        }

        public boolean hasBand() {
            return lower != null && upper != null;
        }
    }

    /** The colour of the i-th series. */
    public static int color(int index) {
        return PALETTE[Math.floorMod(index, PALETTE.length)];
    }

    /** Whether there is any finite point to draw. */
    public boolean isEmpty() {
        for (Line line : series) {
            for (int i = 0; i < line.y().length; i++) {
                if (Double.isFinite(line.y()[i]) && Double.isFinite(line.x()[i]) && (!logY || line.y()[i] > 0)) {
                    return false;
                }
            }
        }
        return true;
    }
}
