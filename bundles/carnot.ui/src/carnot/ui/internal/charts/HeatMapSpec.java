package carnot.ui.internal.charts;

/**
 * A 2D grid to draw as a heat map (a loss landscape around the trained weights, say).
 *
 * @param title  chart title
 * @param xTitle title of the column axis
 * @param yTitle title of the row axis
 * @param grid   the values with their axes
 */
public record HeatMapSpec(String title, String xTitle, String yTitle, RunData.Grid grid) {

    /** The smallest and largest finite values; {0, 1} if there are none. */
    public double[] range() {
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (double v : grid.values()) {
            if (Double.isFinite(v)) {
                lo = Math.min(lo, v);
                hi = Math.max(hi, v);
            }
        }
        return lo > hi ? new double[] {0, 1} : new double[] {lo, hi == lo ? lo + 1 : hi};
    }

    /**
     * The colour of a value as 0xRRGGBB on the viridis scale (linear interpolation between
     * eleven of its samples): perceptually uniform and readable in grey.
     */
    public static int color(double value, double lo, double hi) {
        if (!Double.isFinite(value)) {
            return 0xffffff;
        }
        double t = Math.max(0, Math.min(1, (value - lo) / (hi - lo)));
        double position = t * (VIRIDIS.length - 1);
        int i = Math.min(VIRIDIS.length - 2, (int) position);
        double f = position - i;
        int a = VIRIDIS[i];
        int b = VIRIDIS[i + 1];
        int r = (int) Math.round(((a >> 16) & 0xff) * (1 - f) + ((b >> 16) & 0xff) * f);
        int g = (int) Math.round(((a >> 8) & 0xff) * (1 - f) + ((b >> 8) & 0xff) * f);
        int bl = (int) Math.round((a & 0xff) * (1 - f) + (b & 0xff) * f);
        return (r << 16) | (g << 8) | bl;
    }

    /** Viridis (matplotlib) at t = 0, 0.1, ..., 1. */
    private static final int[] VIRIDIS = {0x440154, 0x482475, 0x414487, 0x355f8d, 0x2a788e, 0x21918c, 0x22a884,
        0x44bf70, 0x7ad151, 0xbddf26, 0xfde725};
}
