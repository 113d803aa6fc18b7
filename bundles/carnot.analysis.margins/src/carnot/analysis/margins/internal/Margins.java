package carnot.analysis.margins.internal;

import carnot.api.analysis.Predictions;
import java.util.Arrays;

/** Stateless margin computations on plain arrays. */
public final class Margins {

    private Margins() {
    }

    /**
     * Output margins {@code gamma_i = f_{y_i}(x_i) - max_{j != y_i} f_j(x_i)} (Bartlett, Foster
     * and Telgarsky 2017, eq. 1.1): positive iff example i is classified correctly, with a gap.
     *
     * @param predictions logits and labels; not modified
     * @return one margin per example, in example order
     */
    public static double[] outputMargins(Predictions predictions) {
        int n = predictions.size();
        int k = predictions.numClasses();
        double[] margins = new double[n];
        for (int i = 0; i < n; i++) {
            int y = predictions.labels()[i];
            double best = Double.NEGATIVE_INFINITY;
            for (int j = 0; j < k; j++) {
                if (j != y) {
                    best = Math.max(best, predictions.logit(i, j));
                }
            }
            margins[i] = predictions.logit(i, y) - best;
        }
        return margins;
    }

    /**
     * Empirical quantile with linear interpolation between order statistics (type 7 of Hyndman
     * and Fan 1996, numpy's default): position {@code q (n - 1)} in the sorted values.
     *
     * @param sorted values in ascending order; not modified
     * @param q      in [0, 1]
     */
    public static double quantile(double[] sorted, double q) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        double position = q * (sorted.length - 1);
        int lower = (int) Math.floor(position);
        int upper = Math.min(lower + 1, sorted.length - 1);
        double fraction = position - lower;
        return sorted[lower] + fraction * (sorted[upper] - sorted[lower]);
    }

    /** A sorted copy. */
    public static double[] sorted(double[] values) {
        double[] copy = values.clone();
        Arrays.sort(copy);
        return copy;
    }
}
