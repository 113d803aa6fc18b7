package carnot.report;

/**
 * A heat map of values on a grid with a path drawn over it: the loss surface over a plane of weight
 * space and the optimization path on it (Li et al. 2018, Section 7). Drawn by
 * {@link HeatMapRenderer} to SVG and PNG, like a {@link Chart}.
 *
 * @param title      the heading
 * @param xLabel     the x axis label
 * @param yLabel     the y axis label
 * @param valueLabel the colour bar's label
 * @param x          the grid's x coordinates, increasing
 * @param y          the grid's y coordinates, increasing
 * @param values     {@code values[i][j]} at ({@code x[i]}, {@code y[j]})
 * @param logValues  colour by log10 of the values (non-positive values are drawn grey)
 * @param pathX      the path's x coordinates, in order (empty: no path)
 * @param pathY      the path's y coordinates
 * @param startLabel the label of the path's first point
 * @param endLabel   the label of its last point
 */
public record HeatMap(String title, String xLabel, String yLabel, String valueLabel, double[] x, double[] y,
        double[][] values, boolean logValues, double[] pathX, double[] pathY, String startLabel, String endLabel) {

    public HeatMap {
        if (values.length != x.length || (values.length > 0 && values[0].length != y.length)) {
            throw new IllegalArgumentException("heat map " + title + ": values are not " + x.length + " x " + y.length);
        }
        if (pathX.length != pathY.length) {
            throw new IllegalArgumentException("heat map " + title + ": path x and y lengths differ");
        }
    }
}
