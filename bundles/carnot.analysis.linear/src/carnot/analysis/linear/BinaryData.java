package carnot.analysis.linear;

import carnot.api.datasets.Dataset;
import carnot.curvature.linalg.Vectors;

/**
 * A two-class dataset as rows {@code x_i} (flattened inputs, optionally with a constant 1 appended
 * so that a bias is learned as one more weight) and labels {@code y_i in {-1, +1}} (class 1 is +1,
 * class 0 is -1).
 *
 * @param x rows; callers must not modify them
 * @param y labels +-1; callers must not modify them
 */
public record BinaryData(double[][] x, int[] y) {

    /**
     * @param data   a dataset with exactly two classes; not modified
     * @param append whether to append the constant feature 1
     * @throws IllegalArgumentException if the dataset does not have two classes
     */
    public static BinaryData of(Dataset data, boolean append) {
        if (data.numClasses() != 2) {
            throw new IllegalArgumentException("needs a dataset with 2 classes, got " + data.numClasses()
                    + " (use the class-subset perturbation to pick two)");
        }
        int n = data.size();
        int d = data.featureSize();
        double[][] x = new double[n][d + (append ? 1 : 0)];
        int[] y = new int[n];
        float[] features = data.features();
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                x[i][j] = features[i * d + j];
            }
            if (append) {
                x[i][d] = 1;
            }
            y[i] = data.labels()[i] == 1 ? 1 : -1;
        }
        return new BinaryData(x, y);
    }

    public int size() {
        return y.length;
    }

    public int dimension() {
        return x.length == 0 ? 0 : x[0].length;
    }

    /** R = max_i ||x_i||_2. */
    public double radius() {
        double max = 0;
        for (double[] row : x) {
            max = Math.max(max, Math.sqrt(Vectors.dot(row, row)));
        }
        return max;
    }

    /** min_i y_i w.x_i / ||w||, the geometric margin of the direction w (negative if it errs). */
    public double normalizedMargin(double[] w) {
        double norm = Math.sqrt(Vectors.dot(w, w));
        double min = Double.POSITIVE_INFINITY;
        for (int i = 0; i < y.length; i++) {
            min = Math.min(min, y[i] * Vectors.dot(w, x[i]));
        }
        return min / norm;
    }
}
