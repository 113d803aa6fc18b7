package carnot.analysis.margins;

import carnot.api.analysis.AnalysisResult;
import carnot.api.analysis.Histogram;
import carnot.api.analysis.Predictions;
import java.util.Arrays;

/** Stateless margin computations on plain arrays: output margins, quantiles, distribution summaries. */
public final class Margins {

    /** Quantile levels reported as {@code <prefix>quantiles}. */
    public static final double[] LEVELS = {0, 0.01, 0.05, 0.1, 0.25, 0.5, 0.75, 0.9, 0.95, 0.99, 1};

    private Margins() {
    }

    /**
     * Adds the distribution of {@code values} under {@code prefix}: {@code min}, {@code mean},
     * {@code median}, {@code q05}, {@code fractionNonPositive}, the series {@code quantileLevels}
     * and {@code quantiles} (levels {@link #LEVELS}) and an equal-width {@code histogram}.
     *
     * @param values not modified; at least one
     */
    public static void summarize(String prefix, double[] values, int bins, AnalysisResult.Builder result) {
        double[] sorted = sorted(values);
        double sum = 0;
        int nonPositive = 0;
        for (double m : values) {
            sum += m;
            if (m <= 0) {
                nonPositive++;
            }
        }
        result.scalar(prefix + "min", sorted[0]);
        result.scalar(prefix + "mean", sum / values.length);
        result.scalar(prefix + "median", quantile(sorted, 0.5));
        result.scalar(prefix + "q05", quantile(sorted, 0.05));
        result.scalar(prefix + "fractionNonPositive", (double) nonPositive / values.length);
        double[] quantiles = new double[LEVELS.length];
        for (int i = 0; i < LEVELS.length; i++) {
            quantiles[i] = quantile(sorted, LEVELS[i]);
        }
        result.series(prefix + "quantileLevels", LEVELS);
        result.series(prefix + "quantiles", quantiles);
        result.histogram(prefix + "histogram", Histogram.of(values, bins));
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

    /** The 0-1 error: the fraction of margins <= 0 (a tie counts as an error). */
    public static double errorRate(double[] margins) {
        int errors = 0;
        for (double margin : margins) {
            errors += margin <= 0 ? 1 : 0;
        }
        return (double) errors / margins.length;
    }

    /** A sorted copy. */
    public static double[] sorted(double[] values) {
        double[] copy = values.clone();
        Arrays.sort(copy);
        return copy;
    }
}
