package carnot.analysis.linear;

import carnot.api.component.ProgressMonitor;
import carnot.curvature.linalg.Vectors;

/**
 * Rosenblatt's perceptron from w = 0: visit the examples in order, pass after pass; on a mistake
 * (y_i w.x_i <= 0) set w <- w + y_i x_i. On data separable with margin gamma by a unit vector
 * and with ||x_i|| <= R it makes at most (R / gamma)^2 mistakes in all, whatever the order
 * (Novikoff 1962; Block 1962).
 */
public final class Perceptron {

    /**
     * @param w         the final weights
     * @param mistakes  updates made in all
     * @param passes    passes over the data, the last one mistake-free if converged
     * @param converged whether a whole pass made no mistake
     */
    public record Run(double[] w, long mistakes, int passes, boolean converged) {
    }

    private Perceptron() {
    }

    /**
     * @param data      not modified
     * @param maxPasses stop after this many passes even if mistakes remain
     * @param monitor   cancellation, checked once per pass
     */
    public static Run train(BinaryData data, int maxPasses, ProgressMonitor monitor) {
        double[] w = new double[data.dimension()];
        long mistakes = 0;
        for (int pass = 1; pass <= maxPasses; pass++) {
            monitor.checkCancelled();
            long before = mistakes;
            for (int i = 0; i < data.size(); i++) {
                double[] x = data.x()[i];
                int y = data.y()[i];
                if (y * Vectors.dot(w, x) <= 0) {
                    for (int j = 0; j < w.length; j++) {
                        w[j] += y * x[j];
                    }
                    mistakes++;
                }
            }
            if (mistakes == before) {
                return new Run(w, mistakes, pass, true);
            }
        }
        return new Run(w, mistakes, maxPasses, false);
    }
}
