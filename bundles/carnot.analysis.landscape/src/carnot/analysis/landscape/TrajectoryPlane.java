package carnot.analysis.landscape;

import java.util.Map;

/**
 * The result of the {@value #ID} analysis, typed: the optimization path projected onto its first two
 * principal directions and the training loss over that plane (Li, Xu, Taylor, Studer and Goldstein
 * 2018, "Visualizing the Loss Landscape of Neural Nets", Section 7). Everything a contour or heat map
 * with the path drawn on it needs; the names of the recorded scalars and series are spelled here
 * only.
 *
 * @param epochs     the epochs of the path's points, oldest first; the last is the analysed weights
 * @param pathX      each point's coordinate along the first direction (the last is 0: the origin)
 * @param pathY      each point's coordinate along the second direction
 * @param pathLoss   the training loss at each kept checkpoint itself (not at its projection)
 * @param offPlane   ||d_t - projection|| / ||d_t||: how much of each offset the plane misses
 * @param gridX      the surface grid's coordinates along the first direction
 * @param gridY      along the second
 * @param loss       the training loss at theta_final + x v_1 + y v_2: {@code loss[i][j]} at
 *                   ({@code gridX[i]}, {@code gridY[j]})
 * @param explained1 the explained variance ratio of the first direction
 * @param explained2 that of the second
 */
public record TrajectoryPlane(double[] epochs, double[] pathX, double[] pathY, double[] pathLoss, double[] offPlane,
        double[] gridX, double[] gridY, double[][] loss, double explained1, double explained2) {

    /** The analysis id. */
    public static final String ID = "trajectory";
    public static final String EXPLAINED_1 = "explainedVariance1";
    public static final String EXPLAINED_2 = "explainedVariance2";
    public static final String EXPLAINED_BOTH = "explainedVariance12";
    public static final String EXPLAINED = "explainedVariance";
    public static final String CHECKPOINTS = "checkpoints";
    public static final String EPOCHS = "path.epochs";
    public static final String PATH_X = "path.x";
    public static final String PATH_Y = "path.y";
    public static final String PATH_LOSS = "path.train.loss";
    public static final String OFF_PLANE = "path.offPlane";
    public static final String GRID_X = "x";
    public static final String GRID_Y = "y";
    /** The surface, flattened row-major: the value at (x_i, y_j) is element {@code i * y.length + j}. */
    public static final String LOSS = "train.loss";

    /** The plane of a result of the {@value #ID} analysis (read back with {@code carnot.workspace.AnalysisResults}). */
    public static TrajectoryPlane from(carnot.api.analysis.AnalysisResult result) {
        return from(result.scalars(), result.series());
    }

    /**
     * Reads the analysis' recorded scalars and series.
     *
     * @throws IllegalArgumentException naming the missing or mis-sized series
     */
    public static TrajectoryPlane from(Map<String, Double> scalars, Map<String, double[]> series) {
        double[] x = require(series, GRID_X);
        double[] y = require(series, GRID_Y);
        double[] flat = require(series, LOSS);
        if (flat.length != x.length * y.length) {
            throw new IllegalArgumentException(LOSS + ": " + flat.length + " values for a " + x.length + " x "
                    + y.length + " grid");
        }
        double[][] loss = new double[x.length][y.length];
        for (int i = 0; i < x.length; i++) {
            System.arraycopy(flat, i * y.length, loss[i], 0, y.length);
        }
        double[] epochs = require(series, EPOCHS);
        for (String name : new String[] {PATH_X, PATH_Y, PATH_LOSS, OFF_PLANE}) {
            if (require(series, name).length != epochs.length) {
                throw new IllegalArgumentException(name + ": " + series.get(name).length + " values for "
                        + epochs.length + " epochs");
            }
        }
        return new TrajectoryPlane(epochs, series.get(PATH_X), series.get(PATH_Y), series.get(PATH_LOSS),
                series.get(OFF_PLANE), x, y, loss, scalars.getOrDefault(EXPLAINED_1, Double.NaN),
                scalars.getOrDefault(EXPLAINED_2, Double.NaN));
    }

    private static double[] require(Map<String, double[]> series, String name) {
        double[] values = series.get(name);
        if (values == null) {
            throw new IllegalArgumentException("no series " + name + " (not a result of the " + ID + " analysis)");
        }
        return values;
    }
}
