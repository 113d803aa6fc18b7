package org.example.carnot.spectrum;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The fit against closed forms. */
class PowerLawFitTest {

    @Test
    void theMleIsOnePlusNOverTheSumOfLogRatios() {
        // ln(x/xmin) = 0, 1, 2: alpha = 1 + 3/3 = 2 exactly.
        double[] x = {1, Math.E, Math.E * Math.E};
        assertEquals(2.0, PowerLawFit.alpha(x, 1.0), 1e-12);
        // Samples below xmin do not count.
        assertEquals(2.0, PowerLawFit.alpha(new double[] {0.1, 0.5, 1, Math.E, Math.E * Math.E}, 1.0), 1e-12);
    }

    @Test
    void recoversTheExponentOfAPowerLaw() {
        // Quantiles of the Pareto law with alpha = 3, xmin = 1: x = (1 - u)^(-1/(alpha - 1)).
        int n = 4000;
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            double u = (i + 0.5) / n;
            x[i] = Math.pow(1 - u, -1 / 2.0);
        }
        PowerLawFit.Fit fixed = PowerLawFit.fit(x, 1.0);
        assertEquals(3.0, fixed.alpha(), 0.02);
        assertEquals(n, fixed.tail());
        PowerLawFit.Fit best = PowerLawFit.fitBestXmin(x, 50);
        assertEquals(3.0, best.alpha(), 0.1);
        assertEquals(0.0, best.ks(), 0.01);
    }
}
