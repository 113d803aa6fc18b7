package org.example.carnot.spectrum;

import java.util.Arrays;

/**
 * Fits a power law p(x) ~ x^(-alpha) to the tail x >= xmin of positive samples by maximum
 * likelihood, choosing xmin by the Kolmogorov-Smirnov distance, as Clauset, Shalizi and Newman
 * (2009, "Power-law distributions in empirical data", eqs. 3.1 and 3.9) prescribe and as Martin
 * and Mahoney's heavy-tailed self-regularization analyses do for layer spectra:
 *
 * <pre>
 *   alpha(xmin) = 1 + n / sum_{x_i >= xmin} ln(x_i / xmin)          (continuous MLE, n tail samples)
 *   D(xmin)     = max_{x >= xmin} | S(x) - (1 - (x / xmin)^(1 - alpha)) |   (S: empirical CDF of the tail)
 * </pre>
 *
 * Stateless; arguments are not modified.
 */
public final class PowerLawFit {

    /**
     * @param alpha power-law exponent (> 1)
     * @param xmin  start of the fitted tail
     * @param tail  number of samples >= xmin
     * @param ks    Kolmogorov-Smirnov distance of the fit on the tail
     */
    public record Fit(double alpha, double xmin, int tail, double ks) {
    }

    private PowerLawFit() {
    }

    /** The MLE of alpha for samples >= xmin (eq. 3.1). */
    public static double alpha(double[] samples, double xmin) {
        double sum = 0;
        int n = 0;
        for (double x : samples) {
            if (x >= xmin) {
                sum += Math.log(x / xmin);
                n++;
            }
        }
        return sum == 0 ? Double.NaN : 1 + n / sum;
    }

    /** The fit with a fixed xmin. */
    public static Fit fit(double[] samples, double xmin) {
        double[] tail = Arrays.stream(samples).filter(x -> x >= xmin).sorted().toArray();
        double alpha = alpha(tail, xmin);
        return new Fit(alpha, xmin, tail.length, ks(tail, xmin, alpha));
    }

    /**
     * The fit whose xmin (one of the samples, leaving at least {@code minTail} samples in the tail)
     * minimizes the KS distance.
     */
    public static Fit fitBestXmin(double[] samples, int minTail) {
        double[] sorted = Arrays.stream(samples).filter(x -> x > 0).sorted().toArray();
        Fit best = null;
        for (int i = 0; i + minTail <= sorted.length; i++) {
            if (i > 0 && sorted[i] == sorted[i - 1]) {
                continue;
            }
            double[] tail = Arrays.copyOfRange(sorted, i, sorted.length);
            double alpha = alpha(tail, sorted[i]);
            if (!Double.isFinite(alpha)) {
                continue;
            }
            Fit fit = new Fit(alpha, sorted[i], tail.length, ks(tail, sorted[i], alpha));
            if (best == null || fit.ks() < best.ks()) {
                best = fit;
            }
        }
        return best == null ? new Fit(Double.NaN, Double.NaN, 0, Double.NaN) : best;
    }

    /** KS distance between the sorted tail's empirical CDF and the fitted power-law CDF. */
    static double ks(double[] sortedTail, double xmin, double alpha) {
        int n = sortedTail.length;
        double d = 0;
        for (int i = 0; i < n; i++) {
            double model = 1 - Math.pow(sortedTail[i] / xmin, 1 - alpha);
            d = Math.max(d, Math.max(Math.abs((i + 1.0) / n - model), Math.abs((double) i / n - model)));
        }
        return d;
    }
}
