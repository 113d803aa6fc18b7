package carnot.integration.tests;

/** The largest singular value of a small row-major matrix by power iteration on W^T W: a reference apart from EJML. */
final class PowerIteration {

    private PowerIteration() {
    }

    static double spectralNorm(float[] w, int rows, int cols) {
        double[] x = new double[cols];
        java.util.Arrays.fill(x, 1);
        double lambda = 0;
        for (int iteration = 0; iteration < 3000; iteration++) {
            double[] y = new double[rows];
            for (int r = 0; r < rows; r++) {
                for (int c = 0; c < cols; c++) {
                    y[r] += w[r * cols + c] * x[c];
                }
            }
            double[] z = new double[cols];
            for (int r = 0; r < rows; r++) {
                for (int c = 0; c < cols; c++) {
                    z[c] += w[r * cols + c] * y[r];
                }
            }
            double norm = 0;
            for (double v : z) {
                norm += v * v;
            }
            lambda = Math.sqrt(norm);
            for (int c = 0; c < cols; c++) {
                x[c] = z[c] / lambda;
            }
        }
        return Math.sqrt(lambda);
    }
}
