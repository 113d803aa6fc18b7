package carnot.workspace;

import java.util.List;
import java.util.Locale;

/**
 * Mean and spread of one quantity over n independent measurements (typically one final value per
 * seed): the one definition that run reports, sweep summaries, studies and the workbench share, so
 * that they agree, a single seed included.
 *
 * @param n             the number of values
 * @param mean          their arithmetic mean; NaN for n = 0
 * @param sd            the sample standard deviation sqrt(sum (x_i - mean)^2 / (n - 1)); NaN for
 *                      n &lt; 2 (one seed says nothing about the spread, which is not 0)
 * @param standardError the standard error of the mean, sd / sqrt(n); NaN for n &lt; 2
 */
public record SampleStatistics(int n, double mean, double sd, double standardError) {

    /** Of the given values; every value counts (a NaN makes the mean NaN). */
    public static SampleStatistics of(double... values) {
        int n = values.length;
        if (n == 0) {
            return new SampleStatistics(0, Double.NaN, Double.NaN, Double.NaN);
        }
        double sum = 0;
        for (double v : values) {
            sum += v;
        }
        double mean = sum / n;
        if (n < 2) {
            return new SampleStatistics(n, mean, Double.NaN, Double.NaN);
        }
        // Two passes: the squares about the mean, not sum x^2 - n mean^2, which cancels catastrophically.
        double squares = 0;
        for (double v : values) {
            squares += (v - mean) * (v - mean);
        }
        double sd = Math.sqrt(squares / (n - 1));
        return new SampleStatistics(n, mean, sd, sd / Math.sqrt(n));
    }

    /** Of the given values; every value counts. */
    public static SampleStatistics of(List<Double> values) {
        return of(values.stream().mapToDouble(Double::doubleValue).toArray());
    }

    /** Of the finite values only (a run that diverged, NaN or infinite, is left out). */
    public static SampleStatistics ofFinite(List<Double> values) {
        return of(values.stream().mapToDouble(Double::doubleValue).filter(Double::isFinite).toArray());
    }

    /**
     * {@code mean ± sd} with the mean to 4 significant digits and the sd to 2; the mean alone for
     * one value; an em dash for none. The sd of identical values that only rounding separates is
     * shown as 0.
     */
    public String format() {
        if (n == 0) {
            return "\u2014";
        }
        if (n < 2) {
            return String.format(Locale.ROOT, "%.4g", mean);
        }
        double spread = sd <= 1e-12 * Math.abs(mean) ? 0 : sd;
        return String.format(Locale.ROOT, "%.4g \u00b1 %.2g", mean, spread);
    }
}
