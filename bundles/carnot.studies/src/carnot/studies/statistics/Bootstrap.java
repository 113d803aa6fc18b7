package carnot.studies.statistics;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Percentile bootstrap intervals over runs (Efron and Tibshirani 1993, "An Introduction to the
 * Bootstrap", ch. 13): B resamples of the n runs drawn with replacement, the statistic on each, and
 * the (1 - level)/2 and (1 + level)/2 quantiles of the B values (linear interpolation between order
 * statistics). A resample that draws one run twice pairs the run with its copy: for Kendall's tau
 * that pair is tied and counts 0, so a tau-a interval is slightly pulled towards 0, as the
 * resampled population is.
 */
public final class Bootstrap {

    /** A statistic of the runs with the given indices (a resample; an index may repeat). */
    @FunctionalInterface
    public interface Statistic {
        double of(int[] runs);
    }

    /**
     * @param lower     lower end
     * @param upper     upper end
     * @param level     the coverage asked for, e.g. 0.95
     * @param resamples B, the resamples whose statistic was defined
     */
    public record Interval(double lower, double upper, double level, int resamples) {
    }

    private Bootstrap() {
    }

    /**
     * @param n         the number of runs
     * @param resamples B
     * @param level     in (0, 1)
     * @param seed      the resampling seed: the same seed gives the same interval
     * @return the interval; NaN ends when no resample had a defined (non-NaN) statistic
     */
    public static Interval percentile(int n, int resamples, double level, long seed, Statistic statistic) {
        if (n < 1 || resamples < 1 || !(level > 0 && level < 1)) {
            throw new IllegalArgumentException("bootstrap: n = " + n + ", resamples = " + resamples + ", level = "
                    + level + " (need n >= 1, resamples >= 1, 0 < level < 1)");
        }
        SplittableRandom random = new SplittableRandom(seed);
        double[] values = new double[resamples];
        int defined = 0;
        int[] sample = new int[n];
        for (int b = 0; b < resamples; b++) {
            for (int i = 0; i < n; i++) {
                sample[i] = random.nextInt(n);
            }
            double v = statistic.of(sample.clone());
            if (!Double.isNaN(v)) {
                values[defined++] = v;
            }
        }
        if (defined == 0) {
            return new Interval(Double.NaN, Double.NaN, level, 0);
        }
        double[] sorted = Arrays.copyOf(values, defined);
        Arrays.sort(sorted);
        return new Interval(quantile(sorted, (1 - level) / 2), quantile(sorted, (1 + level) / 2), level, defined);
    }

    /** The q-quantile of sorted values, linear between order statistics (type 7 of Hyndman and Fan 1996). */
    static double quantile(double[] sorted, double q) {
        double position = q * (sorted.length - 1);
        int below = (int) Math.floor(position);
        int above = Math.min(sorted.length - 1, below + 1);
        return sorted[below] + (position - below) * (sorted[above] - sorted[below]);
    }

    /** The values of {@code values} at {@code indices}: a resample. */
    public static double[] select(double[] values, int[] indices) {
        double[] out = new double[indices.length];
        for (int i = 0; i < indices.length; i++) {
            out[i] = values[indices[i]];
        }
        return out;
    }
}
