package carnot.studies;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** The decompositions on cases worked out by hand, and their identities on random cases. */
class BiasVarianceTest {

    /**
     * Two examples, two classes, two models. Example 0 (label 0): outputs (1, 0) and (0, 0): mean
     * (0.5, 0), bias^2 = 0.25, variance = ((0.5^2 + 0) + (0.5^2 + 0)) / 2 = 0.25, expected
     * = (0 + 1) / 2 = 0.5. Example 1 (label 1): outputs (0, 1) both: bias 0, variance 0, expected 0.
     */
    @Test
    void squaredLossTermsOfAHandWorkedCase() {
        double[][] outputs = {{1, 0, 0, 1}, {0, 0, 0, 1}};
        double[] targets = {1, 0, 0, 1};
        BiasVariance.Squared s = BiasVariance.squared(outputs, targets, 2);
        assertEquals(0.25, s.expected(), 1e-15);
        assertEquals(0.125, s.bias(), 1e-15);
        assertEquals(0.125, s.variance(), 1e-15);
    }

    /**
     * Three examples, three classes, three models, labels 0, 1, 2.
     * Example 0: predictions 0, 0, 1: main 0 = label, bias 0, V = 1/3, error 1/3.
     * Example 1: predictions 2, 2, 1: main 2 != 1, bias 1, V = 1/3, P(y = t) = 1/3, error 2/3 = 1 - 1/3.
     * Example 2: predictions 0, 1, 1: main 1 != 2, bias 1, V = 1/3, P(y = t) = 0, error 1.
     * Means: error 2/3, bias 2/3, variance 1/3, unbiased 1/9, biased 2/9, correction 1/9;
     * 2/3 + 1/9 - 1/9 = 2/3.
     */
    @Test
    void domingosZeroOneTermsOfAHandWorkedCase() {
        int[][] predictions = {{0, 2, 0}, {0, 2, 1}, {1, 1, 1}};
        BiasVariance.ZeroOne z = BiasVariance.zeroOne(predictions, new int[] {0, 1, 2}, 3);
        assertEquals(2.0 / 3, z.expected(), 1e-15);
        assertEquals(2.0 / 3, z.bias(), 1e-15);
        assertEquals(1.0 / 3, z.variance(), 1e-15);
        assertEquals(1.0 / 9, z.unbiasedVariance(), 1e-15);
        assertEquals(2.0 / 9, z.biasedVariance(), 1e-15);
        assertEquals(1.0 / 9, z.biasedCorrection(), 1e-15);
    }

    @Test
    void theTermsSumToTheExpectedErrorOnRandomCases() {
        Random random = new Random(7);
        for (int trial = 0; trial < 50; trial++) {
            int models = 2 + random.nextInt(6);
            int n = 1 + random.nextInt(40);
            int classes = 2 + random.nextInt(5);
            int[][] predictions = new int[models][n];
            double[][] outputs = new double[models][n * classes];
            int[] labels = new int[n];
            double[] targets = new double[n * classes];
            for (int i = 0; i < n; i++) {
                labels[i] = random.nextInt(classes);
                targets[i * classes + labels[i]] = 1;
                for (int k = 0; k < models; k++) {
                    predictions[k][i] = random.nextInt(classes);
                    for (int c = 0; c < classes; c++) {
                        outputs[k][i * classes + c] = random.nextGaussian();
                    }
                }
            }
            BiasVariance.ZeroOne z = BiasVariance.zeroOne(predictions, labels, classes);
            double errors = 0;
            for (int k = 0; k < models; k++) {
                for (int i = 0; i < n; i++) {
                    errors += predictions[k][i] != labels[i] ? 1 : 0;
                }
            }
            assertEquals(errors / models / n, z.expected(), 1e-12, "the expected 0-1 error, counted directly");
            assertEquals(z.expected(), z.bias() + z.unbiasedVariance() - z.biasedCorrection(), 1e-12);
            assertEquals(z.variance(), z.unbiasedVariance() + z.biasedVariance(), 1e-12);
            BiasVariance.Squared s = BiasVariance.squared(outputs, targets, classes);
            assertEquals(s.expected(), s.bias() + s.variance(), 1e-10 * Math.max(1, s.expected()));
        }
    }
}
