package carnot.report;

import java.util.List;

/**
 * A line chart as data: series of (x, y) points with optional symmetric error bars (for example
 * one sample standard deviation over seeds), on linear or logarithmic axes. Drawn to SVG or to a
 * PNG image by {@link ChartRenderer}; no windowing toolkit involved.
 *
 * @param title  the heading above the plot
 * @param xLabel the x axis label
 * @param yLabel the y axis label
 * @param logX   logarithmic x axis (non-positive x are left out)
 * @param logY   logarithmic y axis (non-positive y are left out)
 * @param series the data, drawn in order
 */
public record Chart(String title, String xLabel, String yLabel, boolean logX, boolean logY, List<Series> series) {

    public Chart {
        series = List.copyOf(series);
    }

    /**
     * One series.
     *
     * @param name    legend entry
     * @param x       x values
     * @param y       y values (NaN: a gap)
     * @param error   half-widths of error bars, or null
     * @param markers draw a dot at every point
     * @param dashed  draw the line dashed (fits, references)
     */
    public record Series(String name, double[] x, double[] y, double[] error, boolean markers, boolean dashed) {
        public Series {
            if (x.length != y.length || (error != null && error.length != y.length)) {
                throw new IllegalArgumentException("series " + name + ": x, y and error lengths differ");
            }
        }

        public static Series line(String name, double[] x, double[] y) {
            return new Series(name, x, y, null, false, false);
        }

        /**
         * Unconnected markers (a scatter plot): every point followed by a NaN gap, so that no line
         * joins it to the next.
         *
         * @param error half-widths of error bars, or null
         */
        public static Series markers(String name, double[] x, double[] y, double[] error) {
            int n = x.length;
            double[] gx = new double[2 * n];
            double[] gy = new double[2 * n];
            double[] ge = error == null ? null : new double[2 * n];
            for (int i = 0; i < n; i++) {
                gx[2 * i] = x[i];
                gy[2 * i] = y[i];
                gx[2 * i + 1] = Double.NaN;
                gy[2 * i + 1] = Double.NaN;
                if (ge != null) {
                    ge[2 * i] = error[i];
                    ge[2 * i + 1] = Double.NaN;
                }
            }
            return new Series(name, gx, gy, ge, true, false);
        }
    }
}
