package carnot.analysis.linear;

import carnot.api.component.ProgressMonitor;
import carnot.curvature.linalg.Vectors;
import java.util.SplittableRandom;

/**
 * The hard-margin support vector machine through the origin,
 *
 * <pre>
 *   w* = argmin (1/2) ||w||^2  subject to  y_i w.x_i >= 1 for every i,
 * </pre>
 *
 * the direction gradient descent on the logistic or exponential loss converges to on separable
 * data (Soudry, Hoffer, Nacson, Gunasekar and Srebro 2018, Theorem 3). A bias is handled by
 * appending a constant feature ({@link BinaryData#of}), which then is part of the margin's norm,
 * exactly as for the trained linear model's bias.
 *
 * <p>Solved by dual coordinate ascent (Hsieh et al. 2008, "A dual coordinate descent method for
 * large-scale linear SVM", Algorithm 1 with C = infinity): the dual is
 * max_{alpha >= 0} sum_i alpha_i - (1/2) ||sum_i alpha_i y_i x_i||^2 with w = sum_i alpha_i y_i x_i;
 * each step maximizes it exactly in one alpha_i. Stopping criterion: the duality gap between the
 * feasible primal point w~ = w / min_i y_i w.x_i and the dual value, G = (1/2)||w~||^2 - D(alpha).
 * Since the primal is 1-strongly convex, ||w~ - w*|| <= sqrt(2 G): the returned direction is
 * certified, not merely converged.
 */
public final class HardMarginSvm {

    /**
     * @param w      the primal solution w~ (feasible: every y_i w.x_i >= 1)
     * @param alpha  the dual variables (support vectors have alpha_i > 0)
     * @param gap    the final duality gap G; ||w - w*|| <= sqrt(2 G)
     * @param sweeps passes over the data used
     */
    public record Solution(double[] w, double[] alpha, double gap, int sweeps) {

        /** The maximal geometric margin 1 / ||w*|| (to the certified accuracy). */
        public double margin() {
            return 1 / Vectors.norm(w);
        }
    }

    private HardMarginSvm() {
    }

    /**
     * @param data         rows and +-1 labels; not modified
     * @param relativeGap  stop when G <= relativeGap * (1/2)||w~||^2, e.g. 1e-10
     * @param maxSweeps    give up after this many passes
     * @param monitor      cancellation, checked once per pass
     * @throws IllegalArgumentException if the data are not linearly separable through the origin
     *                                  (or not solved to the gap in maxSweeps passes): the message
     *                                  names the gap reached
     */
    public static Solution solve(BinaryData data, double relativeGap, int maxSweeps, ProgressMonitor monitor) {
        int n = data.size();
        int d = data.dimension();
        double[][] x = data.x();
        int[] y = data.y();
        double[] q = new double[n];
        for (int i = 0; i < n; i++) {
            q[i] = Vectors.dot(x[i], x[i]);
            if (q[i] == 0) {
                throw new IllegalArgumentException("example " + i + " is the zero vector: no hyperplane through the "
                        + "origin separates it");
            }
        }
        double[] alpha = new double[n];
        double[] w = new double[d];
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        SplittableRandom random = new SplittableRandom(1);
        double gap = Double.POSITIVE_INFINITY;
        for (int sweep = 1; sweep <= maxSweeps; sweep++) {
            monitor.checkCancelled();
            for (int k = n - 1; k > 0; k--) {
                int j = random.nextInt(k + 1);
                int t = order[k];
                order[k] = order[j];
                order[j] = t;
            }
            for (int i : order) {
                double g = y[i] * Vectors.dot(w, x[i]) - 1;
                double updated = Math.max(0, alpha[i] - g / q[i]);
                double delta = (updated - alpha[i]) * y[i];
                if (delta != 0) {
                    for (int j = 0; j < d; j++) {
                        w[j] += delta * x[i][j];
                    }
                    alpha[i] = updated;
                }
            }
            double minMargin = Double.POSITIVE_INFINITY;
            for (int i = 0; i < n; i++) {
                minMargin = Math.min(minMargin, y[i] * Vectors.dot(w, x[i]));
            }
            if (minMargin <= 0) {
                continue;
            }
            double sumAlpha = 0;
            for (double a : alpha) {
                sumAlpha += a;
            }
            double ww = Vectors.dot(w, w);
            double primal = 0.5 * ww / (minMargin * minMargin);
            double dual = sumAlpha - 0.5 * ww;
            gap = primal - dual;
            if (gap <= relativeGap * primal) {
                double[] feasible = new double[d];
                for (int j = 0; j < d; j++) {
                    feasible[j] = w[j] / minMargin;
                }
                return new Solution(feasible, alpha, Math.max(gap, 0), sweep);
            }
        }
        throw new IllegalArgumentException("the data are not linearly separable through the origin, or the hard-margin "
                + "SVM was not solved in " + maxSweeps + " passes (duality gap " + gap + ")");
    }
}
