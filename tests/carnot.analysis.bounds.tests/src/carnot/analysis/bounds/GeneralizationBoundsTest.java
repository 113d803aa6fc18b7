package carnot.analysis.bounds;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The bounds' formulas by hand, and the validation bound's guarantee by simulation. */
class GeneralizationBoundsTest {

    @Test
    void vcBoundByHand() {
        // h = 10, m = 1000, delta = 0.05: sqrt((10 (ln 200 + 1) + ln 80) / 1000)
        double term = Math.sqrt((10 * (Math.log(200) + 1) + Math.log(80)) / 1000);
        assertEquals(0.02 + term, GeneralizationBounds.vc(0.02, 10, 1000, 0.05), 1e-12);
        assertEquals(Double.POSITIVE_INFINITY, GeneralizationBounds.vc(0, 1000, 1000, 0.05), "h >= m: vacuous");
    }

    /**
     * The appendix's fixed-budget form: R_gamma + 8/n + 72 ||X||_2 R_A ln(2W) ln(n) / (gamma n)
     * + 3 sqrt(ln(2/delta) / (2n)); here R_gamma 0.1, gamma 2, R_A 4, ||X||_2 30, W 64, n 500,
     * delta 0.05 (ln(2/delta) = ln 40).
     */
    @Test
    void spectralBoundByHand() {
        double expected = 0.1 + 8.0 / 500 + 72 * 30 * 4 * Math.log(128) * Math.log(500) / (2 * 500)
                + 3 * Math.sqrt(Math.log(40) / 1000);
        assertEquals(expected, GeneralizationBounds.spectralMargin(0.1, 2, 4, 30, 64, 500, 0.05), 1e-9);
    }

    /** Hoeffding's upper confidence bound on a mean of k values in [0, 1] fails at most a delta fraction of the time. */
    @Test
    void monteCarloUpperBoundFailsAtMostADeltaFractionOfTheTime() {
        assertEquals(0.2 + Math.sqrt(Math.log(10) / 20), GeneralizationBounds.monteCarloUpper(0.2, 10, 0.1), 1e-12);
        assertEquals(1, GeneralizationBounds.monteCarloUpper(0.9, 1, 0.1), 0, "capped at 1");
        SplittableRandom random = new SplittableRandom(5);
        double p = 0.3;
        int k = 20;
        int trials = 4000;
        int failures = 0;
        for (int t = 0; t < trials; t++) {
            double sum = 0;
            for (int i = 0; i < k; i++) {
                sum += random.nextDouble() < p ? 1 : 0;
            }
            failures += GeneralizationBounds.monteCarloUpper(sum / k, k, 0.1) < p ? 1 : 0;
        }
        assertTrue(failures <= 0.1 * trials, "failures " + failures + " of " + trials);
    }

    @Test
    void pacBayesByHand() {
        assertEquals(12.5, GeneralizationBounds.isotropicGaussianKl(1.0, 0.2), 1e-12, "1 / (2 * 0.04)");
        double expected = 0.05 + Math.sqrt((12.5 + Math.log(20) + Math.log(1000) + 2) / 1999);
        assertEquals(expected, GeneralizationBounds.pacBayes(0.05, 12.5, 1000, 0.05), 1e-12);
    }

    /**
     * Kawaguchi et al.'s bound is Hoeffding plus a union bound: over many simulated validation
     * sets drawn from classifiers with known true errors, the bound must fail for at most a
     * delta fraction of the draws (for |F_val| = 5 models, the event "any of the 5 fails").
     */
    @Test
    void validationBoundFailsAtMostADeltaFractionOfTheTime() {
        SplittableRandom random = new SplittableRandom(3);
        double[] trueErrors = {0.05, 0.1, 0.2, 0.3, 0.5};
        int m = 200;
        double delta = 0.1;
        int trials = 4000;
        int failures = 0;
        for (int t = 0; t < trials; t++) {
            boolean failed = false;
            for (double p : trueErrors) {
                int errors = 0;
                for (int i = 0; i < m; i++) {
                    errors += random.nextDouble() < p ? 1 : 0;
                }
                failed |= GeneralizationBounds.validation((double) errors / m, trueErrors.length, m, delta) < p;
            }
            failures += failed ? 1 : 0;
        }
        assertTrue(failures <= delta * trials, "failures " + failures + " of " + trials);
        assertEquals(0.1 + Math.sqrt(Math.log(5 / 0.1) / 400), GeneralizationBounds.validation(0.1, 5, 200, 0.1),
                1e-12);
    }
}
