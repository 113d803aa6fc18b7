package carnot.studies;

/**
 * Bias-variance decompositions of the test error of models trained on independent training sets
 * (stateless; arguments are not modified).
 *
 * <p>Squared loss (Geman, Bienenstock and Doursat 1992): with outputs f_k(x) of model k = 1..K and
 * target vector t(x), mean f-bar(x) = (1/K) sum_k f_k(x),
 * {@code (1/K) sum_k ||f_k(x) - t||^2 = ||f-bar(x) - t||^2 + (1/K) sum_k ||f_k(x) - f-bar(x)||^2}
 * exactly (bias^2 + variance; the noise term is zero for a deterministic label), averaged over x.
 *
 * <p>0-1 loss (Domingos 2000, "A unified bias-variance decomposition", Theorem 2 with zero noise):
 * the main prediction y_m(x) is the most frequent prediction (ties: the smallest class), the bias
 * B(x) = [y_m != t], the variance V(x) = P_k(y_k != y_m), and
 * {@code E_k[y_k != t] = B(x) + c(x) V(x)} with c = 1 when B = 0 and
 * {@code c = -P_k(y_k = t | y_k != y_m)} when B = 1. Averaged over x: expected error = bias +
 * unbiased variance - biased variance (variance on unbiased points adds error, on biased points it
 * removes error).
 */
public final class BiasVariance {

    /** Mean over x of each term; {@code expected = bias + variance} exactly up to rounding. */
    public record Squared(double expected, double bias, double variance) {
    }

    /**
     * Mean over x of each term; {@code expected = bias + unbiasedVariance - biasedCorrection} exactly up
     * to rounding, where {@code biasedCorrection} is -c(x) V(x) = P_k(y_k = t) on biased points.
     */
    public record ZeroOne(double expected, double bias, double variance, double unbiasedVariance,
            double biasedVariance, double biasedCorrection) {
    }

    private BiasVariance() {
    }

    /**
     * @param outputs {@code outputs[k]}: model k's outputs, row-major {@code n x classes}
     * @param targets row-major {@code n x classes} target vectors
     */
    public static Squared squared(double[][] outputs, double[] targets, int classes) {
        int models = outputs.length;
        int n = targets.length / classes;
        double expected = 0;
        double bias = 0;
        double variance = 0;
        for (int i = 0; i < n; i++) {
            for (int c = 0; c < classes; c++) {
                int at = i * classes + c;
                double mean = 0;
                for (double[] model : outputs) {
                    mean += model[at];
                }
                mean /= models;
                double t = targets[at];
                bias += (mean - t) * (mean - t);
                for (double[] model : outputs) {
                    double v = model[at];
                    expected += (v - t) * (v - t) / models;
                    variance += (v - mean) * (v - mean) / models;
                }
            }
        }
        return new Squared(expected / n, bias / n, variance / n);
    }

    /**
     * @param predictions {@code predictions[k][i]}: model k's predicted class for example i
     * @param labels      the true classes
     */
    public static ZeroOne zeroOne(int[][] predictions, int[] labels, int classes) {
        int models = predictions.length;
        int n = labels.length;
        double expected = 0;
        double bias = 0;
        double variance = 0;
        double unbiased = 0;
        double biased = 0;
        double correction = 0;
        int[] votes = new int[classes];
        for (int i = 0; i < n; i++) {
            java.util.Arrays.fill(votes, 0);
            for (int[] model : predictions) {
                votes[model[i]]++;
            }
            int main = 0;
            for (int c = 1; c < classes; c++) {
                if (votes[c] > votes[main]) {
                    main = c;
                }
            }
            int t = labels[i];
            double v = 1 - (double) votes[main] / models;
            expected += 1 - (double) votes[t] / models;
            variance += v;
            if (main == t) {
                unbiased += v;
            } else {
                bias += 1;
                biased += v;
                // c V = -P(y = t | y != y_m) P(y != y_m) = -P(y = t)
                correction += (double) votes[t] / models;
            }
        }
        return new ZeroOne(expected / n, bias / n, variance / n, unbiased / n, biased / n, correction / n);
    }
}
