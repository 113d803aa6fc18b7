package carnot.analysis.bounds;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The bounds' formulas by hand, and the validation bound's guarantee by simulation. */
class GeneralizationBoundsTest {

    /**
     * h = 10, m = 1000, delta = 0.05, train error 0.02, derived with bc -l (scale 25):
     * h (ln(2m/h) + 1) = 10 (ln 200 + 1) = 10 (5.2983173665 + 1) = 62.983173665;
     * -ln(delta/4) = ln 80 = 4.3820266347; their sum over m = 0.0673652003;
     * sqrt = 0.2595480693; plus 0.02 = 0.2795480693.
     */
    @Test
    void vcBoundByHand() {
        assertEquals(0.27954806934391604, GeneralizationBounds.vc(0.02, 10, 1000, 0.05), 1e-12);
        assertEquals(Double.POSITIVE_INFINITY, GeneralizationBounds.vc(0, 1000, 1000, 0.05), "h >= m: vacuous");
    }

    /**
     * Burges (1998, "A tutorial on support vector machines", section 2.6 and Fig. 3): for
     * eta = 0.05 and l = 10,000 training examples the VC confidence exceeds unity for h/l > 0.37.
     * With train error 0 the bound is the confidence alone: below 1 at h/l = 0.37, above 1 at 0.38.
     */
    @Test
    void vcConfidenceCrossesOneWhereBurgesSays() {
        assertTrue(GeneralizationBounds.vc(0, 3700, 10_000, 0.05) < 1);
        assertTrue(GeneralizationBounds.vc(0, 3800, 10_000, 0.05) > 1);
    }

    /**
     * The appendix's fixed-budget form: R_gamma + 8/n + 72 ||X||_2 R_A ln(2W) ln(n) / (gamma n)
     * + 3 sqrt(ln(2/delta) / (2n)); here R_gamma 0.1, gamma 2, R_A 4, ||X||_2 30, W 64, n 500,
     * delta 0.05, derived with bc -l: 8/n = 0.016; ln(2W) = ln 128 = 4.8520302639 and ln n = ln 500
     * = 6.2146080984, so the complexity term is 72 * 30 * 4 * 4.8520302639 * 6.2146080984 / (2 * 500)
     * = 260.5259511816; ln(2/delta) = ln 40 = 3.6888794541, 3 sqrt(3.6888794541 / 1000) =
     * 0.1822084386; total 0.1 + 0.016 + 260.5259511816 + 0.1822084385 = 260.8241596202 (vacuous,
     * as the paper's bounds are at these sizes).
     */
    @Test
    void spectralBoundByHand() {
        assertEquals(260.82415962017226, GeneralizationBounds.spectralMargin(0.1, 2, 4, 30, 64, 500, 0.05), 1e-9);
    }

    /** Hoeffding's upper confidence bound on a mean of k values in [0, 1] fails at most a delta fraction of the time. */
    @Test
    void monteCarloUpperBoundFailsAtMostADeltaFractionOfTheTime() {
        // 0.2 + sqrt(ln 10 / 20) = 0.2 + sqrt(2.3025850930 / 20) = 0.2 + 0.3393070212 (bc -l)
        assertEquals(0.5393070212207556, GeneralizationBounds.monteCarloUpper(0.2, 10, 0.1), 1e-12);
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

    /**
     * KL of N(mu_q, 0.2^2 I) from N(mu_p, 0.2^2 I) with ||mu_q - mu_p||^2 = 1: 1 / (2 * 0.04) = 12.5.
     * McAllester with that KL, m = 1000, delta = 0.05, posterior train error 0.05 (bc -l):
     * ln(1/delta) + ln m = ln 20 + ln 1000 = 2.9957322736 + 6.9077552790 = 9.9034875525;
     * (12.5 + 9.9034875525 + 2) / (2m - 1) = 24.4034875525 / 1999 = 0.0122078477;
     * sqrt = 0.1104891293; plus 0.05 = 0.1604891293.
     */
    @Test
    void pacBayesByHand() {
        assertEquals(12.5, GeneralizationBounds.isotropicGaussianKl(1.0, 0.2), 1e-12);
        assertEquals(0.16048912933007538, GeneralizationBounds.pacBayes(0.05, 12.5, 1000, 0.05), 1e-12);
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
        // 0.1 + sqrt(ln(5 / 0.1) / 400) = 0.1 + sqrt(3.9120230054 / 400) = 0.1 + 0.0988941733 (bc -l)
        assertEquals(0.19889417330444886, GeneralizationBounds.validation(0.1, 5, 200, 0.1), 1e-12);
    }
}
