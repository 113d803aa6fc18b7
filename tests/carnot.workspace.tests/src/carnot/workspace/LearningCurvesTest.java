package carnot.workspace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class LearningCurvesTest {

    /** Critical values of Student's t from standard tables (two-sided 95%: the 0.975 quantile). */
    @Test
    void tQuantilesMatchTables() {
        assertEquals(12.7062, LearningCurves.studentTQuantile(0.975, 1), 1e-4);
        assertEquals(4.3027, LearningCurves.studentTQuantile(0.975, 2), 1e-4);
        assertEquals(2.2281, LearningCurves.studentTQuantile(0.975, 10), 1e-4);
        assertEquals(2.0423, LearningCurves.studentTQuantile(0.975, 30), 1e-4);
        assertEquals(3.3649, LearningCurves.studentTQuantile(0.99, 5), 1e-4);
        // nu = 1 is the Cauchy distribution: F(t) = 1/2 + atan(t)/pi.
        assertEquals(0.5 + Math.atan(0.7) / Math.PI, LearningCurves.studentTCdf(0.7, 1), 1e-12);
        // nu = 2 has F(t) = 1/2 + t / (2 sqrt(2 + t^2)).
        assertEquals(0.5 + 1.3 / (2 * Math.sqrt(2 + 1.3 * 1.3)), LearningCurves.studentTCdf(1.3, 2), 1e-12);
        assertEquals(Math.log(24), LearningCurves.logGamma(5), 1e-12);
        assertEquals(0.5 * Math.log(Math.PI), LearningCurves.logGamma(0.5), 1e-12);
    }

    @Test
    void anExactPowerLawIsRecovered() {
        double[] n = {500, 1000, 2000, 4000, 8000};
        double[] err = new double[n.length];
        for (int i = 0; i < n.length; i++) {
            err[i] = 3.0 * Math.pow(n[i], -0.35);
        }
        LearningCurves.PowerLaw fit = LearningCurves.fit(n, err, Map.of(), "testError");
        assertEquals(-0.35, fit.exponent(), 1e-12);
        assertEquals(3.0, fit.coefficient(), 1e-9);
        assertEquals(1.0, fit.r2(), 1e-12);
        assertEquals(0.0, fit.standardError(), 1e-9);
    }

    /**
     * With Gaussian noise in log space the 95% interval must cover the true exponent in about 95%
     * of repetitions (a check of the interval's calibration, not of one printed value).
     */
    @Test
    void theIntervalCoversTheTrueExponentAtItsNominalRate() {
        SplittableRandom random = new SplittableRandom(11);
        double[] n = {250, 500, 1000, 2000, 4000, 250, 500, 1000, 2000, 4000};
        int covered = 0;
        int trials = 2000;
        for (int t = 0; t < trials; t++) {
            double[] err = new double[n.length];
            for (int i = 0; i < n.length; i++) {
                err[i] = 2.0 * Math.pow(n[i], -0.5) * Math.exp(0.1 * gaussian(random));
            }
            LearningCurves.PowerLaw fit = LearningCurves.fit(n, err, Map.of(), "testError");
            if (fit.exponentLow() <= -0.5 && -0.5 <= fit.exponentHigh()) {
                covered++;
            }
        }
        double rate = covered / (double) trials;
        assertTrue(rate > 0.93 && rate < 0.97, "coverage " + rate);
    }

    @Test
    void tooFewPointsGiveNoFit() {
        assertNull(LearningCurves.fit(new double[] {100, 200}, new double[] {0.3, 0.2}, Map.of(), "testError"));
        assertNull(LearningCurves.fit(new double[] {100, 100, 100}, new double[] {0.3, 0.2, 0.1}, Map.of(), "testError"));
        assertNull(LearningCurves.fit(new double[] {100, 200, 400}, new double[] {0.3, 0.0, 0.0}, Map.of(), "testError"),
                "zero errors have no logarithm");
    }

    private static double gaussian(SplittableRandom random) {
        double u = random.nextDouble();
        double v = random.nextDouble();
        return Math.sqrt(-2 * Math.log(1 - u)) * Math.cos(2 * Math.PI * v);
    }
}
